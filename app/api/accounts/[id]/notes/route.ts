import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/accounts/json-body";
import { createNote, listNotes } from "@/lib/accounts/notes";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** GET: the account's notes, newest first (`?history=1`, admins: deleted notes and earlier versions too). */
export const GET = withApiErrors<Context>(async (request, { params }) => {
  const { id } = await params;
  const history = new URL(request.url).searchParams.get("history") === "1";
  return NextResponse.json({ items: await listNotes({ kind: "account", id }, { history }) });
});

/** POST {body}: a new note on the account (≤ 10,000 characters). */
export const POST = withApiErrors<Context>(async (request, { params }) => {
  const { id } = await params;
  const note = await createNote({ kind: "account", id }, await readJsonBody(request));
  return NextResponse.json(note, { status: 201 });
});
