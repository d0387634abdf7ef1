import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/accounts/json-body";
import { deleteNote, editNote } from "@/lib/accounts/notes";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** PATCH {body}: the author edits their note (the earlier text is kept as a revision). */
export const PATCH = withApiErrors<Context>(async (request, { params }) => {
  const { id } = await params;
  return NextResponse.json(await editNote(id, await readJsonBody(request)));
});

/** DELETE: the author deletes their note (soft: admins still see it in the history). */
export const DELETE = withApiErrors<Context>(async (_request, { params }) => {
  const { id } = await params;
  await deleteNote(id);
  return new NextResponse(null, { status: 204 });
});
