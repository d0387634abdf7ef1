import { NextResponse } from "next/server";
import { setFlagStatus } from "@/lib/compliance/commands";
import { readJsonBody } from "@/lib/compliance/json-body";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** PATCH /api/compliance/flags/<id> {status: confirmed|dismissed|open, reason}: a manager reviews a flag (dismissal needs a reason). */
export const PATCH = withApiErrors<Context>(async (request, { params }) => {
  const { id } = await params;
  const flag = await setFlagStatus(id, await readJsonBody(request));
  return NextResponse.json({ id: flag.id, status: flag.status, reason: flag.statusReason, by: flag.statusBy, at: flag.statusAt });
});
