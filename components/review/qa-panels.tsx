import { Suspense } from "react";
import { ChartCard } from "@/components/analytics/chart-card";
import { WidgetSkeleton } from "@/components/analytics/skeletons";
import { WidgetBoundary } from "@/components/analytics/widget-boundary";
import type { QaAnalytics } from "@/lib/review/qa-analytics";

const pct = (x: number | null) => (x === null ? "–" : `${Math.round(x * 100)} %`);

async function Panels({ data }: { data: Promise<QaAnalytics> }) {
  const qa = await data;
  const max = Math.max(1, ...qa.distribution.map((d) => d.reviews));
  return (
    <>
      <ChartCard
        id="qa-scores"
        title="QA score distribution"
        description={`${qa.reviews} reviews, ${qa.criticalFails} failed a critical question (score 0)`}
      >
        {qa.reviews === 0 ? (
          <p className="text-sm text-slate-600">No reviews of calls in this period yet. Reviewers score calls from the Review queue.</p>
        ) : (
          <table className="w-full text-sm">
            <caption className="sr-only">Reviews per score band</caption>
            <thead className="sr-only">
              <tr>
                <th scope="col">Score</th>
                <th scope="col">Reviews</th>
              </tr>
            </thead>
            <tbody>
              {qa.distribution.map((d) => (
                <tr key={d.from}>
                  <th scope="row" className="w-16 py-0.5 pr-2 text-left font-normal text-slate-700 tabular-nums">
                    {d.from}–{d.to}
                  </th>
                  <td className="py-0.5">
                    <div className="flex items-center gap-2">
                      <div
                        aria-hidden
                        className="h-3 rounded-sm bg-indigo-500"
                        style={{ width: `${(d.reviews / max) * 100}%`, minWidth: d.reviews ? 4 : 0 }}
                      />
                      <span className="tabular-nums text-slate-700">{d.reviews}</span>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ChartCard>
      <ChartCard
        id="qa-failed"
        title="Most failed QA questions"
        description="Fail rate with its 95 % interval (Wilson) and the reviews that answered it (n/a left out)"
      >
        {qa.failedQuestions.length === 0 ? (
          <p className="text-sm text-slate-600">No question has failed in this period.</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-2 font-medium">
                  Question
                </th>
                <th scope="col" className="py-1 pr-2 text-right font-medium">
                  Fails
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  95 % interval
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {qa.failedQuestions.map((f) => (
                <tr key={`${f.scorecard}:${f.questionId}`}>
                  <td className="py-1.5 pr-2 text-slate-800">{f.text}</td>
                  <td className="py-1.5 pr-2 text-right tabular-nums whitespace-nowrap">
                    {pct(f.rate)}{" "}
                    <span className="text-slate-600">
                      ({f.k} of {f.n})
                    </span>
                  </td>
                  <td className="py-1.5 text-right tabular-nums whitespace-nowrap text-slate-700">
                    {pct(f.low)}–{pct(f.high)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ChartCard>
    </>
  );
}

/** The QA widgets on /analytics: score distribution and the most failed questions, streamed on their own. */
export function QaPanels({ data }: { data: Promise<QaAnalytics> }) {
  return (
    <WidgetBoundary title="QA reviews">
      <Suspense fallback={<WidgetSkeleton title="QA reviews" height="h-56" />}>
        <Panels data={data} />
      </Suspense>
    </WidgetBoundary>
  );
}
