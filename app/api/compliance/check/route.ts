import { NextResponse } from "next/server";
import { checkNumber } from "@/lib/compliance/check";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** GET /api/compliance/check?number=+1…&project=…: may a dialer call this number now (README "Compliance")? */
export const GET = withApiErrors(async (request: Request) => {
  const answer = await checkNumber(new URL(request.url).searchParams);
  return NextResponse.json(answer, { headers: { "Cache-Control": "no-store" } });
});
