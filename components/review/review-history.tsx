import { Badge } from "@/components/ui/badge";

export interface ReviewSummary {
  id: string;
  reviewerName: string;
  score: number | null;
  criticalFailed: boolean;
  version: number;
  scorecardName: string;
  createdAt: string;
}

/** Earlier reviews of this call, each on the scorecard version it was scored on. */
export function ReviewHistory({ reviews }: { reviews: ReviewSummary[] }) {
  if (!reviews.length) return null;
  return (
    <section aria-labelledby="review-history" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="review-history" className="text-sm font-semibold text-slate-900">
        Earlier reviews
      </h2>
      <ul className="mt-2 space-y-1.5 text-sm text-slate-700">
        {reviews.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{r.score ?? "n/a"}</span>
            {r.criticalFailed && <Badge tone="red">Critical fail</Badge>}
            <span>
              by {r.reviewerName}, {r.createdAt.slice(0, 10)} ({r.scorecardName} v{r.version})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
