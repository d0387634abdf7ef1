import { NextResponse } from "next/server";
import { getCall } from "@/lib/calls/detail";
import { serializeCall } from "@/lib/calls/serialize";
import { NotFoundError, withApiErrors } from "@/lib/http/errors";

type Context = { params: Promise<{ id: string }> };

/** The whole call, transcript included, with the payload's own field names (lib/calls/serialize.ts). */
export const GET = withApiErrors<Context>(async (_request, { params }) => {
  const { id } = await params;
  const detail = await getCall(id, { deliveries: false });
  if (!detail) throw new NotFoundError(`No call with id "${id.slice(0, 64)}".`);
  return NextResponse.json(serializeCall(detail.call));
});
