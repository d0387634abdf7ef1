import {
  createParser,
  createSearchParamsCache,
  createSerializer,
  type inferParserType,
  parseAsArrayOf,
  parseAsBoolean,
  parseAsNativeArrayOf,
  parseAsStringLiteral,
} from "nuqs/server";
import { z } from "zod";
import { CALL_FILTERS, FILTER_DIMENSIONS, type FilterDimension, type KindOf, MULTI_DIMENSIONS } from "./filter-table";

/**
 * THE definition of the calls list's state in a URL: which keys exist, what
 * values they take. Three readers share it:
 * - server pages: `callSearchParamsCache.parse(searchParams)` (nuqs cache);
 * - client hooks: `useQueryStates(callSearchParsers)` (the same parsers);
 * - the JSON API and CSV export: `callsApiQuerySchema` (zod, strict: a bad
 *   value is a 400 with a reason instead of being dropped like in the UI).
 * Both turn into one `CallQuery` (filters + page) via lib/calls/filters.ts.
 *
 * URLs stay readable: repeatable keys for multi-selects with the raw values
 * Levers sends (`?outcome=PAYMENT+PROMISE&outcome=WRONG+NUMBER&sentiment=NEGATIVE`).
 * Plain data and parsers: safe to import from client components.
 */

export const CALL_SORTS = ["receivedAt.desc", "receivedAt.asc", "duration.desc", "duration.asc", "relevance"] as const;
export type CallSort = (typeof CALL_SORTS)[number];

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
/** Longest accepted filter value / search text: generous, but bounded so a URL cannot make the server do silly work. */
export const MAX_VALUE_LENGTH = 200;
export const MAX_QUERY_LENGTH = 500;
export const MAX_MULTI_VALUES = 50;
/** A week: the payload schema's own upper bound on `duration`. */
export const MAX_DURATION_SECONDS = 7 * 24 * 3600;

/** Columns an agent may hide; the received time always stays. */
export const HIDEABLE_COLUMNS = [
  "numberTo",
  "numberFrom",
  "outcome",
  "sentiment",
  "duration",
  "deliveryStatus",
  "providerStatus",
  "project",
  "summary",
] as const;
export type HideableColumn = (typeof HIDEABLE_COLUMNS)[number];

// ---- value rules shared by the nuqs parsers and the zod schema ----

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// ISO 8601 date-time with a zone (Z or ±hh:mm); a zone-less time would mean a different instant on every server.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** `2026-11-01` (a calendar day in the list's time zone) or `2026-11-01T08:00:00Z` (an instant). */
export function isDateInput(value: string): boolean {
  if (DATE_ONLY.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
  }
  return DATE_TIME.test(value) && !Number.isNaN(new Date(value).getTime());
}

export function isDateOnly(value: string): boolean {
  return DATE_ONLY.test(value);
}

export function isTimeZone(value: string): boolean {
  if (value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** PostgreSQL text cannot hold U+0000: a value with one can match nothing and must not reach a query. */
export function hasNul(value: string): boolean {
  return value.includes("\u0000");
}

/** The first query parameter holding a NUL, for routes that read the URL with the lenient (UI) parsers. */
export function parameterWithNul(params: URLSearchParams): string | null {
  for (const [key, value] of params) if (hasNul(key) || hasNul(value)) return key;
  return null;
}

/**
 * Folds each run of negations (`--x`, `- - x`, a lone `-`) to the one
 * negation or none it means (!!x is x). PostgreSQL's websearch parser keeps
 * every `-` as a NOT and overflows its stack ("tsquery stack too small") on a
 * few dozen in a row; hyphenated words (`e-mail`) are left alone.
 */
export function normaliseSearchText(q: string): string {
  return q.replace(/(^|\s)(-(?:\s*-)*)(\s*)/g, (_match, before: string, run: string, after: string) => {
    const negations = run.replace(/\s/g, "").length;
    return negations % 2 === 1 ? `${before}-${after}` : `${before}${after}`;
  });
}

function cleanValue(value: string): string | null {
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= MAX_VALUE_LENGTH && !hasNul(trimmed) ? trimmed : null;
}

/** Opaque keyset cursors are base64url (lib/calls/cursor.ts); anything else is not one of ours. */
export const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,512}$/;

// ---- nuqs parsers (UI: invalid values are ignored, not errors) ----

const parseAsFilterValue = createParser<string>({
  parse: cleanValue,
  serialize: (v) => v,
});

const parseAsDateInput = createParser<string>({
  parse: (v) => (isDateInput(v) ? v : null),
  serialize: (v) => v,
});

const parseAsTimeZone = createParser<string>({
  parse: (v) => (isTimeZone(v) ? v : null),
  serialize: (v) => v,
});

const parseAsSeconds = createParser<number>({
  parse: (v) => {
    if (!/^\d{1,7}$/.test(v)) return null;
    const n = Number(v);
    return n <= MAX_DURATION_SECONDS ? n : null;
  },
  serialize: (v) => String(v),
});

const parseAsLimit = createParser<number>({
  parse: (v) => {
    if (!/^\d{1,4}$/.test(v)) return null;
    const n = Number(v);
    return n >= 1 && n <= MAX_LIMIT ? n : null;
  },
  serialize: (v) => String(v),
});

const parseAsCursor = createParser<string>({
  parse: (v) => (CURSOR_PATTERN.test(v) ? v : null),
  serialize: (v) => v,
});

const parseAsSearchText = createParser<string>({
  parse: (v) => {
    const t = normaliseSearchText(v).trim();
    return t.length > 0 && !hasNul(t) ? t.slice(0, MAX_QUERY_LENGTH) : null;
  },
  serialize: (v) => v,
});

/** The UI parser for each kind of filter (lib/calls/filter-table.ts). */
const UI_PARSERS = {
  multi: parseAsNativeArrayOf(parseAsFilterValue),
  single: parseAsFilterValue,
  search: parseAsSearchText,
  date: parseAsDateInput,
  seconds: parseAsSeconds,
  boolean: parseAsBoolean,
};

const filterParsers = Object.fromEntries(FILTER_DIMENSIONS.map((d) => [d, UI_PARSERS[CALL_FILTERS[d].kind]])) as {
  [D in FilterDimension]: (typeof UI_PARSERS)[KindOf<D>];
};

const { deliveryStatus, providerStatus, durationMin, durationMax, hasRecording, ...upToDates } = filterParsers;

// In URL order (serializeCallSearch writes keys in this order): the zone follows the dates it qualifies.
export const callSearchParsers = {
  ...upToDates,
  /** IANA zone that date-only `from`/`to` are read in (the browser's; UTC when absent). */
  tz: parseAsTimeZone,
  deliveryStatus,
  providerStatus,
  durationMin,
  durationMax,
  hasRecording,
  /** null = the default: relevance when searching, newest first otherwise. */
  sort: parseAsStringLiteral(CALL_SORTS),
  cursor: parseAsCursor,
  limit: parseAsLimit.withDefault(DEFAULT_LIMIT),
  /** UI only: hidden columns, comma-separated (`?hide=numberFrom,project`). */
  hide: parseAsArrayOf(parseAsStringLiteral(HIDEABLE_COLUMNS)).withDefault([]),
};

export type CallSearchParams = inferParserType<typeof callSearchParsers>;

/** Keys that change WHICH calls match: changing one must drop the cursor (back to page one). */
export const FILTER_KEYS = [...FILTER_DIMENSIONS, "tz"] as const satisfies readonly (keyof typeof callSearchParsers)[];
export type FilterKey = (typeof FILTER_KEYS)[number];

/** Keys that describe the list itself (filters + order + page size): what a detail page link carries for prev/next. */
export const LIST_CONTEXT_KEYS = [...FILTER_KEYS, "sort", "limit"] as const;

export const callSearchParamsCache = createSearchParamsCache(callSearchParsers);

/** Builds `?outcome=…&sentiment=…` from parsed state (links, "remove this filter", detail prev/next). */
export const serializeCallSearch = createSerializer(callSearchParsers);

// ---- zod schema (JSON API + CSV export: strict, 400 with the reason) ----

const NO_NUL = [(v: string) => !hasNul(v), "must not contain a NUL character (U+0000)"] as const;
const filterValue = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(MAX_VALUE_LENGTH, `must be at most ${MAX_VALUE_LENGTH} characters`)
  .refine(...NO_NUL);
const multi = z.array(filterValue).max(MAX_MULTI_VALUES, `at most ${MAX_MULTI_VALUES} values`).default([]);
const dateInput = z.string().refine(isDateInput, "must be an ISO 8601 date (2026-11-01) or date-time with a zone (2026-11-01T08:00:00Z)");
const seconds = z
  .string()
  .regex(/^\d+$/, "must be a whole number of seconds")
  .transform(Number)
  .refine((n) => n <= MAX_DURATION_SECONDS, `must be at most ${MAX_DURATION_SECONDS}`);

/** The API's schema for each kind of filter (strict: a bad value is a 400). */
const API_SCHEMAS = {
  multi,
  single: filterValue.optional(),
  search: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
    .refine(...NO_NUL)
    .transform((v) => normaliseSearchText(v).trim())
    .optional(),
  date: dateInput.optional(),
  seconds: seconds.optional(),
  boolean: z
    .enum(["true", "false"], "must be true or false")
    .transform((v) => v === "true")
    .optional(),
};

const filterSchemas = Object.fromEntries(FILTER_DIMENSIONS.map((d) => [d, API_SCHEMAS[CALL_FILTERS[d].kind]])) as {
  [D in FilterDimension]: (typeof API_SCHEMAS)[KindOf<D>];
};

export const callsApiQuerySchema = z
  .strictObject({
    ...filterSchemas,
    tz: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/London").optional(),
    sort: z.enum(CALL_SORTS, `must be one of ${CALL_SORTS.join(", ")}`).optional(),
    cursor: z.string().regex(CURSOR_PATTERN, "is not a cursor returned by this API").optional(),
    limit: z
      .string()
      .regex(/^\d+$/, "must be a whole number")
      .transform(Number)
      .refine((n) => n >= 1 && n <= MAX_LIMIT, `must be between 1 and ${MAX_LIMIT}`)
      .default(DEFAULT_LIMIT),
  })
  .superRefine((v, ctx) => {
    if (v.durationMin !== undefined && v.durationMax !== undefined && v.durationMin > v.durationMax) {
      ctx.addIssue({ code: "custom", path: ["durationMin"], message: "must not be greater than durationMax" });
    }
    if (v.sort === "relevance" && !v.q) {
      ctx.addIssue({ code: "custom", path: ["sort"], message: "relevance needs a search (q)" });
    }
  });

export type CallsApiQuery = z.output<typeof callsApiQuerySchema>;

const MULTI_KEYS: ReadonlySet<string> = new Set(MULTI_DIMENSIONS);

/**
 * URLSearchParams → the object the zod schema reads: repeatable keys become
 * arrays, a single-valued key given twice is reported rather than silently
 * picking one.
 */
export function searchParamsToObject(params: URLSearchParams): { value: Record<string, unknown>; repeated: string[] } {
  const value: Record<string, unknown> = {};
  const repeated: string[] = [];
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    if (MULTI_KEYS.has(key)) value[key] = all;
    else {
      if (all.length > 1) repeated.push(key);
      value[key] = all[0];
    }
  }
  return { value, repeated };
}
