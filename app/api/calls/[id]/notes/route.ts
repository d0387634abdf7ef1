import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/accounts/json-body";
import { accountIdOfCall, createNote, listNotes } from "@/lib/accounts/notes";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** GET: the call's notes, newest first, and the call's accountId (`?history=1`, admins: deleted notes and earlier versions too). */
export const GET = withApiErrors<Context>(async (request, { params }) => {
  const { id } = await params;
  const history = new URL(request.url).searchParams.get("history") === "1";
  const items = await listNotes({ kind: "call", id }, { history });
  return NextResponse.json({ items, accountId: await accountIdOfCall(id) });
});

/** POST {body}: a new note on the call (≤ 10,000 characters). */
export const POST = withApiErrors<Context>(async (request, { params }) => {
  const { id } = await params;
  const note = await createNote({ kind: "call", id }, await readJsonBody(request));
  return NextResponse.json(note, { status: 201 });
});
