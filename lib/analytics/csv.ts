import "server-only";
import { getAccountKpis, getBestTimeToCall } from "@/lib/accounts/analytics";
import { outcomeInfo } from "@/lib/calls/catalogue";
import { CSV_BOM, type CsvValue, csvRows } from "@/lib/http/csv";
import { CHART_IDS, type ChartId } from "./charts";
import { DURATION_BANDS, KPI_DEFINITIONS } from "./metrics";
import * as Q from "./queries";
import type { AnalyticsQuery } from "./query";

/**
 * Each chart's data as CSV: exactly the figures the chart draws (the same
 * query function), one file per chart. Values are raw counts plus the rates
 * derived from them; outcome/sentiment columns carry the raw Levers values,
 * written by the one CSV writer (lib/http/csv.ts), which defuses formulas in
 * those payload-supplied values too.
 */

export function isChartId(value: string): value is ChartId {
  return (CHART_IDS as readonly string[]).includes(value);
}

const rate = (n: number, d: number) => (d > 0 ? Number((n / d).toFixed(6)) : "");
const none = (v: string) => (v === "" ? "(none)" : v);

async function rows(chart: ChartId, q: AnalyticsQuery): Promise<CsvValue[][]> {
  switch (chart) {
    case "kpis": {
      const { current, previous } = await Q.getKpis(q);
      return [
        ["kpi", "label", "value", "previous_value", "unit", "basis"],
        ...KPI_DEFINITIONS.map((k) => [
          k.key,
          k.label,
          k.value(current) ?? "",
          k.value(previous) ?? "",
          k.format === "percent" ? "ratio" : k.format === "duration" ? "seconds" : "calls",
          k.basis,
        ]),
      ];
    }
    case "outcome-trend":
    case "sentiment-trend": {
      const trend = chart === "outcome-trend" ? await Q.getOutcomeTrend(q) : await Q.getSentimentTrend(q);
      return [
        ["bucket_start", "from", "to", "total", ...trend.series.map(none)],
        ...trend.buckets.map((b) => [b.key, b.from, b.to, b.total, ...trend.series.map((s) => b.values[s] ?? 0)]),
      ];
    }
    case "outcome-distribution": {
      const dist = await Q.getOutcomeDistribution(q);
      const total = dist.reduce((n, r) => n + r.calls, 0);
      return [
        ["outcome", "label", "calls", "share"],
        ...dist.map((r) => [none(r.value), outcomeInfo(r.value).label, r.calls, rate(r.calls, total)]),
      ];
    }
    case "funnel": {
      const f = await Q.getFunnel(q);
      const steps: [string, string, number][] = [
        ["calls", "Calls", f.calls],
        ["delivered", "Delivered", f.delivered],
        ["connected", "Connected", f.connected],
        ["promise_or_extension", "Promise or extension", f.promises],
        ["payment_completed", "Payment completed", f.payments],
      ];
      return [["step", "label", "calls", "share_of_calls"], ...steps.map(([key, label, n]) => [key, label, n, rate(n, f.calls)])];
    }
    case "projects":
    case "numbers": {
      const list = chart === "projects" ? await Q.getProjectBreakdown(q) : await Q.getNumberBreakdown(q);
      return [
        [chart === "projects" ? "project" : "levers_number", "calls", "promises", "promise_rate", "negative", "rated", "negative_share"],
        ...list.map((r) => [none(r.key), r.calls, r.promises, rate(r.promises, r.calls), r.negative, r.rated, rate(r.negative, r.rated)]),
      ];
    }
    case "durations": {
      const list = await Q.getDurationByOutcome(q);
      return [
        ["outcome", "label", "calls", "average_seconds", ...DURATION_BANDS.map((b) => b.label)],
        ...list.map((r) => [
          none(r.outcome),
          outcomeInfo(r.outcome).label,
          r.calls,
          r.calls ? Math.round(r.durationSum / r.calls) : "",
          ...r.bands,
        ]),
      ];
    }
    case "accounts": {
      const k = await getAccountKpis(q);
      return [
        ["figure", "value", "numerator", "denominator", "note"],
        [
          "promise_kept_rate",
          k.keptRate ?? "",
          k.kept,
          k.kept + k.broken,
          `kept_late (${k.keptLate}) counts as kept; ${k.pending} pending`,
        ],
        [
          "broken_follow_up_median_seconds",
          k.followUpMedianSeconds ?? "",
          k.followedUp,
          k.brokenInPeriod,
          "broken -> next right-party contact",
        ],
        ["broken_follow_up_p90_seconds", k.followUpP90Seconds ?? "", k.followedUp, k.brokenInPeriod, ""],
        ["right_party_contact_rate", k.rightPartyRate ?? "", k.rightPartyContacts, k.attempts, ""],
        [
          "promises_per_right_party_contact",
          k.promisesPerRightPartyContact ?? "",
          k.promisesMade,
          k.rightPartyContacts,
          "a plan counts once",
        ],
        ["attempts_per_account", k.attemptsPerAccount ?? "", k.attempts, k.accountsCalled, ""],
      ];
    }
    case "best-time": {
      const { cells, minCalls } = await getBestTimeToCall(q);
      return [
        ["weekday", "hour", "calls", "right_party_contacts", "rate", "enough_calls"],
        ...cells.map((c) => [c.weekday, c.hour, c.calls, c.rightPartyContacts, rate(c.rightPartyContacts, c.calls), c.calls >= minCalls]),
      ];
    }
  }
}

export async function chartCsv(chart: ChartId, q: AnalyticsQuery): Promise<{ fileName: string; body: string }> {
  const data = await rows(chart, q);
  const { from, to } = q.period;
  return {
    fileName: `analytics-${chart}-${from}_${to}.csv`,
    // A BOM so spreadsheet apps read the labels' en dashes as UTF-8.
    body: CSV_BOM + csvRows(data),
  };
}
