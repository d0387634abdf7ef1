import { resolveFrom, resolveTo } from "./date-range";
import {
  DEFAULT_LIMIT,
  MAX_LIMIT,
  normaliseSearchText,
  type CallSearchParams,
  type CallSort,
  type CallsApiQuery,
} from "./search-params";

/**
 * Which calls match, as one plain object, parsed from the URL or the API
 * query. The SQL it means is lib/calls/where.ts.
 */
export interface CallFilters {
  /** Raw `callOutput` values as Levers sends them (any of). */
  outcome: string[];
  /** Raw `sentimentOutput` values (any of). */
  sentiment: string[];
  /** `requestMetadata.project_id` values (any of). */
  project: string[];
  /** Full-text search (websearch syntax: words, "a phrase", -excluded, or). */
  q: string | null;
  /** Inclusive lower bound on receivedAt. */
  from: Date | null;
  /** Exclusive upper bound on receivedAt. */
  to: Date | null;
  deliveryStatus: string | null;
  providerStatus: string | null;
  /** Seconds, inclusive. */
  durationMin: number | null;
  durationMax: number | null;
  hasRecording: boolean | null;
}

export type FilterDimension = keyof CallFilters;

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

export const NO_FILTERS: CallFilters = {
  outcome: [],
  sentiment: [],
  project: [],
  q: null,
  from: null,
  to: null,
  deliveryStatus: null,
  providerStatus: null,
  durationMin: null,
  durationMax: null,
  hasRecording: null,
};

type QueryInput = Pick<CallSearchParams, "outcome" | "sentiment" | "project"> & {
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
  const out: FilterDimension[] = [];
  if (filters.q) out.push("q");
  if (filters.outcome.length) out.push("outcome");
  if (filters.sentiment.length) out.push("sentiment");
  if (filters.from) out.push("from");
  if (filters.to) out.push("to");
  if (filters.deliveryStatus) out.push("deliveryStatus");
  if (filters.providerStatus) out.push("providerStatus");
  if (filters.durationMin !== null) out.push("durationMin");
  if (filters.durationMax !== null) out.push("durationMax");
  if (filters.project.length) out.push("project");
  if (filters.hasRecording !== null) out.push("hasRecording");
  return out;
}
