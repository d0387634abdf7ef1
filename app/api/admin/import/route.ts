import { NextResponse } from "next/server";
import { importUpload } from "@/lib/accounts/upload";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** POST /api/admin/import: the body is a JSONL file of phone_call.ended payloads plus receivedAt (admins; README, API section). */
export const POST = withApiErrors(async (request: Request) => {
  const summary = await importUpload(request.body, request.headers.get("content-length"));
  return NextResponse.json(summary);
});
