import { createParser, createSearchParamsCache, createSerializer, type inferParserType, parseAsStringLiteral } from "nuqs/server";
import { callSearchParsers, isDateOnly } from "@/lib/calls/search-params";

/**
 * The analytics page's URL state. The filters (outcome / sentiment / project)
 * and the time zone ARE the calls list's parsers under the same keys, so a
 * drill-down link is just `/calls` with the same values plus a from/to range.
 * Only the period and bucket size are analytics' own.
 * Plain data and parsers: safe to import from client components.
 */

export const RANGE_PRESETS = ["7d", "30d", "90d", "this-month", "custom"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const GRANULARITIES = ["day", "week", "month"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const RANGE_LABELS: Record<RangePreset, string> = {
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  "this-month": "This month",
  custom: "Custom",
};

export const DEFAULT_RANGE: RangePreset = "30d";

/** The one non-default value view: the URL says `values=ai`; without it analytics shows corrected values. */
export const VALUE_VIEWS = ["ai"] as const;

/** Calendar days only: analytics buckets are whole local days, and a 15-minute rollup cannot split a bucket at an arbitrary instant. */
const parseAsDay = createParser<string>({
  parse: (v) =>
    isDateOnly(v) && !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)
      ? v
      : null,
  serialize: (v) => v,
});

export const analyticsSearchParsers = {
  outcome: callSearchParsers.outcome,
  sentiment: callSearchParsers.sentiment,
  project: callSearchParsers.project,
  tz: callSearchParsers.tz,
  /** null: `custom` when from/to are given, otherwise the default preset. */
  range: parseAsStringLiteral(RANGE_PRESETS),
  from: parseAsDay,
  to: parseAsDay,
  /** null: chosen from the period's length. */
  granularity: parseAsStringLiteral(GRANULARITIES),
  /** `ai`: the AI's own outcomes and sentiments; null (default): people's corrections applied (lib/review). */
  values: parseAsStringLiteral(VALUE_VIEWS),
};

export type AnalyticsSearchParams = inferParserType<typeof analyticsSearchParsers>;

export const analyticsSearchParamsCache = createSearchParamsCache(analyticsSearchParsers);

export const serializeAnalyticsSearch = createSerializer(analyticsSearchParsers);

/** Cookie holding the browser's IANA zone, read when the URL has no `tz`. */
export const TZ_COOKIE = "tz";
