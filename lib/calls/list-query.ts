import "server-only";
import { type Db, ident, Prisma, queryRows, withStatementTimeout } from "@/lib/db/sql";
import { type CallListRow, LIST_FIELDS, type Serialised, serialiseFields } from "./columns";
import { type CallCount, countCalls, explainRows, whereWithTsQuery } from "./count";
import { type Cursor, decodeCursor, encodeCursor, InvalidCursorError } from "./cursor";
import { activeDimensions, type CallFilters, type CallPageRequest, type FilterDimension } from "./filters";
import { firstLine, headlineToSegments, plainSegments, type TextSegment } from "./highlight";
import { headlineSql, keysetSql, ORDERINGS, type Ordering, orderBySql, pageProjection, rankKey, scanDescending } from "./list-sql";
import { buildCallsWhere, tsQuerySql } from "./where";

/**
 * One page of the calls list. Internal: lib/calls/queries.ts is the guarded
 * entry point (requireRole) that pages and route handlers call.
 *
 * Plans (lib/calls/queries.int.test.ts checks both search plans return the same rows):
 * - Without a search: one keyset range scan on the index that serves the
 *   order, joined back to the call rows for the page only.
 * - With a search, PostgreSQL's own choice is unreliable (a rare term under
 *   `ORDER BY received_at LIMIT 50` walks the whole time index: seconds at 1M
 *   rows), so the term's frequency is settled first (probeSearch): the
 *   planner's estimate when it says "common", otherwise a count through the
 *   GIN index of at most SEARCH_MATERIALISE_CAP + 1 candidates:
 *   - rare (≤ cap): "materialise" — fetch every match through the GIN index,
 *     sort those few rows (by time, duration or ts_rank) and cut the page;
 *     the total is exact for free;
 *   - common (> cap): "walk" — scan the ordering's index and test each row
 *     against the tsvector; matches are dense, so a page needs few rows.
 *     Ranking every match of a common term is unaffordable, so a relevance
 *     search over a common term falls back to newest first and says so.
 * Snippets (ts_headline) and transcript heads are computed only for the page's rows.
 */
export const SEARCH_MATERIALISE_CAP = 10_000;
const PROBE_TIMEOUT_MS = 250;
/** Estimated matches above which a term counts as common without probing (statistics are rough; the probe is exact). */
const COMMON_TERM_ESTIMATE = 4 * SEARCH_MATERIALISE_CAP;

export type ListNotice = "too-many-to-rank" | "no-searchable-words";

/** A list row as the page, the API and the export see it (instants as ISO strings). */
export type CallListItem = Serialised<CallListRow> & {
  /** What the list shows for the row: the search snippet (with hits), else the summary, else the transcript's first line. */
  preview: { source: "snippet" | "summary" | "transcript" | "none"; segments: TextSegment[] };
};

export interface CallList {
  items: CallListItem[];
  nextCursor: string | null;
  prevCursor: string | null;
  total: number;
  totalIsEstimate: boolean;
  /** The order actually used (a relevance search over too many matches is listed newest first). */
  ordering: Ordering;
  /** The search strategy used, for diagnostics and the benchmark. */
  plan: "index" | "search-walk" | "search-materialise" | "empty";
  notice: ListNotice | null;
}

export interface ListOptions {
  /** Skip the total (CSV export batches do not need it). */
  withTotal?: boolean;
  /** Skip snippets / previews (CSV export). */
  withPreview?: boolean;
  /** "ignore": a cursor that does not fit is dropped (UI); "throw": InvalidCursorError (API → 400). */
  invalidCursor?: "ignore" | "throw";
  /** Tests and diagnostics: take this search plan whatever the probe says (both must return the same rows). */
  forceSearchPlan?: "walk" | "materialise";
}

type PageRow = CallListRow & {
  transcript_head: string | null;
  rank?: number | string | null;
  rank_text?: string | null;
  headline?: string | null;
  total?: number;
};

export interface SearchProbe {
  /** websearch_to_tsquery(q) as text; "" when q has no searchable words. */
  tsQuery: string;
  /** Candidate rows found through the GIN index, counted up to cap + 1. */
  candidates: number;
}

export async function probeSearch(db: Db, q: string): Promise<SearchProbe> {
  const rows = await queryRows<{ tsq: string }>(Prisma.sql`SELECT ${tsQuerySql(q)}::text AS tsq`, db);
  const tsQuery = rows[0]?.tsq ?? "";
  if (!tsQuery) return { tsQuery, candidates: 0 };
  // Phrase operators (<->, <N>) need the row's tsvector to check adjacency;
  // counting candidates with them AND-ed keeps the probe inside the index.
  const candidateQuery = tsQuery.replace(/<(\d+|-)>/g, "&");
  // 1. The planner's estimate (table statistics keep the frequency of common lexemes): a clearly common
  //    term is settled without touching the index. Counting it through GIN would cost the most of all:
  //    the bitmap of a term in most calls holds most of the table.
  const estimate = await explainRows(db, Prisma.sql`SELECT 1 FROM calls c WHERE c.search_vector @@ ${candidateQuery}::tsquery`);
  if (estimate > COMMON_TERM_ESTIMATE) return { tsQuery, candidates: SEARCH_MATERIALISE_CAP + 1 };
  // 2. Otherwise count for real, through the GIN index, always: left alone the planner may scan the table
  //    until it has cap + 1 matches, testing each row's tsvector (hundreds of ms at 1M rows).
  const candidates = await withStatementTimeout(
    PROBE_TIMEOUT_MS,
    async (tx) => {
      const probe = await queryRows<{ n: number }>(
        Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM calls c WHERE c.search_vector @@ ${candidateQuery}::tsquery LIMIT ${SEARCH_MATERIALISE_CAP + 1}) s`,
        tx,
      );
      return probe[0]?.n ?? 0;
    },
    { enable_seqscan: "off" },
  );
  // A probe that could not finish in time is itself the answer: the term is anything but rare.
  return { tsQuery, candidates: candidates ?? SEARCH_MATERIALISE_CAP + 1 };
}

export interface SearchPlan {
  /** The order the rows come in (a relevance sort over a common term falls back to newest first). */
  ordering: Ordering;
  /** websearch_to_tsquery(q) as text, or null without a search. */
  tsQuery: string | null;
  /** Rare term: fetch every match through the GIN index and sort those (else walk the ordering's index). */
  materialise: boolean;
  /** The search has no searchable words: nothing matches. */
  empty: boolean;
  notice: ListNotice | null;
}

/**
 * How a search is run, decided once for the list and the detail page's
 * previous/next (which must walk the same rows in the same order). A relevance
 * cursor keeps its ordering even if the term has since become common: pages of
 * one listing stay consistent.
 */
export async function planSearch(
  db: Db,
  q: string | null,
  requested: Ordering,
  options: { cursorSort?: Ordering | null; force?: "walk" | "materialise" } = {},
): Promise<SearchPlan> {
  if (!q)
    return {
      ordering: requested === "relevance" ? "receivedAt.desc" : requested,
      tsQuery: null,
      materialise: false,
      empty: false,
      notice: null,
    };
  const probe = await probeSearch(db, q);
  if (!probe.tsQuery) return { ordering: requested, tsQuery: null, materialise: false, empty: true, notice: "no-searchable-words" };
  const rare = options.force ? options.force === "materialise" : probe.candidates <= SEARCH_MATERIALISE_CAP;
  if (requested === "relevance" && !rare && options.cursorSort !== "relevance") {
    return { ordering: "receivedAt.desc", tsQuery: probe.tsQuery, materialise: false, empty: false, notice: "too-many-to-rank" };
  }
  return { ordering: requested, tsQuery: probe.tsQuery, materialise: rare || requested === "relevance", empty: false, notice: null };
}

export async function runListCalls(db: Db, filters: CallFilters, page: CallPageRequest, options: ListOptions = {}): Promise<CallList> {
  const withTotal = options.withTotal ?? true;
  const withPreview = options.withPreview ?? true;

  let cursor: Cursor | null = null;
  if (page.cursor) {
    try {
      cursor = decodeCursor(page.cursor, page.sort);
    } catch (error) {
      if (options.invalidCursor === "throw" || !(error instanceof InvalidCursorError)) throw error;
    }
  }

  const search = await planSearch(db, filters.q, cursor?.sort ?? page.sort, {
    cursorSort: cursor?.sort ?? null,
    force: options.forceSearchPlan,
  });
  if (search.empty) {
    return {
      items: [],
      nextCursor: null,
      prevCursor: null,
      total: 0,
      totalIsEstimate: false,
      ordering: search.ordering,
      plan: "empty",
      notice: search.notice,
    };
  }
  const { ordering, tsQuery, notice } = search;
  const plan: CallList["plan"] = tsQuery === null ? "index" : search.materialise ? "search-materialise" : "search-walk";

  const descending = scanDescending(ordering, cursor);
  const limit = page.limit;
  const where = whereWithTsQuery(filters, tsQuery, "c", { searchDriven: plan === "search-materialise" });
  const tsParam = tsQuery !== null ? Prisma.sql`${tsQuery}::tsquery` : null;
  const headline = withPreview && tsParam ? Prisma.sql`, ${headlineSql("c", tsParam)}` : Prisma.empty;
  const projection = pageProjection("c", { transcriptHead: withPreview });
  const pageRows = limit + 1;

  let sql: Prisma.Sql;
  if (plan === "search-materialise") {
    const rank = ordering === "relevance" && tsParam ? Prisma.sql`ts_rank(c.search_vector, ${tsParam})` : Prisma.sql`0::real`;
    const keyset = keysetSql(ordering, "m", cursor, descending);
    const total = withTotal ? Prisma.sql`, (SELECT count(*) FROM m)::int AS total` : Prisma.empty;
    sql = Prisma.sql`
      WITH m AS MATERIALIZED (
        SELECT c.id, c.received_at, c.duration, ${rank} AS rank FROM calls c WHERE ${where}
      ),
      p AS (SELECT * FROM m WHERE ${keyset} ORDER BY ${orderBySql(ordering, "m", descending)} LIMIT ${pageRows})
      SELECT ${projection}, p.rank, p.rank::text AS rank_text${headline}${total}
      FROM p JOIN calls c ON c.id = p.id
      ORDER BY ${orderBySql(ordering, "p", descending)}`;
  } else if (!withPreview) {
    // Nothing costly to project (no snippet, no transcript head): one pass over the index, no join back.
    // The CSV export reads every matching call this way, batch after batch.
    const keyset = keysetSql(ordering, "c", cursor, descending);
    sql = Prisma.sql`
      SELECT ${projection} FROM calls c WHERE ${where} AND ${keyset}
      ORDER BY ${orderBySql(ordering, "c", descending)} LIMIT ${pageRows}`;
  } else {
    const keyset = keysetSql(ordering, "c", cursor, descending);
    const key = ident("c", ORDERINGS[ordering].key);
    sql = Prisma.sql`
      WITH p AS MATERIALIZED (
        SELECT c.id, ${key} FROM calls c WHERE ${where} AND ${keyset}
        ORDER BY ${orderBySql(ordering, "c", descending)} LIMIT ${pageRows}
      )
      SELECT ${projection}${headline}
      FROM p JOIN calls c ON c.id = p.id
      ORDER BY ${orderBySql(ordering, "p", descending)}`;
  }

  // The count runs beside the page query (its own pooled connection) so the list waits for whichever is slower, not both.
  const needsCount = withTotal && plan !== "search-materialise";
  const [resultRows, counted] = await Promise.all([
    queryRows<PageRow>(sql, db),
    needsCount ? countCalls(db, filters, tsQuery) : Promise.resolve<CallCount | null>(null),
  ]);

  let rows = resultRows;
  const hasMoreInScanDirection = rows.length > limit;
  if (hasMoreInScanDirection) rows = rows.slice(0, limit);
  const backwards = cursor?.direction === "prev";
  if (backwards) rows.reverse();

  const keyOf = (row: PageRow) => ({
    value:
      ORDERINGS[ordering].key === "received_at"
        ? row.receivedAt.toISOString()
        : ORDERINGS[ordering].key === "duration"
          ? row.duration
          : rankKey(String(row.rank_text ?? row.rank ?? "0"), row.receivedAt),
    id: row.id,
  });
  const first = rows[0];
  const last = rows[rows.length - 1];
  // Forward: more rows after → next; we came from somewhere → prev. Backward: mirror image.
  const hasNext = backwards ? true : hasMoreInScanDirection;
  const hasPrev = backwards ? hasMoreInScanDirection : cursor !== null;
  const nextCursor = hasNext && last ? encodeCursor({ sort: ordering, direction: "next", key: keyOf(last) }) : null;
  const prevCursor = hasPrev && first ? encodeCursor({ sort: ordering, direction: "prev", key: keyOf(first) }) : null;

  let total: number;
  let totalIsEstimate = false;
  if (plan === "search-materialise") {
    // Every row carries count(*) of the materialised matches; an empty page past the end has no row to carry it.
    const carried = resultRows[0]?.total;
    if (carried !== undefined) total = carried;
    else if (!cursor) total = 0;
    else ({ total, isEstimate: totalIsEstimate } = await countCalls(db, filters, tsQuery));
  } else if (!cursor && !hasMoreInScanDirection) {
    // The whole set fits on this first page: its size is the exact total.
    total = rows.length;
  } else {
    total = counted?.total ?? 0;
    totalIsEstimate = counted?.isEstimate ?? false;
    // An estimate below what we can already see would read oddly ("about 40" above 50 rows).
    if (totalIsEstimate && total < rows.length) total = rows.length;
  }

  return {
    items: rows.map((row) => toItem(row, withPreview)),
    nextCursor,
    prevCursor,
    total,
    totalIsEstimate,
    ordering,
    plan,
    notice,
  };
}

function toItem(row: PageRow, withPreview: boolean): CallListItem {
  let preview: CallListItem["preview"] = { source: "none", segments: [] };
  if (withPreview) {
    const headline = row.headline ? headlineToSegments(row.headline) : [];
    if (headline.some((s) => s.hit)) preview = { source: "snippet", segments: headline };
    else if (row.summary?.trim()) preview = { source: "summary", segments: plainSegments(row.summary) };
    else {
      const line = firstLine(row.transcript_head);
      if (line) preview = { source: "transcript", segments: plainSegments(line) };
    }
  }
  return { ...serialiseFields(row, LIST_FIELDS), accountId: row.accountId ?? null, preview };
}

/**
 * The calls among `ids` that match `filters`, as list items (the live feed
 * asks this for each batch of notifications: a primary-key lookup, with the
 * same WHERE and preview as the list itself).
 */
export async function fetchCallsByIdMatching(db: Db, ids: string[], filters: CallFilters): Promise<CallListItem[]> {
  if (ids.length === 0) return [];
  const headline = filters.q ? Prisma.sql`, ${headlineSql("c", tsQuerySql(filters.q))}` : Prisma.empty;
  const rows = await queryRows<PageRow>(
    Prisma.sql`SELECT ${pageProjection("c", { transcriptHead: true })}${headline}
     FROM calls c WHERE c.id = ANY(${ids}::uuid[]) AND ${buildCallsWhere(filters)}
     ORDER BY c.received_at DESC, c.id DESC`,
    db,
  );
  return rows.map((row) => toItem(row, true));
}

/**
 * For an empty list: which active filters, removed on their own, would bring
 * calls back (the empty state offers those first). Each check is an existence
 * probe (LIMIT 1) under a short statement timeout; a check that runs out of
 * time is simply not reported.
 */
export async function findEmptyingFilters(_db: Db, filters: CallFilters): Promise<FilterDimension[]> {
  const dims = activeDimensions(filters);
  if (dims.length === 0) return [];
  const checks = await Promise.all(
    dims.map(async (dim) => {
      const where = buildCallsWhere(filters, { omit: [dim] });
      const found = await withStatementTimeout(100, async (tx) => {
        const rows = await queryRows(Prisma.sql`SELECT 1 AS found FROM calls c WHERE ${where} LIMIT 1`, tx);
        return rows.length > 0;
      });
      return found ? dim : null;
    }),
  );
  return checks.filter((d): d is FilterDimension => d !== null);
}
