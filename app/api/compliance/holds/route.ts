import { NextResponse } from "next/server";
import { addHold } from "@/lib/compliance/commands";
import { readJsonBody } from "@/lib/compliance/json-body";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** POST /api/compliance/holds {accountId, kind, note, debtKeys?, numbers?}: an agent records a hold (README "Compliance"). */
export const POST = withApiErrors(async (request: Request) => {
  const body = await readJsonBody(request);
  const hold = await addHold({ ...body, accountId: String(body.accountId ?? "") } as Parameters<typeof addHold>[0]);
  return NextResponse.json({ id: hold.id, kind: hold.kind, placedAt: hold.placedAt }, { status: 201 });
});
