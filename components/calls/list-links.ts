import { type CallSearchParams, LIST_CONTEXT_KEYS, serializeCallSearch } from "@/lib/calls/search-params";

/**
 * Links that carry the list's context in the URL's own format (the same
 * parsers read them back): a call's page (its prev/next walk this list), the
 * CSV export and the live stream (same filters).
 */
function contextOf(state: CallSearchParams, keys: readonly string[]): Partial<CallSearchParams> {
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = state[key as keyof CallSearchParams];
  return out as Partial<CallSearchParams>;
}

export function callHref(id: string, state: CallSearchParams): string {
  return serializeCallSearch(`/calls/${id}`, contextOf(state, LIST_CONTEXT_KEYS));
}

export function exportHref(state: CallSearchParams): string {
  return serializeCallSearch(
    "/api/calls/export",
    contextOf(
      state,
      LIST_CONTEXT_KEYS.filter((k) => k !== "limit"),
    ),
  );
}

export function streamHref(state: CallSearchParams): string {
  return serializeCallSearch(
    "/api/calls/stream",
    contextOf(
      state,
      LIST_CONTEXT_KEYS.filter((k) => k !== "limit" && k !== "sort"),
    ),
  );
}
