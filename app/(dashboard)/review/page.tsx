import type { Metadata } from "next";
import { ReviewQueueTable } from "@/components/review/review-queue-table";
import { getViewer } from "@/lib/auth/guard";
import { getReviewQueue } from "@/lib/review/queue";
import { QUEUE_REASONS, type QueueReason } from "@/lib/review/queue-reasons";
import { claimAction } from "./actions";

export const metadata: Metadata = { title: "Review" };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function ReviewPage({ searchParams }: Props) {
  const params = await searchParams;
  const reason = (QUEUE_REASONS as readonly string[]).includes(String(params.reason)) ? (params.reason as QueueReason) : undefined;
  const notice = typeof params.notice === "string" ? params.notice.slice(0, 300) : null;
  const [queue, viewer] = await Promise.all([getReviewQueue({ reason, limit: 100 }), getViewer()]);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Review queue</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Calls of the last 14 days to score: a random sample of connected calls per portfolio and week, and every call with an open
          compliance flag, a low-confidence promise, or a negative sentiment with a payment outcome. Claim one to score it; a claim keeps
          others off it for a while.
        </p>
      </div>
      {notice && (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {notice}
        </p>
      )}
      <ReviewQueueTable
        items={queue.items.map((item) => ({
          ...item,
          receivedAt: item.receivedAt.toISOString(),
          claimedBy: item.claimedBy && { ...item.claimedBy, expiresAt: item.claimedBy.expiresAt.toISOString() },
        }))}
        total={queue.total}
        reason={reason ?? null}
        viewerId={viewer?.id ?? ""}
        claim={claimAction}
      />
    </div>
  );
}
