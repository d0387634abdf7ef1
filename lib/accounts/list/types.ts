import type { AccountFlagDimension, AccountSort } from "./filter-table";

/**
 * One row of the accounts list as the page, GET /api/accounts and the CSV
 * export see it (instants as ISO strings). Plain types: safe for client components.
 */
export interface AccountListItem {
  id: string;
  key: string;
  /** metadata | number */
  keySource: string;
  /** Most recently called first. status: active | wrong_number | not_in_service */
  numbers: { number: string; status: string }[];
  portfolios: string[];
  calls: number;
  rightPartyContacts: number;
  /** Calls placed in the last 7 days (counted when asked: time moves). */
  attemptsLast7Days: number;
  lastCall: { at: string; callId: string | null; outcome: string | null; sentiment: string | null } | null;
  /** The earliest-due pending promise. status "overdue": past its due date (+ grace), about to be marked broken. */
  openPromise: {
    id: string;
    amountCents: number | null;
    currency: string | null;
    dueDate: string | null;
    status: "pending" | "overdue";
  } | null;
  /** The earliest open callback. */
  openCallback: { dueAt: string } | null;
  brokenPromises: number;
  wrongNumbers: number;
  /** The next permissible call. `at` null: no call is permitted in the guard's horizon (`reason` says why). null: not evaluated yet. */
  nextCall: { at: string | null; reason: string | null } | null;
  assignee: { id: string; name: string | null } | null;
}

export interface AccountList {
  items: AccountListItem[];
  nextCursor: string | null;
  prevCursor: string | null;
  total: number;
  /** Above 10,000 matches the total is the planner's estimate. */
  totalIsEstimate: boolean;
  sort: AccountSort;
}

export interface AccountFacetOption {
  value: string;
  label: string;
  count: number;
  /** The planner's estimate, not a count (a set too big to count in the toolbar's budget): shown "≈". Absent when counted. */
  estimated?: boolean;
}

/** Counts beside the toolbar's filters: each applies every other active filter but its own. */
export interface AccountFacets {
  flags: { broken: number; callback: number; wrongNumber: number; neverReached: number };
  portfolio: AccountFacetOption[];
  assignee: AccountFacetOption[];
  /** The flags whose count is the planner's estimate (shown "≈"); absent when every flag was counted. */
  estimatedFlags?: AccountFlagDimension[];
}
