/**
 * THE accounts-list filters: one descriptor each (URL/API key, kind, label,
 * toolbar position, facet or not), in URL order. The nuqs parsers and the zod
 * API schema (search-params.ts), the filter object (search-params.ts
 * AccountFilters), the WHERE fragments (sql.ts, one per dimension, checked
 * exhaustive by its type), the facet counts (facets.ts) and the toolbar labels
 * (components/accounts) derive from it. Plain data: safe for client components.
 *
 * Kinds: "search" a number (E.164 or digits, prefix) or an account key
 * (prefix); "flag" a yes/no property of the account (`true`: has it,
 * `false`: has it not); "days" promise due within N days; "multi" any of
 * several values.
 */
export type AccountFilterKind = "search" | "flag" | "days" | "multi";

interface AccountFilterSpec {
  kind: AccountFilterKind;
  /** Toolbar wording (a flag's label is what `true` means). */
  label: string;
  /** One line for the README / tooltips. */
  description: string;
  /** Offered with counts in the toolbar. */
  facet?: boolean;
  toolbar: number;
}

export const ACCOUNT_FILTERS = {
  q: { kind: "search", label: "Search", description: "number (E.164 or digits, prefix) or account key (prefix)", toolbar: 0 },
  broken: {
    kind: "flag",
    label: "Broken promise",
    description: "has a broken promise (or a pending one past its due date)",
    facet: true,
    toolbar: 1,
  },
  dueIn: { kind: "days", label: "Promise due", description: "an open promise due within N days (0 = today)", toolbar: 2 },
  callback: { kind: "flag", label: "Open callback", description: "has an open callback", facet: true, toolbar: 3 },
  wrongNumber: { kind: "flag", label: "Wrong number", description: "one of its numbers is a wrong number", facet: true, toolbar: 4 },
  neverReached: { kind: "flag", label: "Never reached", description: "no right-party contact yet", facet: true, toolbar: 5 },
  portfolio: { kind: "multi", label: "Portfolio", description: "any of these portfolios (project_id)", facet: true, toolbar: 6 },
  assignee: { kind: "multi", label: "Assignee", description: "any of these users (ids), or `unassigned`", facet: true, toolbar: 7 },
} as const satisfies Record<string, AccountFilterSpec>;

export type AccountFilterDimension = keyof typeof ACCOUNT_FILTERS;
type DimensionsOf<K extends AccountFilterKind> = {
  [D in AccountFilterDimension]: (typeof ACCOUNT_FILTERS)[D]["kind"] extends K ? D : never;
}[AccountFilterDimension];
export type AccountFlagDimension = DimensionsOf<"flag">;
/** The dimensions the toolbar offers with counts. */
export type AccountFacetDimension = {
  [D in AccountFilterDimension]: (typeof ACCOUNT_FILTERS)[D] extends { facet: true } ? D : never;
}[AccountFilterDimension];
export type AccountMultiDimension = DimensionsOf<"multi">;

export const ACCOUNT_FILTER_DIMENSIONS = Object.keys(ACCOUNT_FILTERS) as AccountFilterDimension[];
export const ACCOUNT_TOOLBAR_DIMENSIONS = [...ACCOUNT_FILTER_DIMENSIONS].sort(
  (a, b) => ACCOUNT_FILTERS[a].toolbar - ACCOUNT_FILTERS[b].toolbar,
);
export const ACCOUNT_FLAG_DIMENSIONS = ACCOUNT_FILTER_DIMENSIONS.filter(
  (d) => ACCOUNT_FILTERS[d].kind === "flag",
) as AccountFlagDimension[];
export const ACCOUNT_MULTI_DIMENSIONS = ACCOUNT_FILTER_DIMENSIONS.filter(
  (d) => ACCOUNT_FILTERS[d].kind === "multi",
) as AccountMultiDimension[];

/** The assignee filter's value for "nobody owns it". */
export const UNASSIGNED = "unassigned";
/** Longest "due within" window, in days. */
export const MAX_DUE_IN_DAYS = 365;

/** The orderings, each served by an index (sql.ts). `nextCall`: the next permissible call, not-evaluated accounts last. */
export const ACCOUNT_SORTS = ["lastCall.desc", "lastCall.asc", "nextCall.asc", "nextCall.desc"] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];
export const DEFAULT_ACCOUNT_SORT: AccountSort = "lastCall.desc";
export const ACCOUNT_SORT_LABELS: Record<AccountSort, string> = {
  "lastCall.desc": "Last call, newest first",
  "lastCall.asc": "Last call, oldest first",
  "nextCall.asc": "Next permissible call, soonest first",
  "nextCall.desc": "Next permissible call, latest first",
};
