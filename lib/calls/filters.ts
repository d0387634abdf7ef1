import { resolveFrom, resolveTo } from "./date-range";
import { CALL_FILTERS, FILTER_DIMENSIONS, type FilterDimension, type KindOf, TOOLBAR_DIMENSIONS } from "./filter-table";
import { type CallSearchParams, type CallSort, type CallsApiQuery, DEFAULT_LIMIT, MAX_LIMIT, normaliseSearchText } from "./search-params";

/**
 * Which calls match, as one plain object, parsed from the URL or the API
 * query. The SQL it means is lib/calls/where.ts.
 */

interface ValueOfKind {
  multi: string[];
  single: string | null;
  /** websearch syntax: words, "a phrase", -excluded, or. */
  search: string | null;
  /** An instant: `from` inclusive, `to` exclusive. */
  date: Date | null;
  /** Seconds, inclusive. */
  seconds: number | null;
  boolean: boolean | null;
}

/** Which calls match: one value per filter of the table (lib/calls/filter-table.ts); [] / null when unused. */
export type CallFilters = { [D in FilterDimension]: ValueOfKind[KindOf<D>] };

export type { FilterDimension };

export interface CallPageRequest {
  sort: CallSort;
  /** Opaque keyset cursor from a previous page (lib/calls/cursor.ts). */
  cursor: string | null;
  limit: number;
}

export interface CallQuery {
  filters: CallFilters;
  page: CallPageRequest;
}

export const NO_FILTERS: CallFilters = Object.fromEntries(
  FILTER_DIMENSIONS.map((d) => [d, CALL_FILTERS[d].kind === "multi" ? [] : null]),
) as unknown as CallFilters;

type QueryInput = Pick<CallSearchParams, "outcome" | "sentiment" | "project"> & {
  reviewed?: boolean | null;
  corrected?: boolean | null;
  correctedOutcome?: string[] | null;
  correctedSentiment?: string[] | null;
  q?: string | null;
  from?: string | null;
  to?: string | null;
  tz?: string | null;
  deliveryStatus?: string | null;
  providerStatus?: string | null;
  durationMin?: number | null;
  durationMax?: number | null;
  hasRecording?: boolean | null;
  sort?: CallSort | null;
  cursor?: string | null;
  limit?: number | null;
};

/** Parsed URL state (nuqs cache / client hooks) or a validated API query → filters + page. */
export function toCallQuery(input: QueryInput | CallSearchParams | CallsApiQuery): CallQuery {
  const tz = input.tz ?? "UTC";
  const q = (input.q ? normaliseSearchText(input.q).trim() : "") || null;
  const filters: CallFilters = {
    outcome: dedupe(input.outcome),
    sentiment: dedupe(input.sentiment),
    project: dedupe(input.project),
    q,
    from: input.from ? resolveFrom(input.from, tz) : null,
    to: input.to ? resolveTo(input.to, tz) : null,
    deliveryStatus: input.deliveryStatus ?? null,
    providerStatus: input.providerStatus ?? null,
    durationMin: input.durationMin ?? null,
    durationMax: input.durationMax ?? null,
    hasRecording: input.hasRecording ?? null,
    reviewed: input.reviewed ?? null,
    corrected: input.corrected ?? null,
    correctedOutcome: dedupe(input.correctedOutcome),
    correctedSentiment: dedupe(input.correctedSentiment),
  };
  return {
    filters,
    page: {
      sort: effectiveSort(input.sort ?? null, q),
      cursor: input.cursor ?? null,
      limit: clampLimit(input.limit ?? DEFAULT_LIMIT),
    },
  };
}

/** No sort chosen: best match first when searching, newest first otherwise. Relevance without a search means nothing. */
export function effectiveSort(sort: CallSort | null, q: string | null): CallSort {
  if (!sort) return q ? "relevance" : "receivedAt.desc";
  if (sort === "relevance" && !q) return "receivedAt.desc";
  return sort;
}

function clampLimit(limit: number): number {
  return Math.min(MAX_LIMIT, Math.max(1, Math.trunc(limit)));
}

function dedupe(values: readonly string[] | null | undefined): string[] {
  return [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))];
}

export function hasAnyFilter(filters: CallFilters): boolean {
  return activeDimensions(filters).length > 0;
}

/** The dimensions that narrow the list, in toolbar order (used by the empty state and file names). */
export function activeDimensions(filters: CallFilters): FilterDimension[] {
  return TOOLBAR_DIMENSIONS.filter((d) => {
    const value: unknown = filters[d];
    return Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined && value !== "";
  });
}
