import { type Period, resolvePeriod } from "./period";
import type { AnalyticsSearchParams } from "./search-params";

/** What every analytics query takes: the period (in the viewer's zone) and the calls-list filters analytics supports. */
export interface AnalyticsFilters {
  outcome: string[];
  sentiment: string[];
  project: string[];
}

export interface AnalyticsQuery {
  period: Period;
  filters: AnalyticsFilters;
  /** "corrected" (default): people's verdicts replace the AI's values; "ai": the AI's own. */
  values?: "corrected" | "ai";
}

function dedupe(values: readonly string[] | null | undefined): string[] {
  return [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))];
}

/** Parsed URL state (nuqs cache) → the query object. `now` is injectable for tests. */
export function toAnalyticsQuery(params: Partial<AnalyticsSearchParams>, now: Date = new Date()): AnalyticsQuery {
  return {
    period: resolvePeriod(
      {
        range: params.range ?? null,
        from: params.from ?? null,
        to: params.to ?? null,
        granularity: params.granularity ?? null,
        tz: params.tz ?? null,
      },
      now,
    ),
    filters: { outcome: dedupe(params.outcome), sentiment: dedupe(params.sentiment), project: dedupe(params.project) },
    values: params.values === "ai" ? "ai" : "corrected",
  };
}
