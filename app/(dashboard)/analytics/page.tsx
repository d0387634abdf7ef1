import type { Metadata } from "next";
import { cookies } from "next/headers";
import { after } from "next/server";
import type { SearchParams } from "nuqs/server";
import { Suspense } from "react";
import { AccountKpiCards } from "@/components/analytics/account-kpis";
import { AnalyticsProvider } from "@/components/analytics/analytics-context";
import { AnalyticsFrame } from "@/components/analytics/analytics-frame";
import { BestTimeHeatmap } from "@/components/analytics/best-time-heatmap";
import { BreakdownTable } from "@/components/analytics/breakdown-table";
import { DurationChart } from "@/components/analytics/duration-chart";
import { FunnelChart } from "@/components/analytics/funnel-chart";
import { KpiCards } from "@/components/analytics/kpi-cards";
import { OutcomeDistribution } from "@/components/analytics/outcome-distribution";
import { KpiSkeleton, WidgetSkeleton } from "@/components/analytics/skeletons";
import { TrendChart } from "@/components/analytics/trend-chart";
import { WidgetBoundary } from "@/components/analytics/widget-boundary";
import { AiAccuracy } from "@/components/review/ai-accuracy";
import { QaPanels } from "@/components/review/qa-panels";
import { ValuesSwitch } from "@/components/review/values-switch";
import { getAccountKpis, getBestTimeToCall } from "@/lib/accounts/analytics";
import { toPeriodView } from "@/lib/analytics/drill-down";
import { rollupZone } from "@/lib/analytics/period";
import * as Q from "@/lib/analytics/queries";
import { toAnalyticsQuery } from "@/lib/analytics/query";
import { analyticsSearchParamsCache, TZ_COOKIE } from "@/lib/analytics/search-params";
import { prepareZoneInBackground } from "@/lib/analytics/zones";
import { getAccuracyPanels } from "@/lib/review/accuracy";
import { getQaAnalytics } from "@/lib/review/qa-analytics";

export const metadata: Metadata = { title: "Analytics" };

function handled<T>(promise: Promise<T>): Promise<T> {
  // Each widget reads its promise inside its own Suspense + error boundary; a
  // rejection must not also surface as an unhandled one.
  promise.catch(() => {});
  return promise;
}

function cookieZone(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/**
 * The manager's dashboard. Thin: read the URL with the shared parsers (the
 * zone from the URL, else the browser's via cookie), start every query, and
 * let each widget stream in on its own.
 */
export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await analyticsSearchParamsCache.parse(searchParams);
  const q = toAnalyticsQuery({ ...params, tz: params.tz ?? cookieZone((await cookies()).get(TZ_COOKIE)?.value) });

  // Awaited first: it also runs the role check, so a viewer without the manager
  // role gets the 403 page rather than nine failing widgets.
  const options = await Q.getFilterOptions(q);
  if ((await Q.loadZoneState(rollupZone(q.period.tz))).kind !== "full") after(() => prepareZoneInBackground(q.period.tz));

  const period = toPeriodView(q.period);
  const widgets = (
    <div className="grid grid-cols-1 gap-4 xl:grid-cols-3">
      <div className="xl:col-span-3">
        <ValuesSwitch />
      </div>
      <div className="xl:col-span-3">
        <WidgetBoundary title="Key figures">
          <Suspense fallback={<KpiSkeleton />}>
            <KpiCards data={handled(Q.getKpis(q))} />
          </Suspense>
        </WidgetBoundary>
      </div>
      <div className="xl:col-span-3">
        <WidgetBoundary title="Accounts">
          <Suspense fallback={<WidgetSkeleton title="Accounts" height="h-28" />}>
            <AccountKpiCards data={handled(getAccountKpis(q))} />
          </Suspense>
        </WidgetBoundary>
      </div>
      <div className="xl:col-span-2">
        <WidgetBoundary title="Outcomes over time">
          <Suspense fallback={<WidgetSkeleton title="Outcomes over time" height="h-72" />}>
            <TrendChart
              id="outcome-trend"
              kind="outcome"
              title="Outcomes over time"
              description={`Calls per ${period.granularity} by outcome`}
              data={handled(Q.getOutcomeTrend(q))}
            />
          </Suspense>
        </WidgetBoundary>
      </div>
      <WidgetBoundary title="Outcome mix">
        <Suspense fallback={<WidgetSkeleton title="Outcome mix" height="h-44" />}>
          <OutcomeDistribution data={handled(Q.getOutcomeDistribution(q))} />
        </Suspense>
      </WidgetBoundary>
      <div className="xl:col-span-2">
        <WidgetBoundary title="Sentiment over time">
          <Suspense fallback={<WidgetSkeleton title="Sentiment over time" height="h-72" />}>
            <TrendChart
              id="sentiment-trend"
              kind="sentiment"
              title="Sentiment over time"
              description={`Share of calls per ${period.granularity} by sentiment`}
              data={handled(Q.getSentimentTrend(q))}
            />
          </Suspense>
        </WidgetBoundary>
      </div>
      <WidgetBoundary title="Collections funnel">
        <Suspense fallback={<WidgetSkeleton title="Collections funnel" height="h-56" />}>
          <FunnelChart data={handled(Q.getFunnel(q))} />
        </Suspense>
      </WidgetBoundary>
      <WidgetBoundary title="By project">
        <Suspense fallback={<WidgetSkeleton title="By project" />}>
          <BreakdownTable kind="projects" data={handled(Q.getProjectBreakdown(q))} />
        </Suspense>
      </WidgetBoundary>
      <WidgetBoundary title="By Levers number">
        <Suspense fallback={<WidgetSkeleton title="By Levers number" />}>
          <BreakdownTable kind="numbers" data={handled(Q.getNumberBreakdown(q))} />
        </Suspense>
      </WidgetBoundary>
      <WidgetBoundary title="Call duration by outcome">
        <Suspense fallback={<WidgetSkeleton title="Call duration by outcome" />}>
          <DurationChart data={handled(Q.getDurationByOutcome(q))} />
        </Suspense>
      </WidgetBoundary>
      <div className="xl:col-span-2">
        <WidgetBoundary title="Best time to call">
          <Suspense fallback={<WidgetSkeleton title="Best time to call" height="h-56" />}>
            <BestTimeHeatmap data={handled(getBestTimeToCall(q))} />
          </Suspense>
        </WidgetBoundary>
      </div>
      <div className="xl:col-span-3">
        <WidgetBoundary title="AI accuracy">
          <Suspense fallback={<WidgetSkeleton title="AI accuracy" />}>
            <AiAccuracy
              data={handled(getAccuracyPanels(q))}
              scope={{ from: period.from, to: period.to, tz: period.tz, project: q.filters.project }}
            />
          </Suspense>
        </WidgetBoundary>
      </div>
      <QaPanels data={handled(getQaAnalytics(q))} />
    </div>
  );

  return (
    <AnalyticsProvider value={{ period, filters: q.filters, values: q.values }}>
      <AnalyticsFrame period={period} options={options}>
        {widgets}
      </AnalyticsFrame>
    </AnalyticsProvider>
  );
}
