import { ident, list, Prisma } from "@/lib/db/sql";
import { columnOf, LIST_FIELDS, type ListField } from "./columns";
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

export function orderBySql(ordering: Ordering, alias: string, descending: boolean): Prisma.Sql {
  const dir = Prisma.raw(descending ? "DESC" : "ASC");
  const key = ORDERINGS[ordering].key;
  // Equal ranks are common (templated wording, one-word searches): the newest of them first.
  if (key === "rank")
    return Prisma.sql`${ident(alias, "rank")} ${dir}, ${ident(alias, "received_at")} ${dir}, ${ident(alias, "id")} ${dir}`;
  return Prisma.sql`${ident(alias, key)} ${dir}, ${ident(alias, "id")} ${dir}`;
}

/** `(key, id) < (…)` for a descending scan, `>` ascending: a row comparison btree indexes can seek to. */
export function keysetSql(ordering: Ordering, alias: string, cursor: Cursor | null, descending: boolean): Prisma.Sql {
  if (!cursor) return Prisma.sql`TRUE`;
  const spec = ORDERINGS[ordering];
  const op = Prisma.raw(descending ? "<" : ">");
  const id = ident(alias, "id");
  if (spec.key === "rank") {
    const { rank, receivedAt } = splitRankKey(String(cursor.key.value));
    return Prisma.sql`(${ident(alias, "rank")}, ${ident(alias, "received_at")}, ${id}) ${op} (${rank}::real, ${receivedAt}::timestamptz, ${cursor.key.id}::uuid)`;
  }
  const cast = Prisma.raw(spec.key === "received_at" ? "timestamptz" : "integer");
  return Prisma.sql`(${ident(alias, spec.key)}, ${id}) ${op} (${cursor.key.value}::${cast}, ${cursor.key.id}::uuid)`;
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
const LIST_EXPRESSIONS: Partial<Record<ListField, (alias: string) => Prisma.Sql>> = {
  // List rows never carry a large metadata object whole (150k keys made every list page 2.4 MB):
  // above 2 KB stored, a stub points to the single-call JSON, which has all of it.
  metadata: (c) =>
    Prisma.sql`CASE WHEN pg_column_size(${ident(c, "metadata")}) <= ${LIST_METADATA_MAX_BYTES} THEN ${ident(c, "metadata")}
          ELSE jsonb_build_object('truncated', true, 'storedBytes', pg_column_size(${ident(c, "metadata")})) END`,
};

/** Every column a list item carries (lib/calls/columns.ts), plus the transcript's head for the preview. */
export function pageProjection(alias: string, options: { transcriptHead: boolean }): Prisma.Sql {
  const c = alias;
  // Only the head of the transcript, and only for rows without a summary: the preview line.
  const head = options.transcriptHead
    ? Prisma.sql`CASE WHEN coalesce(btrim(${ident(c, "summary")}), '') = '' THEN left(${ident(c, "transcription")}, 400) END AS transcript_head`
    : Prisma.sql`NULL::text AS transcript_head`;
  // Output names are the Prisma field names (camelCase, quoted), from the same constant table.
  const fields = LIST_FIELDS.map((f) => Prisma.sql`${LIST_EXPRESSIONS[f]?.(c) ?? ident(c, columnOf(f))} AS ${Prisma.raw(`"${f}"`)}`);
  return Prisma.sql`${list(fields)}, ${accountIdSql(c)}, ${head}`;
}

/** Not a calls column: the call's account (crm_call_links, written by the accounts derivation), null until linked; a primary-key lookup per row. */
function accountIdSql(alias: string): Prisma.Sql {
  return Prisma.sql`(SELECT l.account_id FROM crm_call_links l WHERE l.call_id = ${ident(alias, "id")}) AS "accountId"`;
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
export function headlineSql(alias: string, tsQuery: Prisma.Sql): Prisma.Sql {
  const c = (column: string) => ident(alias, column);
  const options = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=24, MinWords=10, ShortWord=2, FragmentDelimiter=${FRAGMENT_SEPARATOR}`;
  const doc = Prisma.sql`translate(left(concat_ws(E'\\n', ${c("summary")}, ${c("call_output_reasoning")}, ${c("sentiment_output_reasoning")}, ${c("transcription")}), ${HEADLINE_SOURCE_CHARS}), ${MARKER_CHARS}::text, '')`;
  return Prisma.sql`ts_headline('english', ${doc}, ${tsQuery}, ${options}::text) AS headline`;
}
