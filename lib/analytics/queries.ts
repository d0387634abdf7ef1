import "server-only";
import { cache } from "react";
import { requireRole } from "@/lib/auth/guard";
import { compareOutcomes, sentimentInfo } from "@/lib/calls/catalogue";
import { ident, list, Prisma, queryRows, withSettings } from "@/lib/db/sql";
import {
  CALLBACK_VALUE,
  DURATION_BANDS,
  EMPTY_KPI_COUNTS,
  type KpiCounts,
  NEGATIVE_VALUE,
  PASS,
  PAYMENT_VALUES,
  PROMISE_VALUES,
  WRONG_NUMBER_VALUE,
} from "./metrics";
import { addDays, rollupZone } from "./period";
import type { AnalyticsQuery } from "./query";
import { type InstantRange, type RangeSplit, splitRange, type ZoneState } from "./range-split";
import type { Granularity } from "./search-params";
import { rollupSource, type SourceKind } from "./sql";

/**
 * The analytics queries the page, the CSV downloads and the benchmark call.
 * Each checks the viewer's role first, then runs ONE aggregate statement over
 * the rollup tables (never over the wide `calls` rows) and returns plain,
 * serialisable data for the presentational charts.
 */

export interface KpiResult {
  current: KpiCounts;
  previous: KpiCounts;
  /** The comparison period, ISO instants [start, end). */
  previousRange: { start: string; end: string };
}

export interface TrendBucket {
  /** Local date the bucket starts on (YYYY-MM-DD). */
  key: string;
  /** The bucket clipped to the period, local days inclusive: the drill-down range. */
  from: string;
  to: string;
  total: number;
  values: Record<string, number>;
}

export interface TrendResult {
  granularity: Granularity;
  /** Series present in the period (outcomes or sentiments), in catalogue order; '' = none recorded. */
  series: string[];
  buckets: TrendBucket[];
}

export interface DistributionRow {
  /** Raw value ('' = none recorded). */
  value: string;
  calls: number;
}

export interface FunnelResult {
  calls: number;
  delivered: number;
  /** Delivered and connected. */
  connected: number;
  /** Connected with a promise or extension. */
  promises: number;
  /** Connected with payment completed. */
  payments: number;
}

export interface BreakdownRow {
  /** Project id or Levers number ('' = none recorded). */
  key: string;
  calls: number;
  promises: number;
  negative: number;
  /** Calls with any sentiment: the base of the negative share. */
  rated: number;
}

export interface DurationRow {
  outcome: string;
  calls: number;
  durationSum: number;
  /** Calls per band, in DURATION_BANDS order. */
  bands: number[];
}

const MAX_BREAKDOWN_ROWS = 500;

/** Which days of `tz` (a rollupZone name) the daily tier holds exactly. Cached per request: every widget asks. */
export const loadZoneState = cache(async (tz: string): Promise<ZoneState> => {
  const rows = await queryRows<{ complete_from: string | null; fully_backfilled: boolean }>(
    Prisma.sql`SELECT complete_from::text AS complete_from, fully_backfilled FROM analytics_zones WHERE zone = ${tz}`,
  );
  const row = rows[0];
  if (!row) return { kind: "none" };
  if (row.fully_backfilled) return { kind: "full" };
  return row.complete_from ? { kind: "partial", completeFrom: row.complete_from } : { kind: "none" };
});

async function split(q: AnalyticsQuery, range: InstantRange = q.period): Promise<RangeSplit> {
  return splitRange({ start: range.start, end: range.end }, q.period.tz, await loadZoneState(rollupZone(q.period.tz)));
}

/**
 * Whether any call received in [start, end) carries a person's verdict. The
 * corrected view adds its verdict delta only then: most periods have none, and
 * the extra UNION ALL branch cost the KPIs 3–7 ms at 200k calls even when it
 * returned no row. One index probe (call_verdicts_received_at_idx), cached per
 * request.
 */
const hasVerdictsIn = cache(async (start: string, end: string): Promise<boolean> => {
  const rows = await queryRows<{ any: boolean }>(
    Prisma.sql`SELECT EXISTS (SELECT 1 FROM call_verdicts WHERE received_at >= ${start}::timestamptz AND received_at < ${end}::timestamptz) AS any`,
  );
  return rows[0]?.any ?? false;
});

async function source(kind: SourceKind, q: AnalyticsQuery, range?: InstantRange, tag?: string): Promise<Prisma.Sql> {
  const wanted = q.values === "ai" ? null : (range ?? q.period);
  const corrected = wanted && (await hasVerdictsIn(wanted.start.toISOString(), wanted.end.toISOString())) ? wanted : null;
  return rollupSource(kind, await split(q, range), q.period.tz, rollupZone(q.period.tz), q.filters, tag, corrected);
}

const int = (expression: Prisma.Sql) => Prisma.sql`coalesce(${expression}, 0)::int`;
/** `sum(s.calls) FILTER (WHERE …)`. */
const callsWhere = (condition: Prisma.Sql) => Prisma.sql`sum(s.calls) FILTER (WHERE ${condition})`;
const SUM_CALLS = Prisma.sql`sum(s.calls)`;

/**
 * Runs one aggregate over the rollups, with two planner settings kept to this
 * read-only transaction (withSettings: set_config(…, true), as SET LOCAL):
 * - random_page_cost 1.1: the rollup tables are small and always in memory, so
 *   random reads cost what sequential ones do; with the default (4, for
 *   spinning disks) the planner read a whole daily table to pick out a quarter
 *   of it (at 1M calls: 9,300 pages instead of 2,000 through the primary key).
 * - no parallel workers: these reads take tens of milliseconds, less than
 *   starting and gathering workers costs, and the page runs eight of them at
 *   once on two cores anyway (at 1M calls, 90 days: KPIs 101 → 31 ms p50,
 *   Levers-number breakdown 104 → 60 ms).
 */
async function aggregate<T>(sql: Prisma.Sql): Promise<{ rows: T[] }> {
  const rows = await withSettings({ readOnly: true, settings: { random_page_cost: "1.1", max_parallel_workers_per_gather: "0" } }, (tx) =>
    queryRows<T>(sql, tx),
  );
  return { rows: rows ?? [] };
}

function kpiColumns(): Prisma.Sql {
  return list(
    [
      Prisma.sql`${int(SUM_CALLS)} AS calls`,
      Prisma.sql`${int(callsWhere(Prisma.sql`s.delivery_status = ${PASS}`))} AS delivered`,
      Prisma.sql`${int(callsWhere(Prisma.sql`s.provider_status = ${PASS}`))} AS connected`,
      Prisma.sql`${int(callsWhere(Prisma.sql`s.call_output = ANY(${PROMISE_VALUES}::text[])`))} AS promises`,
      Prisma.sql`${int(callsWhere(Prisma.sql`s.call_output = ANY(${PAYMENT_VALUES}::text[])`))} AS payments`,
      Prisma.sql`${int(callsWhere(Prisma.sql`s.call_output = ${CALLBACK_VALUE}`))} AS callbacks`,
      Prisma.sql`${int(callsWhere(Prisma.sql`s.call_output = ${WRONG_NUMBER_VALUE}`))} AS "wrongNumbers"`,
      Prisma.sql`coalesce(sum(s.duration_sum) FILTER (WHERE s.provider_status = ${PASS}), 0)::float8 AS "connectedDuration"`,
      Prisma.sql`${int(callsWhere(Prisma.sql`s.sentiment_output = ${NEGATIVE_VALUE}`))} AS negative`,
      Prisma.sql`${int(callsWhere(Prisma.sql`s.sentiment_output <> ''`))} AS rated`,
    ],
    ",\n",
  );
}

/** Columns are named as KpiCounts' fields, so a row is the counts plus its period. */
type KpiRow = KpiCounts & { period: string };

function toKpiCounts(row: KpiRow | undefined): KpiCounts {
  if (!row) return { ...EMPTY_KPI_COUNTS };
  const { period: _period, ...counts } = row;
  return counts;
}

/** KPI counts for the period and for the equally long period just before it. */
export async function getKpis(q: AnalyticsQuery): Promise<KpiResult> {
  await requireRole("manager");
  const current = await source("call", q, q.period, "current");
  const previous = await source("call", q, q.period.previous, "previous");
  const { rows } = await aggregate<KpiRow>(
    Prisma.sql`SELECT s.period, ${kpiColumns()}
       FROM (${current} UNION ALL ${previous}) s
      GROUP BY s.period`,
  );
  return {
    current: toKpiCounts(rows.find((r) => r.period === "current")),
    previous: toKpiCounts(rows.find((r) => r.period === "previous")),
    previousRange: { start: q.period.previous.start.toISOString(), end: q.period.previous.end.toISOString() },
  };
}

function bucketEnd(key: string, granularity: Granularity): string {
  if (granularity === "day") return key;
  if (granularity === "week") return addDays(key, 6);
  const [y, m] = key.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

async function trend(
  q: AnalyticsQuery,
  dimension: "call_output" | "sentiment_output",
  order: (a: string, b: string) => number,
): Promise<TrendResult> {
  await requireRole("manager");
  const { period } = q;
  const src = await source("call", q);
  const unit = Prisma.sql`${period.granularity}::text`;
  const { rows } = await aggregate<{ bucket: string; key: string | null; calls: number }>(
    Prisma.sql`WITH agg AS (
       SELECT date_trunc(${unit}, s.day::timestamp)::date AS b, ${ident("s", dimension)} AS key, sum(s.calls)::int AS calls
         FROM ${src} s
        GROUP BY 1, 2
     )
     SELECT to_char(g.b, 'YYYY-MM-DD') AS bucket, agg.key, coalesce(agg.calls, 0) AS calls
       FROM generate_series(date_trunc(${unit}, ${period.from}::date::timestamp),
                            ${period.to}::date::timestamp,
                            ('1 ' || ${unit})::interval) AS g(b)
       LEFT JOIN agg ON agg.b = g.b::date
      ORDER BY 1, 2`,
  );

  const buckets = new Map<string, TrendBucket>();
  const series = new Set<string>();
  for (const row of rows) {
    let bucket = buckets.get(row.bucket);
    if (!bucket) {
      const end = bucketEnd(row.bucket, period.granularity);
      bucket = {
        key: row.bucket,
        // biome-ignore lint/complexity/useMathMinMax: ISO date strings, compared lexically; Math.max would turn them into NaN
        from: row.bucket < period.from ? period.from : row.bucket,
        // biome-ignore lint/complexity/useMathMinMax: ISO date strings, compared lexically; Math.min would turn them into NaN
        to: end > period.to ? period.to : end,
        total: 0,
        values: {},
      };
      buckets.set(row.bucket, bucket);
    }
    if (row.key !== null && row.calls !== 0) {
      series.add(row.key);
      bucket.values[row.key] = (bucket.values[row.key] ?? 0) + row.calls;
      bucket.total += row.calls;
    }
  }
  const ordered = [...series].sort(order);
  // Every bucket carries every series, so charts draw zeros rather than gaps.
  for (const bucket of buckets.values()) for (const key of ordered) bucket.values[key] ??= 0;
  return { granularity: period.granularity, series: ordered, buckets: [...buckets.values()] };
}

const compareSentiments = (a: string, b: string) => sentimentInfo(a).order - sentimentInfo(b).order || a.localeCompare(b);

/** Calls per outcome per day/week/month bucket (local to the viewer's zone), zero-filled. */
export function getOutcomeTrend(q: AnalyticsQuery): Promise<TrendResult> {
  return trend(q, "call_output", compareOutcomes);
}

/** Calls per sentiment per bucket, zero-filled (the chart shows each bucket's shares). */
export function getSentimentTrend(q: AnalyticsQuery): Promise<TrendResult> {
  return trend(q, "sentiment_output", compareSentiments);
}

export async function getOutcomeDistribution(q: AnalyticsQuery): Promise<DistributionRow[]> {
  await requireRole("manager");
  const src = await source("call", q);
  const { rows } = await aggregate<DistributionRow>(
    Prisma.sql`SELECT s.call_output AS value, sum(s.calls)::int AS calls FROM ${src} s GROUP BY 1 HAVING sum(s.calls) <> 0`,
  );
  return rows.sort((a, b) => b.calls - a.calls || compareOutcomes(a.value, b.value));
}

export async function getFunnel(q: AnalyticsQuery): Promise<FunnelResult> {
  await requireRole("manager");
  const src = await source("call", q);
  const connected = Prisma.sql`s.delivery_status = ${PASS} AND s.provider_status = ${PASS}`;
  const { rows } = await aggregate<FunnelResult>(
    Prisma.sql`SELECT ${int(SUM_CALLS)} AS calls,
            ${int(callsWhere(Prisma.sql`s.delivery_status = ${PASS}`))} AS delivered,
            ${int(callsWhere(connected))} AS connected,
            ${int(callsWhere(Prisma.sql`${connected} AND s.call_output = ANY(${PROMISE_VALUES}::text[])`))} AS promises,
            ${int(callsWhere(Prisma.sql`${connected} AND s.call_output = ANY(${PAYMENT_VALUES}::text[])`))} AS payments
       FROM ${src} s`,
  );
  return rows[0] ?? { calls: 0, delivered: 0, connected: 0, promises: 0, payments: 0 };
}

async function breakdown(q: AnalyticsQuery, kind: SourceKind, dimension: "project_id" | "number_from"): Promise<BreakdownRow[]> {
  await requireRole("manager");
  const src = await source(kind, q);
  const { rows } = await aggregate<BreakdownRow>(
    Prisma.sql`SELECT ${ident("s", dimension)} AS key,
            sum(s.calls)::int AS calls,
            ${int(callsWhere(Prisma.sql`s.call_output = ANY(${PROMISE_VALUES}::text[])`))} AS promises,
            ${int(callsWhere(Prisma.sql`s.sentiment_output = ${NEGATIVE_VALUE}`))} AS negative,
            ${int(callsWhere(Prisma.sql`s.sentiment_output <> ''`))} AS rated
       FROM ${src} s
      GROUP BY 1
     HAVING sum(s.calls) <> 0
      ORDER BY 2 DESC, 1
      LIMIT ${MAX_BREAKDOWN_ROWS}`,
  );
  return rows;
}

/** Per project (`requestMetadata.project_id`): calls, promises, negative sentiment; busiest first. */
export function getProjectBreakdown(q: AnalyticsQuery): Promise<BreakdownRow[]> {
  return breakdown(q, "call", "project_id");
}

/** Per Levers number (`numberFrom`): calls, promises, negative sentiment; busiest first. */
export function getNumberBreakdown(q: AnalyticsQuery): Promise<BreakdownRow[]> {
  return breakdown(q, "number", "number_from");
}

/** Calls per duration band for each outcome. */
export async function getDurationByOutcome(q: AnalyticsQuery): Promise<DurationRow[]> {
  await requireRole("manager");
  const src = await source("call", q);
  const bands = list(DURATION_BANDS.map((b, i) => Prisma.sql`sum(${ident("s", b.key)})::int AS ${ident(`b${i}`)}`));
  const { rows } = await aggregate<Record<string, number> & { outcome: string; calls: number; duration_sum: number }>(
    Prisma.sql`SELECT s.call_output AS outcome, sum(s.calls)::int AS calls, sum(s.duration_sum)::float8 AS duration_sum, ${bands}
       FROM ${src} s
      GROUP BY 1
     HAVING sum(s.calls) <> 0`,
  );
  return rows
    .map((r) => ({ outcome: r.outcome, calls: r.calls, durationSum: r.duration_sum, bands: DURATION_BANDS.map((_, i) => r[`b${i}`] ?? 0) }))
    .sort((a, b) => compareOutcomes(a.outcome, b.outcome));
}

export interface FilterOptions {
  outcomes: DistributionRow[];
  sentiments: DistributionRow[];
  projects: DistributionRow[];
}

/** Values offered by the filter menus: everything seen in the period, whatever is filtered now. */
export async function getFilterOptions(q: AnalyticsQuery): Promise<FilterOptions> {
  await requireRole("manager");
  const src = await source("call", { ...q, filters: { outcome: [], sentiment: [], project: [] } });
  const { rows } = await aggregate<{ dim: "o" | "s" | "p"; value: string; calls: number }>(
    Prisma.sql`SELECT CASE WHEN GROUPING(s.call_output) = 0 THEN 'o' WHEN GROUPING(s.sentiment_output) = 0 THEN 's' ELSE 'p' END AS dim,
            coalesce(s.call_output, s.sentiment_output, s.project_id) AS value, sum(s.calls)::int AS calls
       FROM ${src} s
      GROUP BY GROUPING SETS ((s.call_output), (s.sentiment_output), (s.project_id))
     HAVING sum(s.calls) <> 0`,
  );
  const of = (dim: "o" | "s" | "p") => rows.filter((r) => r.dim === dim && r.value !== "").map(({ value, calls }) => ({ value, calls }));
  return {
    outcomes: of("o").sort((a, b) => compareOutcomes(a.value, b.value)),
    sentiments: of("s").sort((a, b) => compareSentiments(a.value, b.value)),
    projects: of("p").sort((a, b) => b.calls - a.calls || a.value.localeCompare(b.value)),
  };
}
