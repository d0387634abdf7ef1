import {
  createParser,
  createSearchParamsCache,
  createSerializer,
  type inferParserType,
  parseAsBoolean,
  parseAsNativeArrayOf,
  parseAsStringLiteral,
} from "nuqs/server";
import { z } from "zod";
import {
  ACCOUNT_FILTER_DIMENSIONS,
  ACCOUNT_FILTERS,
  ACCOUNT_MULTI_DIMENSIONS,
  ACCOUNT_SORTS,
  type AccountFilterDimension,
  type AccountFilterKind,
  type AccountSort,
  DEFAULT_ACCOUNT_SORT,
  MAX_DUE_IN_DAYS,
} from "./filter-table";

/**
 * THE accounts list's state in a URL, from the filter table: the nuqs parsers
 * (server page cache and client `useQueryStates`, lenient: a bad value is
 * ignored) and the zod schema of GET /api/accounts and the CSV export
 * (strict: a 400 naming the field). Both end as one AccountQuery.
 * Plain data and parsers: safe for client components.
 */
export const ACCOUNT_PAGE_SIZES = [25, 50, 100, 200] as const;
export const ACCOUNT_DEFAULT_LIMIT = 50;
export const ACCOUNT_MAX_LIMIT = 200;
export const MAX_SEARCH_LENGTH = 100;
const MAX_VALUE_LENGTH = 200;
const MAX_MULTI_VALUES = 50;
const CURSOR = /^[A-Za-z0-9_-]{1,512}$/;

export interface AccountFilters {
  q: string | null;
  broken: boolean | null;
  dueIn: number | null;
  callback: boolean | null;
  wrongNumber: boolean | null;
  neverReached: boolean | null;
  portfolio: string[];
  assignee: string[];
}

export interface AccountPageRequest {
  sort: AccountSort;
  cursor: string | null;
  limit: number;
}

export interface AccountQuery {
  filters: AccountFilters;
  page: AccountPageRequest;
}

export const NO_ACCOUNT_FILTERS: AccountFilters = {
  q: null,
  broken: null,
  dueIn: null,
  callback: null,
  wrongNumber: null,
  neverReached: null,
  portfolio: [],
  assignee: [],
};

const clean = (v: string) => {
  const t = v.trim();
  return t.length > 0 && t.length <= MAX_VALUE_LENGTH && !t.includes("\u0000") ? t : null;
};

// ---- nuqs (UI) ----

const parseAsValue = createParser<string>({ parse: clean, serialize: (v) => v });
const parseAsSearch = createParser<string>({
  parse: (v) => {
    const t = clean(v);
    return t ? t.slice(0, MAX_SEARCH_LENGTH) : null;
  },
  serialize: (v) => v,
});
const parseAsDays = createParser<number>({
  parse: (v) => (/^\d{1,3}$/.test(v) && Number(v) <= MAX_DUE_IN_DAYS ? Number(v) : null),
  serialize: String,
});
const parseAsLimit = createParser<number>({
  parse: (v) => (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= ACCOUNT_MAX_LIMIT ? Number(v) : null),
  serialize: String,
});
const parseAsCursor = createParser<string>({ parse: (v) => (CURSOR.test(v) ? v : null), serialize: (v) => v });

const UI_PARSERS = {
  search: parseAsSearch,
  flag: parseAsBoolean,
  days: parseAsDays,
  multi: parseAsNativeArrayOf(parseAsValue),
} satisfies Record<AccountFilterKind, unknown>;

type KindOf<D extends AccountFilterDimension> = (typeof ACCOUNT_FILTERS)[D]["kind"];

const filterParsers = Object.fromEntries(ACCOUNT_FILTER_DIMENSIONS.map((d) => [d, UI_PARSERS[ACCOUNT_FILTERS[d].kind]])) as {
  [D in AccountFilterDimension]: (typeof UI_PARSERS)[KindOf<D>];
};

export const accountSearchParsers = {
  ...filterParsers,
  sort: parseAsStringLiteral(ACCOUNT_SORTS),
  cursor: parseAsCursor,
  limit: parseAsLimit.withDefault(ACCOUNT_DEFAULT_LIMIT),
};

export type AccountSearchParams = inferParserType<typeof accountSearchParsers>;
/** Keys that change WHICH accounts match: changing one drops the cursor. */
export const ACCOUNT_FILTER_KEYS = ACCOUNT_FILTER_DIMENSIONS;
export const accountSearchParamsCache = createSearchParamsCache(accountSearchParsers);
export const serializeAccountSearch = createSerializer(accountSearchParsers);

// ---- zod (API, CSV) ----

const value = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(MAX_VALUE_LENGTH, `must be at most ${MAX_VALUE_LENGTH} characters`)
  .refine((v) => !v.includes("\u0000"), "must not contain a NUL character (U+0000)");

const API_SCHEMAS = {
  search: value.max(MAX_SEARCH_LENGTH, `must be at most ${MAX_SEARCH_LENGTH} characters`).optional(),
  flag: z
    .enum(["true", "false"], "must be true or false")
    .transform((v) => v === "true")
    .optional(),
  days: z
    .string()
    .regex(/^\d+$/, "must be a whole number of days")
    .transform(Number)
    .refine((n) => n <= MAX_DUE_IN_DAYS, `must be at most ${MAX_DUE_IN_DAYS}`)
    .optional(),
  multi: z.array(value).max(MAX_MULTI_VALUES, `at most ${MAX_MULTI_VALUES} values`).default([]),
} satisfies Record<AccountFilterKind, z.ZodType>;

const filterSchemas = Object.fromEntries(ACCOUNT_FILTER_DIMENSIONS.map((d) => [d, API_SCHEMAS[ACCOUNT_FILTERS[d].kind]])) as {
  [D in AccountFilterDimension]: (typeof API_SCHEMAS)[KindOf<D>];
};

export const accountsApiQuerySchema = z.strictObject({
  ...filterSchemas,
  sort: z.enum(ACCOUNT_SORTS, `must be one of ${ACCOUNT_SORTS.join(", ")}`).optional(),
  cursor: z.string().regex(CURSOR, "is not a cursor returned by this API").optional(),
  limit: z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .refine((n) => n >= 1 && n <= ACCOUNT_MAX_LIMIT, `must be between 1 and ${ACCOUNT_MAX_LIMIT}`)
    .default(ACCOUNT_DEFAULT_LIMIT),
});

const MULTI_KEYS: ReadonlySet<string> = new Set(ACCOUNT_MULTI_DIMENSIONS);

/** URLSearchParams → the zod input: repeatable keys become arrays; a single-valued key given twice is reported. */
export function accountParamsToObject(params: URLSearchParams): { value: Record<string, unknown>; repeated: string[] } {
  const out: Record<string, unknown> = {};
  const repeated: string[] = [];
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    if (MULTI_KEYS.has(key)) out[key] = all;
    else {
      if (all.length > 1) repeated.push(key);
      out[key] = all[0];
    }
  }
  return { value: out, repeated };
}

/** Parsed state (either reader) → the one query object. */
export function toAccountQuery(
  parsed: {
    [D in AccountFilterDimension]?: AccountFilters[D] | undefined;
  } & { sort?: AccountSort | null; cursor?: string | null; limit?: number },
): AccountQuery {
  const filters: AccountFilters = {
    q: parsed.q ?? null,
    broken: parsed.broken ?? null,
    dueIn: parsed.dueIn ?? null,
    callback: parsed.callback ?? null,
    wrongNumber: parsed.wrongNumber ?? null,
    neverReached: parsed.neverReached ?? null,
    portfolio: [...new Set(parsed.portfolio ?? [])],
    assignee: [...new Set(parsed.assignee ?? [])],
  };
  return {
    filters,
    page: { sort: parsed.sort ?? DEFAULT_ACCOUNT_SORT, cursor: parsed.cursor ?? null, limit: parsed.limit ?? ACCOUNT_DEFAULT_LIMIT },
  };
}

/** The filters that are set, in URL order. */
export function activeAccountFilters(filters: AccountFilters): AccountFilterDimension[] {
  return ACCOUNT_FILTER_DIMENSIONS.filter((d) => {
    const v = filters[d];
    return Array.isArray(v) ? v.length > 0 : v !== null;
  });
}
