import type { SqlParams } from "@/lib/db/sql-params";
import { accountIdSql, columnOf, LIST_FIELDS, type ListField } from "./columns";
import type { Cursor } from "./cursor";
import { FRAGMENT_SEPARATOR, HIT_END, HIT_START, MARKER_CHARS } from "./highlight";
import type { CallSort } from "./search-params";

/**
 * SQL pieces for one page of calls: the ordering, its keyset condition and the
 * page projection. Every ordering is served by an index so a page is an index
 * range scan that stops after `limit + 1` rows:
 *   receivedAt → calls_received_at_id_idx (received_at DESC, id DESC) or the
 *                (call_output | sentiment_output | project_id, received_at, id) ones;
 *   duration   → calls_duration_id_idx (duration, id);
 *   relevance  → only over a materialised, bounded set of matches (list-query.ts).
 */
export type Ordering = Exclude<CallSort, "relevance"> | "relevance";

interface OrderingSpec {
  /** Columns of the materialised page/match set (`m.` / `c.` prefixed by the caller). */
  key: "received_at" | "duration" | "rank";
  desc: boolean;
}

export const ORDERINGS: Record<Ordering, OrderingSpec> = {
  "receivedAt.desc": { key: "received_at", desc: true },
  "receivedAt.asc": { key: "received_at", desc: false },
  "duration.desc": { key: "duration", desc: true },
  "duration.asc": { key: "duration", desc: false },
  relevance: { key: "rank", desc: true },
};

/** Reading backwards (a "previous page" cursor) flips the scan direction; rows are re-reversed in JS. */
export function scanDescending(ordering: Ordering, cursor: Cursor | null): boolean {
  const spec = ORDERINGS[ordering];
  return cursor?.direction === "prev" ? !spec.desc : spec.desc;
}

export function orderBySql(ordering: Ordering, alias: string, descending: boolean): string {
  const dir = descending ? "DESC" : "ASC";
  const key = ORDERINGS[ordering].key;
  // Equal ranks are common (templated wording, one-word searches): the newest of them first.
  if (key === "rank") return `${alias}.rank ${dir}, ${alias}.received_at ${dir}, ${alias}.id ${dir}`;
  return `${alias}.${key} ${dir}, ${alias}.id ${dir}`;
}

/** `(key, id) < (…)` for a descending scan, `>` ascending: a row comparison btree indexes can seek to. */
export function keysetSql(ordering: Ordering, alias: string, cursor: Cursor | null, params: SqlParams, descending: boolean): string {
  if (!cursor) return "TRUE";
  const spec = ORDERINGS[ordering];
  const op = descending ? "<" : ">";
  if (spec.key === "rank") {
    const { rank, receivedAt } = splitRankKey(String(cursor.key.value));
    return `(${alias}.rank, ${alias}.received_at, ${alias}.id) ${op} (${params.add(rank)}::real, ${params.add(receivedAt)}::timestamptz, ${params.add(cursor.key.id)}::uuid)`;
  }
  const cast = spec.key === "received_at" ? "timestamptz" : "integer";
  return `(${alias}.${spec.key}, ${alias}.id) ${op} (${params.add(cursor.key.value)}::${cast}, ${params.add(cursor.key.id)}::uuid)`;
}

/** A relevance cursor's key is `<rank as PostgreSQL printed it>|<receivedAt ISO>`. */
export function rankKey(rankText: string, receivedAt: Date): string {
  return `${rankText}|${receivedAt.toISOString()}`;
}

export function splitRankKey(value: string): { rank: string; receivedAt: string } {
  const [rank = "0", receivedAt = "1970-01-01T00:00:00.000Z"] = value.split("|");
  return { rank, receivedAt };
}

/** Largest metadata (as stored) a list row carries whole; larger ones become `{ truncated: true, storedBytes }`. */
export const LIST_METADATA_MAX_BYTES = 2048;

/** Columns a list row reads through an expression instead of whole. */
const LIST_EXPRESSIONS: Partial<Record<ListField, (alias: string) => string>> = {
  // List rows never carry a large metadata object whole (150k keys made every list page 2.4 MB):
  // above 2 KB stored, a stub points to the single-call JSON, which has all of it.
  metadata: (c) =>
    `CASE WHEN pg_column_size(${c}.metadata) <= ${LIST_METADATA_MAX_BYTES} THEN ${c}.metadata
          ELSE jsonb_build_object('truncated', true, 'storedBytes', pg_column_size(${c}.metadata)) END`,
};

/** Every column a list item carries (lib/calls/columns.ts), plus the transcript's head for the preview. */
export function pageProjection(alias: string, options: { transcriptHead: boolean }): string {
  const c = alias;
  // Only the head of the transcript, and only for rows without a summary: the preview line.
  const head = options.transcriptHead
    ? `CASE WHEN coalesce(btrim(${c}.summary), '') = '' THEN left(${c}.transcription, 400) END AS transcript_head`
    : `NULL::text AS transcript_head`;
  const fields = LIST_FIELDS.map((f) => `${LIST_EXPRESSIONS[f]?.(c) ?? `${c}.${columnOf(f)}`} AS "${f}"`).join(", ");
  return `${fields}, ${accountIdSql(c)}, ${head}`;
}

/** Longest stretch of a call's text the snippet is looked for in: ts_headline re-parses what it is given. */
const HEADLINE_SOURCE_CHARS = 12_000;

/**
 * ts_headline over summary, reasoning and transcript, computed only for the
 * page's rows. The classic single-excerpt algorithm: at 1M rows, 51 headlines
 * cost under 1 ms with it and over 10 ms with MaxFragments (the fragment
 * algorithm scores every cover). Hits are marked with private-use characters (stripped from the
 * text first) and turned into segments by lib/calls/highlight.ts.
 */
export function headlineSql(alias: string, tsQueryParam: string, params: SqlParams): string {
  const c = alias;
  const options = params.add(
    `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=24, MinWords=10, ShortWord=2, FragmentDelimiter=${FRAGMENT_SEPARATOR}`,
  );
  const markers = params.add(MARKER_CHARS);
  const doc = `translate(left(concat_ws(E'\\n', ${c}.summary, ${c}.call_output_reasoning, ${c}.sentiment_output_reasoning, ${c}.transcription), ${HEADLINE_SOURCE_CHARS}), ${markers}::text, '')`;
  return `ts_headline('english', ${doc}, ${tsQueryParam}, ${options}::text) AS headline`;
}
