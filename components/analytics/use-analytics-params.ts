"use client";

import { useQueryStates } from "nuqs";
import { useTransition } from "react";
import { analyticsSearchParsers } from "@/lib/analytics/search-params";

/**
 * The analytics URL state on the client, with the same parsers the server page
 * reads. Changes re-render on the server inside a transition, so the charts
 * stay (dimmed) until the new figures arrive, and each change is a history entry.
 */
export function useAnalyticsParams() {
  const [isPending, startTransition] = useTransition();
  const [state, setState] = useQueryStates(analyticsSearchParsers, { shallow: false, history: "push", startTransition, scroll: false });
  return { state, setState, isPending };
}
