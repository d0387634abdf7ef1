"use client";

import { useQueryStates } from "nuqs";
import { useTransition } from "react";
import { type CallSearchParams, callSearchParsers, FILTER_KEYS, type FilterKey } from "@/lib/calls/search-params";

type Values = Partial<{ [K in keyof CallSearchParams]: CallSearchParams[K] | null }>;

/**
 * The calls list's URL state on the client: the same parsers the server page
 * reads. Changes re-render the page on the server (`shallow: false`) inside a
 * transition (so the old rows stay, dimmed, until the new ones arrive) and
 * push a history entry (back/forward step through filter changes).
 */
export function useCallSearch() {
  const [isPending, startTransition] = useTransition();
  const [state, setState] = useQueryStates(callSearchParsers, { shallow: false, history: "push", startTransition, scroll: false });

  /** Sets filters; any filter change starts again from the first page. */
  const setFilters = (values: Partial<Record<FilterKey, unknown>>) => setState({ ...(values as Values), cursor: null });

  const clearFilters = () => setState({ ...(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])) as Values), cursor: null });

  return { state, isPending, setState, setFilters, clearFilters };
}

/** Only the view (column visibility): no server round trip, no history entry. */
export function useHiddenColumns() {
  const [{ hide }, setState] = useQueryStates({ hide: callSearchParsers.hide }, { shallow: true, history: "replace" });
  return [hide, (next: typeof hide) => setState({ hide: next.length ? next : null })] as const;
}
