import { NextResponse } from "next/server";
import { BadRequestError, withApiErrors } from "@/lib/http/errors";
import { listReviews, submitReview } from "@/lib/review/reviews";

type Context = { params: Promise<{ id: string }> };

/** The call's QA reviews, newest first, each with the scorecard version it was scored on (manager and up). */
export const GET = withApiErrors<Context>(async (_request, { params }) => {
  const { id } = await params;
  return NextResponse.json({ reviews: await listReviews(id) });
});

/** Scores the call: { versionId, answers: [{ questionId, answer, comment?, turn? }], outcome, sentiment, reason? }. */
export const POST = withApiErrors<Context>(async (request, { params }) => {
  const { id } = await params;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new BadRequestError("The body must be JSON: { versionId, answers, outcome, sentiment, reason? }.");
  }
  return NextResponse.json(await submitReview(id, body), { status: 201 });
});
