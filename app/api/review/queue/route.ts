import { NextResponse } from "next/server";
import { withApiErrors } from "@/lib/http/errors";
import { getReviewQueue } from "@/lib/review/queue";
import { parseQueueQuery } from "@/lib/review/queue-query";

/** The review queue (manager and up): ?reason=sample|compliance_flag|low_confidence_promise|negative_payment&limit=1-200. */
export const GET = withApiErrors(async (request) => {
  const query = parseQueueQuery(new URL(request.url).searchParams);
  return NextResponse.json(await getReviewQueue(query));
});
