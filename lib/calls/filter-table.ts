/**
 * THE call filters: one descriptor each (URL/API key, kind, label, column,
 * comparison, facet or not, toolbar position), in URL order. The nuqs parsers and the zod
 * API schema (search-params.ts), the filter object and its key lists
 * (filters.ts), the WHERE builder (where.ts), the facet columns (facets.ts) and
 * the toolbar labels (components/calls/filter-labels.ts) derive from it.
 * Plain data: safe for client components.
 *
 * Kinds: "multi" any of several values; "single" one value; "search" the
 * full-text query; "date" a bound on received_at (`from` inclusive, `to`
 * exclusive); "seconds" a bound on duration (inclusive); "boolean" whether
 * the column is set.
 */
export type FilterKind = "multi" | "single" | "search" | "date" | "seconds" | "boolean";

interface FilterSpec {
  kind: FilterKind;
  /** Toolbar wording. */
  label: string;
  /** The calls column it tests (none for the search, which tests search_vector). */
  column?: string;
  op?: ">=" | "<" | "<=";
  /** Offered with counts in the toolbar (facets.ts). */
  facet?: boolean;
  /** The column is on the call's verdict (call_verdicts); a multi filter on it means COALESCE(verdict value, AI value). */
  verdict?: boolean;
  /** Position in the toolbar, the empty state and export file names (the table itself is in URL order). */
  toolbar: number;
}

export const CALL_FILTERS = {
  outcome: { kind: "multi", label: "Outcome", column: "call_output", facet: true, toolbar: 1 },
  sentiment: { kind: "multi", label: "Sentiment", column: "sentiment_output", facet: true, toolbar: 2 },
  project: { kind: "multi", label: "Project", column: "project_id", facet: true, toolbar: 9 },
  q: { kind: "search", label: "Search", toolbar: 0 },
  from: { kind: "date", label: "Received", column: "received_at", op: ">=", toolbar: 3 },
  to: { kind: "date", label: "Received", column: "received_at", op: "<", toolbar: 4 },
  deliveryStatus: { kind: "single", label: "Delivery", column: "delivery_status", facet: true, toolbar: 5 },
  providerStatus: { kind: "single", label: "Provider", column: "provider_status", facet: true, toolbar: 6 },
  durationMin: { kind: "seconds", label: "Duration", column: "duration", op: ">=", toolbar: 7 },
  durationMax: { kind: "seconds", label: "Duration", column: "duration", op: "<=", toolbar: 8 },
  hasRecording: { kind: "boolean", label: "Recording", column: "recording_url", toolbar: 10 },
  // A person's verdict (call_verdicts, lib/review): `verdict` columns are tested through it, by call id.
  reviewed: { kind: "boolean", label: "Reviewed", column: "call_id", verdict: true, toolbar: 11 },
  corrected: { kind: "boolean", label: "Corrected", column: "corrected", verdict: true, toolbar: 12 },
  correctedOutcome: { kind: "multi", label: "Corrected outcome", column: "outcome", verdict: true, toolbar: 13 },
  correctedSentiment: { kind: "multi", label: "Corrected sentiment", column: "sentiment", verdict: true, toolbar: 14 },
} as const satisfies Record<string, FilterSpec>;

export type FilterDimension = keyof typeof CALL_FILTERS;

/** Every filter, in URL order. */
export const FILTER_DIMENSIONS = Object.keys(CALL_FILTERS) as FilterDimension[];
/** Every filter, in toolbar order. */
export const TOOLBAR_DIMENSIONS = [...FILTER_DIMENSIONS].sort((a, b) => CALL_FILTERS[a].toolbar - CALL_FILTERS[b].toolbar);

export type KindOf<D extends FilterDimension> = (typeof CALL_FILTERS)[D]["kind"];
type DimensionsOf<K extends FilterKind> = { [D in FilterDimension]: KindOf<D> extends K ? D : never }[FilterDimension];

export type MultiDimension = DimensionsOf<"multi">;
export type FacetDimension = { [D in FilterDimension]: (typeof CALL_FILTERS)[D] extends { facet: true } ? D : never }[FilterDimension];

export function dimensionsOfKind<K extends FilterKind>(kind: K): DimensionsOf<K>[] {
  return FILTER_DIMENSIONS.filter((d) => CALL_FILTERS[d].kind === kind) as DimensionsOf<K>[];
}

export const MULTI_DIMENSIONS = dimensionsOfKind("multi");
export const FACET_DIMENSIONS = FILTER_DIMENSIONS.filter((d) => "facet" in CALL_FILTERS[d]) as FacetDimension[];

/** The column a filter tests (all but the search have one). */
export function filterColumn(dimension: Exclude<FilterDimension, "q">): string {
  return CALL_FILTERS[dimension].column;
}
