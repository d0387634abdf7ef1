import { serializeCallSearch } from "@/lib/calls/search-params";
import { localToday, type Period } from "./period";
import type { AnalyticsFilters } from "./query";
import type { Granularity, RangePreset } from "./search-params";

/**
 * Links from any number on the analytics page to the calls behind it: `/calls`
 * with the page's filters, the period (local days + zone, read by the list
 * exactly as analytics reads them) and what the clicked element adds. Plain
 * functions: used by client charts.
 */

/** What the browser needs to know about the period: serialisable. */
export interface PeriodView {
  preset: RangePreset;
  from: string;
  to: string;
  tz: string;
  days: number;
  granularity: Granularity;
  /** ISO instants. */
  start: string;
  end: string;
  previousStart: string;
  previousEnd: string;
  /** The comparison period as local days, inclusive. */
  previousFrom: string;
  previousTo: string;
}

export function toPeriodView(period: Period): PeriodView {
  return {
    preset: period.preset,
    from: period.from,
    to: period.to,
    tz: period.tz,
    days: period.days,
    granularity: period.granularity,
    start: period.start.toISOString(),
    end: period.end.toISOString(),
    previousStart: period.previous.start.toISOString(),
    previousEnd: period.previous.end.toISOString(),
    previousFrom: localToday(period.tz, period.previous.start),
    previousTo: localToday(period.tz, new Date(period.previous.end.getTime() - 1)),
  };
}

export interface DrillDown {
  outcome?: string[];
  sentiment?: string[];
  project?: string[];
  from?: string;
  to?: string;
  deliveryStatus?: string;
  providerStatus?: string;
  durationMin?: number;
  durationMax?: number;
}

/** Values both the page filter and the clicked element allow; `null` when they exclude each other. */
function narrow(current: string[], clicked: string[] | undefined): string[] | null {
  if (!clicked) return current;
  // '' is "none recorded": the calls list has no filter for a missing value.
  if (clicked.some((v) => v === "")) return null;
  if (!current.length) return clicked;
  const both = clicked.filter((v) => current.includes(v));
  return both.length ? both : null;
}

/**
 * `/calls?…` for the calls behind a figure, or null when no calls list filter can express it.
 * In the corrected view (the default) an outcome or sentiment means COALESCE(person's verdict, AI's),
 * which the list filters as `correctedOutcome` / `correctedSentiment`; `values: "ai"` keeps the AI's own.
 */
export function callsHref(
  period: Pick<PeriodView, "from" | "to" | "tz">,
  filters: AnalyticsFilters,
  drill: DrillDown = {},
  values: "corrected" | "ai" = "corrected",
): string | null {
  const outcome = narrow(filters.outcome, drill.outcome);
  const sentiment = narrow(filters.sentiment, drill.sentiment);
  const project = narrow(filters.project, drill.project);
  if (!outcome || !sentiment || !project) return null;
  const ai = values === "ai";
  return serializeCallSearch("/calls", {
    outcome: ai ? outcome : [],
    sentiment: ai ? sentiment : [],
    correctedOutcome: ai ? [] : outcome,
    correctedSentiment: ai ? [] : sentiment,
    project,
    from: drill.from ?? period.from,
    to: drill.to ?? period.to,
    tz: period.tz,
    deliveryStatus: drill.deliveryStatus ?? null,
    providerStatus: drill.providerStatus ?? null,
    durationMin: drill.durationMin ?? null,
    durationMax: drill.durationMax ?? null,
  });
}
