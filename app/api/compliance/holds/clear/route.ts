import { NextResponse } from "next/server";
import { clearHold } from "@/lib/compliance/commands";
import { readJsonBody } from "@/lib/compliance/json-body";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** POST /api/compliance/holds/clear {accountId, holdId, reason}: a manager clears a hold with a reason. */
export const POST = withApiErrors(async (request: Request) => {
  const body = await readJsonBody(request);
  const row = await clearHold({ accountId: String(body.accountId ?? ""), holdId: body.holdId, reason: body.reason });
  return NextResponse.json({ id: row.id, holdId: row.holdId, clearedAt: row.clearedAt }, { status: 201 });
});
