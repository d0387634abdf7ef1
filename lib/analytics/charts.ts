import { type AnalyticsSearchParams, serializeAnalyticsSearch } from "./search-params";

/** The analytics page's widgets: ids for CSV downloads, test ids and headings. Plain data: client-safe. */
export const CHART_IDS = [
  "kpis",
  "outcome-trend",
  "outcome-distribution",
  "sentiment-trend",
  "funnel",
  "projects",
  "numbers",
  "durations",
  "accounts",
  "best-time",
] as const;
export type ChartId = (typeof CHART_IDS)[number];

export const CHART_TITLES: Record<ChartId, string> = {
  kpis: "Key figures",
  "outcome-trend": "Outcomes over time",
  "outcome-distribution": "Outcome mix",
  "sentiment-trend": "Sentiment over time",
  funnel: "Collections funnel",
  projects: "By project",
  numbers: "By Levers number",
  durations: "Call duration by outcome",
  accounts: "Accounts",
  "best-time": "Best time to call",
};

/** GET /api/analytics/<chart>: the chart's data as CSV, for the same URL state the page shows. */
export function csvHref(chart: ChartId, state: Partial<AnalyticsSearchParams>): string {
  return serializeAnalyticsSearch(`/api/analytics/${chart}`, state);
}
