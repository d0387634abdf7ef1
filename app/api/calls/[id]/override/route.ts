import { NextResponse } from "next/server";
import { BadRequestError, PayloadTooLargeError, withApiErrors } from "@/lib/http/errors";
import { serializeVerdict, setCallVerdict } from "@/lib/review/verdicts";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const MAX_BODY = 16_000;

/**
 * POST /api/calls/<id>/override: a person corrects (or confirms) the AI's
 * outcome and/or sentiment, with a reason. Body and answers in the README.
 */
export const POST = withApiErrors<Context>(async (request, { params }) => {
  const { id } = await params;
  const text = await request.text();
  if (text.length > MAX_BODY) throw new PayloadTooLargeError();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadRequestError('The body must be JSON, e.g. {"outcome": "NOT INTERESTED", "reason": "…"}.');
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new BadRequestError('The body must be a JSON object, e.g. {"outcome": "NOT INTERESTED", "reason": "…"}.');
  }
  const { outcome, sentiment, reason, ...rest } = body as Record<string, unknown>;
  const unknownField = Object.keys(rest)[0];
  if (unknownField !== undefined) {
    throw new BadRequestError(`Unknown field "${unknownField.slice(0, 40)}": send outcome, sentiment and reason.`, {
      issues: [{ path: unknownField.slice(0, 40), message: "Unknown field." }],
    });
  }
  const verdict = await setCallVerdict({
    callId: id,
    outcome: outcome as string | null | undefined,
    sentiment: sentiment as string | null | undefined,
    reason: reason as string,
    source: "override",
  });
  return NextResponse.json({ verdict: serializeVerdict(verdict) });
});
