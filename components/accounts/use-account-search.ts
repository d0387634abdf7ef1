"use client";

import { useQueryStates } from "nuqs";
import { useTransition } from "react";
import { ACCOUNT_FILTER_KEYS, type AccountSearchParams, accountSearchParsers } from "@/lib/accounts/list/search-params";

type Values = Partial<{ [K in keyof AccountSearchParams]: AccountSearchParams[K] | null }>;

/**
 * The accounts list's URL state on the client, with the parsers the server
 * page reads. A change re-renders on the server inside a transition (old rows
 * stay, dimmed) and pushes a history entry; a filter change drops the cursor.
 */
export function useAccountSearch() {
  const [isPending, startTransition] = useTransition();
  const [state, setState] = useQueryStates(accountSearchParsers, { shallow: false, history: "push", startTransition, scroll: false });
  const setFilters = (values: Values) => setState({ ...values, cursor: null });
  const clearFilters = () => setState({ ...(Object.fromEntries(ACCOUNT_FILTER_KEYS.map((k) => [k, null])) as Values), cursor: null });
  const activeCount = ACCOUNT_FILTER_KEYS.filter((k) => {
    const v = state[k];
    return Array.isArray(v) ? v.length > 0 : v !== null;
  }).length;
  return { state, isPending, setState, setFilters, clearFilters, activeCount };
}
