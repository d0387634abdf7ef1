import "server-only";
import { BadRequestError } from "@/lib/http/errors";
import type { InvalidCursorError } from "./cursor";
import { type CallQuery, toCallQuery } from "./filters";
import type { TextSegment } from "./highlight";
import type { CallListItem } from "./list-query";
import { callSearchParsers, callsApiQuerySchema, FILTER_KEYS, searchParamsToObject } from "./search-params";
import { type CallJson, serializeCall } from "./serialize";

/**
 * Query-string parsing for the JSON API and the CSV export: strict, and every
 * problem comes back as a 400 naming the parameter and what is wrong with it.
 */
export function parseCallsApiQuery(params: URLSearchParams): CallQuery {
  const { value, repeated } = searchParamsToObject(params);
  const issues: { path: string; message: string }[] = repeated.map((key) => ({ path: key, message: "must be given at most once" }));
  const parsed = callsApiQuerySchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join(".") || "(query)";
      // zod reports unknown keys on the root with their names in `keys`.
      const keys = (issue as { keys?: string[] }).keys;
      if (issue.code === "unrecognized_keys" && keys) {
        for (const key of keys) issues.push({ path: key, message: "is not a known parameter" });
      } else issues.push({ path: path.replace(/\.\d+$/, ""), message: issue.message });
    }
  }
  if (issues.length || !parsed.success) throw invalid(issues);
  const query = toCallQuery(parsed.data);
  if (query.filters.from && query.filters.to && query.filters.from >= query.filters.to) {
    throw invalid([{ path: "from", message: "must be before to" }]);
  }
  return query;
}

/**
 * The query string with the list's view keys (paging, column choice, and the
 * order unless `keepSort`) removed, so the rest is validated as filters: for
 * endpoints that take "the list's filters" (export, live stream).
 */
export function filterParams(params: URLSearchParams, options: { keepSort?: boolean } = {}): URLSearchParams {
  const out = new URLSearchParams(params);
  for (const key of VIEW_KEYS) if (!(options.keepSort && key === "sort")) out.delete(key);
  return out;
}

const FILTER_KEY_SET: ReadonlySet<string> = new Set(FILTER_KEYS);
const VIEW_KEYS = Object.keys(callSearchParsers).filter((key) => !FILTER_KEY_SET.has(key));

function invalid(issues: { path: string; message: string }[]): BadRequestError {
  const summary = issues.map((i) => `${i.path} ${i.message}`).join("; ");
  return new BadRequestError(`Invalid query parameters: ${summary}.`, { issues });
}

export function cursorError(error: InvalidCursorError): BadRequestError {
  return invalid([{ path: "cursor", message: error.message }]);
}

/**
 * One item of GET /api/calls: the same JSON as GET /api/calls/[id] (one
 * serializer, lib/calls/serialize.ts) without the transcript, plus, when
 * searching (q), where the search matched with the hits flagged.
 */
export interface CallApiItem extends CallJson {
  highlights?: TextSegment[];
}

export function toApiItem(item: CallListItem, searching: boolean): CallApiItem {
  const { preview, ...call } = item;
  const out: CallApiItem = serializeCall(call);
  if (searching) out.highlights = preview.source === "snippet" ? preview.segments : [];
  return out;
}
