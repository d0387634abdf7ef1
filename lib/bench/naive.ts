import { stringify } from "csv-stringify/sync";
import type pg from "pg";
import {
  CALLBACK_VALUE,
  DURATION_BANDS,
  NEGATIVE_VALUE,
  PASS,
  PAYMENT_VALUES,
  PROMISE_VALUES,
  WRONG_NUMBER_VALUE,
} from "@/lib/analytics/metrics";
import type { AnalyticsQuery } from "@/lib/analytics/query";
import { type CallFilters, NO_FILTERS } from "@/lib/calls/filters";
import type { CallSort } from "@/lib/calls/search-params";
import { buildCallsWhere, isTrue } from "@/lib/calls/where";
import { Prisma } from "@/lib/db/sql";

/**
 * The naive baselines: what a straightforward implementation of the same
 * feature would run, measured in the same process against the same data so
 * the ratio shows what the design buys. Filters go through the shared WHERE
 * builder (same rows); what differs is the access path:
 * - list: `SELECT * … ORDER BY … LIMIT 50 OFFSET n` plus an exact `count(*)`;
 * - search: `ILIKE '%phrase%'` over the text columns (plus `count(*)`);
 * - facet counts: fetch the dimension columns and count in JavaScript;
 * - analytics: aggregate the raw `calls` table (not the rollups);
 * - CSV export: OFFSET pagination over `SELECT *`.
 * Results are returned so the benchmark can check that production and naive
 * agree where their semantics are the same (lists, facets, analytics).
 */

const ORDER: Record<Exclude<CallSort, "relevance">, string> = {
  "receivedAt.desc": "c.received_at DESC, c.id DESC",
  "receivedAt.asc": "c.received_at ASC, c.id ASC",
  "duration.desc": "c.duration DESC, c.id DESC",
  "duration.asc": "c.duration ASC, c.id ASC",
};

/** Every column but the generated tsvector, as an ORM's findMany would select them. */
const ALL_COLUMNS = Prisma.sql`c.id, c.provider_call_id, c.number_from, c.number_to, c.provider_status, c.delivery_status, c.duration, c.summary,
  c.ended_reason, c.call_output, c.call_output_reasoning, c.sentiment_output, c.sentiment_output_reasoning, c.transcription,
  c.recording_url, c.metadata, c.request_metadata, c.project_id, c.delivered_at, c.received_at, c.updated_at`;

/** The ILIKE pattern for a search text: the words as typed, quotes dropped, LIKE wildcards escaped. */
export function ilikePattern(q: string): string {
  const words = q.replace(/"/g, " ").trim().replace(/\s+/g, " ");
  return `%${words.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/** Runs a Prisma.sql statement on the benchmark's own pg pool (its baselines bypass the app's client). */
function runOn<R extends pg.QueryResultRow>(pool: pg.Pool, query: Prisma.Sql) {
  return pool.query<R>(query.text, query.values);
}

function naiveWhere(filters: CallFilters): Prisma.Sql {
  const where = buildCallsWhere(filters, { omit: ["q"] });
  if (!filters.q) return where;
  const p = ilikePattern(filters.q);
  const text = Prisma.sql`(c.summary ILIKE ${p} OR c.call_output_reasoning ILIKE ${p} OR c.sentiment_output_reasoning ILIKE ${p} OR c.transcription ILIKE ${p})`;
  return isTrue(where) ? text : Prisma.sql`${text} AND ${where}`;
}

export interface NaivePage {
  ids: string[];
  total: number;
}

/** One list page the naive way: OFFSET pagination and an exact count, side by side (two connections, as the production list does). */
export async function naiveListPage(
  pool: pg.Pool,
  filters: CallFilters,
  sort: Exclude<CallSort, "relevance">,
  offset: number,
  limit: number,
): Promise<NaivePage> {
  const where = naiveWhere(filters);
  const [page, count] = await Promise.all([
    runOn<{ id: string }>(
      pool,
      Prisma.sql`SELECT ${ALL_COLUMNS} FROM calls c WHERE ${where} ORDER BY ${Prisma.raw(ORDER[sort])} LIMIT ${limit} OFFSET ${offset}`,
    ),
    runOn<{ n: number }>(pool, Prisma.sql`SELECT count(*)::int AS n FROM calls c WHERE ${where}`),
  ]);
  return { ids: page.rows.map((r) => r.id), total: count.rows[0]?.n ?? 0 };
}

const FACET_COLUMNS = {
  outcome: "call_output",
  sentiment: "sentiment_output",
  project: "project_id",
  deliveryStatus: "delivery_status",
  providerStatus: "provider_status",
} as const;
export type NaiveFacetDimension = keyof typeof FACET_COLUMNS;

/**
 * Facet counts the naive way: read the five dimension columns of every call
 * and count in JavaScript, each facet applying every filter but its own.
 * (The search text is not supported here; the benchmark measures facets without one.)
 */
export async function naiveFacets(pool: pg.Pool, filters: CallFilters): Promise<Record<NaiveFacetDimension, Map<string, number>>> {
  const { rows } = await pool.query<
    Record<(typeof FACET_COLUMNS)[NaiveFacetDimension], string | null> & { received_at: Date; duration: number }
  >(`SELECT c.call_output, c.sentiment_output, c.project_id, c.delivery_status, c.provider_status, c.received_at, c.duration FROM calls c`);
  const dims = Object.keys(FACET_COLUMNS) as NaiveFacetDimension[];
  const matches = (row: (typeof rows)[number], omit: NaiveFacetDimension): boolean => {
    const inList = (list: string[], v: string | null) => list.length === 0 || (v !== null && list.includes(v));
    if (omit !== "outcome" && !inList(filters.outcome, row.call_output)) return false;
    if (omit !== "sentiment" && !inList(filters.sentiment, row.sentiment_output)) return false;
    if (omit !== "project" && !inList(filters.project, row.project_id)) return false;
    if (omit !== "deliveryStatus" && filters.deliveryStatus && row.delivery_status !== filters.deliveryStatus) return false;
    if (omit !== "providerStatus" && filters.providerStatus && row.provider_status !== filters.providerStatus) return false;
    if (filters.from && row.received_at < filters.from) return false;
    if (filters.to && row.received_at >= filters.to) return false;
    if (filters.durationMin !== null && row.duration < filters.durationMin) return false;
    if (filters.durationMax !== null && row.duration > filters.durationMax) return false;
    return true;
  };
  const out = Object.fromEntries(dims.map((d) => [d, new Map<string, number>()])) as Record<NaiveFacetDimension, Map<string, number>>;
  for (const row of rows) {
    for (const dim of dims) {
      const value = row[FACET_COLUMNS[dim]];
      if (value === null || !matches(row, dim)) continue;
      const counts = out[dim];
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }
  return out;
}

/** CSV of `rows` calls the naive way: OFFSET batches of `SELECT *`, newest first. Returns the number of data rows written. */
export async function naiveExport(
  pool: pg.Pool,
  rows: number,
  batchSize = 2_000,
  sink: (chunk: string) => void = () => {},
): Promise<number> {
  let written = 0;
  while (written < rows) {
    const { rows: batch } = await runOn<Record<string, unknown>>(
      pool,
      Prisma.sql`SELECT ${ALL_COLUMNS} FROM calls c ORDER BY c.received_at DESC, c.id DESC LIMIT ${Math.min(batchSize, rows - written)} OFFSET ${written}`,
    );
    if (!batch.length) break;
    sink(
      stringify(
        batch.map((r) => [
          r.id,
          (r.received_at as Date).toISOString(),
          r.provider_call_id,
          r.number_to,
          r.number_from,
          r.call_output,
          r.sentiment_output,
          r.duration,
          r.delivery_status,
          r.provider_status,
          r.project_id,
          r.ended_reason,
          r.summary,
          r.call_output_reasoning,
          r.sentiment_output_reasoning,
          r.recording_url,
          r.delivered_at ? (r.delivered_at as Date).toISOString() : null,
        ]),
        { record_delimiter: "\r\n" },
      ),
    );
    written += batch.length;
  }
  return written;
}

// ---- analytics over the raw table ----

function analyticsWhere(q: AnalyticsQuery, range: { start: Date; end: Date } = q.period): Prisma.Sql {
  const where = buildCallsWhere({ ...NO_FILTERS, ...q.filters });
  return Prisma.sql`c.received_at >= ${range.start} AND c.received_at < ${range.end} AND ${where}`;
}

/** The analytics figures the naive way, each as a plain map the benchmark compares with production's result. */
export type NaiveAnalyticsKind =
  | "kpis"
  | "outcomeTrend"
  | "sentimentTrend"
  | "outcomeDistribution"
  | "funnel"
  | "projectBreakdown"
  | "numberBreakdown"
  | "durationByOutcome";

export async function naiveAnalytics(pool: pg.Pool, kind: NaiveAnalyticsKind, q: AnalyticsQuery): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const run = async (sql: Prisma.Sql) => (await runOn<Record<string, unknown>>(pool, sql)).rows;
  switch (kind) {
    case "kpis": {
      const pass = PASS;
      const cur = Prisma.sql`c.received_at >= ${q.period.start} AND c.received_at < ${q.period.end}`;
      const where = analyticsWhere(q, { start: q.period.previous.start, end: q.period.end });
      const rows = await run(
        Prisma.sql`SELECT CASE WHEN ${cur} THEN 'current' ELSE 'previous' END AS period,
                count(*)::int AS calls,
                count(*) FILTER (WHERE c.delivery_status = ${pass})::int AS delivered,
                count(*) FILTER (WHERE c.provider_status = ${pass})::int AS connected,
                count(*) FILTER (WHERE c.call_output = ANY(${PROMISE_VALUES}::text[]))::int AS promises,
                count(*) FILTER (WHERE c.call_output = ANY(${PAYMENT_VALUES}::text[]))::int AS payments,
                count(*) FILTER (WHERE c.call_output = ${CALLBACK_VALUE})::int AS callbacks,
                count(*) FILTER (WHERE c.call_output = ${WRONG_NUMBER_VALUE})::int AS wrong_numbers,
                coalesce(sum(c.duration) FILTER (WHERE c.provider_status = ${pass}), 0)::float8 AS connected_duration,
                count(*) FILTER (WHERE c.sentiment_output = ${NEGATIVE_VALUE})::int AS negative,
                count(*) FILTER (WHERE coalesce(c.sentiment_output, '') <> '')::int AS rated
           FROM calls c WHERE ${where} GROUP BY 1`,
      );
      for (const row of rows) for (const [k, v] of Object.entries(row)) if (k !== "period") out[`${row.period}.${k}`] = Number(v);
      return out;
    }
    case "outcomeTrend":
    case "sentimentTrend": {
      const column = Prisma.raw(kind === "outcomeTrend" ? "c.call_output" : "c.sentiment_output");
      const where = analyticsWhere(q);
      const rows = await run(
        Prisma.sql`SELECT to_char(date_trunc(${q.period.granularity}::text, (c.received_at AT TIME ZONE ${q.period.tz}::text)::date::timestamp), 'YYYY-MM-DD') AS bucket,
                coalesce(${column}, '') AS key, count(*)::int AS calls
           FROM calls c WHERE ${where} GROUP BY 1, 2`,
      );
      for (const row of rows) out[`${row.bucket}|${row.key}`] = Number(row.calls);
      return out;
    }
    case "outcomeDistribution": {
      const rows = await run(
        Prisma.sql`SELECT coalesce(c.call_output, '') AS key, count(*)::int AS calls FROM calls c WHERE ${analyticsWhere(q)} GROUP BY 1`,
      );
      for (const row of rows) out[String(row.key)] = Number(row.calls);
      return out;
    }
    case "funnel": {
      const pass = PASS;
      const connected = Prisma.sql`c.delivery_status = ${pass} AND c.provider_status = ${pass}`;
      const rows = await run(
        Prisma.sql`SELECT count(*)::int AS calls,
                count(*) FILTER (WHERE c.delivery_status = ${pass})::int AS delivered,
                count(*) FILTER (WHERE ${connected})::int AS connected,
                count(*) FILTER (WHERE ${connected} AND c.call_output = ANY(${PROMISE_VALUES}::text[]))::int AS promises,
                count(*) FILTER (WHERE ${connected} AND c.call_output = ANY(${PAYMENT_VALUES}::text[]))::int AS payments
           FROM calls c WHERE ${analyticsWhere(q)}`,
      );
      for (const [k, v] of Object.entries(rows[0] ?? {})) out[k] = Number(v);
      return out;
    }
    case "projectBreakdown":
    case "numberBreakdown": {
      const column = kind === "projectBreakdown" ? Prisma.sql`coalesce(c.project_id, '')` : Prisma.sql`c.number_from`;
      const rows = await run(
        Prisma.sql`SELECT ${column} AS key, count(*)::int AS calls,
                count(*) FILTER (WHERE c.call_output = ANY(${PROMISE_VALUES}::text[]))::int AS promises,
                count(*) FILTER (WHERE c.sentiment_output = ${NEGATIVE_VALUE})::int AS negative,
                count(*) FILTER (WHERE coalesce(c.sentiment_output, '') <> '')::int AS rated
           FROM calls c WHERE ${analyticsWhere(q)} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 500`,
      );
      for (const row of rows) for (const k of ["calls", "promises", "negative", "rated"]) out[`${row.key}.${k}`] = Number(row[k]);
      return out;
    }
    case "durationByOutcome": {
      const bands = Prisma.join(
        DURATION_BANDS.map(
          (b, i) =>
            Prisma.sql`count(*) FILTER (WHERE c.duration >= ${b.min}::int${b.max === null ? Prisma.empty : Prisma.sql` AND c.duration < ${b.max}::int`})::int AS ${Prisma.raw(`b${i}`)}`,
        ),
      );
      const rows = await run(
        Prisma.sql`SELECT coalesce(c.call_output, '') AS key, count(*)::int AS calls, sum(c.duration)::float8 AS duration_sum, ${bands}
           FROM calls c WHERE ${analyticsWhere(q)} GROUP BY 1`,
      );
      for (const row of rows) {
        out[`${row.key}.calls`] = Number(row.calls);
        out[`${row.key}.durationSum`] = Number(row.duration_sum);
        DURATION_BANDS.forEach((_, i) => {
          out[`${row.key}.band${i}`] = Number(row[`b${i}`]);
        });
      }
      return out;
    }
  }
}
