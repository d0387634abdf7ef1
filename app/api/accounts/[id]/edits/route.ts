import { NextResponse } from "next/server";
import { applyManualEdit } from "@/lib/accounts/edits";
import { readJsonBody } from "@/lib/accounts/json-body";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/**
 * POST {kind, …}: a manual edit (promise due date or amount, reviewed, cancel;
 * callback reassign or close; account owner). Stored as an account event and
 * applied by the re-derivation it queues (202: the account shows it in a moment).
 */
export const POST = withApiErrors<Context>(async (request, { params }) => {
  const { id } = await params;
  const edit = await applyManualEdit(id, await readJsonBody(request));
  return NextResponse.json(edit, { status: 202 });
});
