import { NextResponse } from "next/server";
import { saveComplianceSettings } from "@/lib/compliance/commands";
import { readJsonBody } from "@/lib/compliance/json-body";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** PUT /api/compliance/settings {default, portfolios}: an admin (signed in) saves the rules; 422 with every invalid field saves nothing. */
export const PUT = withApiErrors(async (request: Request) => {
  const saved = await saveComplianceSettings(await readJsonBody(request));
  return NextResponse.json(saved);
});
