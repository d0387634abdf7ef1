import { expect } from "vitest";
import * as Q from "@/lib/analytics/queries";
import type { AnalyticsQuery } from "@/lib/analytics/query";
import { testPool } from "@/lib/testing/database";

/**
 * The reference for the analytics tests: every figure the analytics queries
 * return must equal a direct count over the raw `calls` table. The reference
 * shares no code with what it checks: the outcome classification, the duration
 * bands, the period boundaries, the WHERE clause and the buckets are written
 * out here, so reclassifying an outcome or moving a boundary in production
 * fails the tests instead of moving the reference with it.
 * Test files importing this must mock @/lib/auth/guard.
 */

// The classification the KPIs and the funnel count, pinned.
const PROMISE = ["PAYMENT PROMISE", "PAYMENT EXTENSION"];
const PAYMENT = ["PAYMENT COMPLETED"];
const CALLBACK = "CALL BACK REQUESTED";
const WRONG_NUMBER = "WRONG NUMBER";
const NEGATIVE = "NEGATIVE";
/** Duration bands, seconds, [min, max). */
const BANDS: [number, number | null][] = [
  [0, 15],
  [15, 30],
  [30, 60],
  [60, 120],
  [120, 180],
  [180, 300],
  [300, 600],
  [600, null],
];

const list = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(",")}]::text[]`;

interface Range {
  start: Date;
  end: Date;
}

/** What the raw `calls` table says for the same filter: the reference every figure must equal. */
async function raw<T extends Record<string, unknown>>(q: AnalyticsQuery, range: Range, select: string, groupBy = ""): Promise<T[]> {
  const values: unknown[] = [range.start, range.end];
  const clauses = ["c.received_at >= $1", "c.received_at < $2"];
  for (const [column, wanted] of [
    ["c.call_output", q.filters.outcome],
    ["c.sentiment_output", q.filters.sentiment],
    ["c.request_metadata ->> 'project_id'", q.filters.project],
  ] as const) {
    if (wanted.length === 0) continue;
    values.push(wanted);
    clauses.push(`${column} = ANY($${values.length}::text[])`);
  }
  const { rows } = await testPool().query<T>(`SELECT ${select} FROM calls c WHERE ${clauses.join(" AND ")} ${groupBy}`, values);
  return rows;
}

const addDay = (day: string, n = 1) => {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};

/** The local days [from, to] as instants, by PostgreSQL's own zone rules; the previous period is as long and ends where this one starts. */
async function referencePeriod(q: AnalyticsQuery): Promise<{ current: Range; previous: Range }> {
  const { period } = q;
  const { rows } = await testPool().query<{ start: Date; full_end: Date }>(
    `SELECT ($1::date::timestamp AT TIME ZONE $3) AS start, (($2::date + 1)::timestamp AT TIME ZONE $3) AS full_end`,
    [period.from, period.to, period.tz],
  );
  const { start, full_end: fullEnd } = rows[0]!;
  expect(period.start.toISOString(), "period start: local midnight of `from`").toBe(start.toISOString());
  // A period running up to today (or past it) ends at the end of the current 15-minute bucket, not at midnight.
  let end = fullEnd;
  if (period.end.getTime() !== fullEnd.getTime()) {
    expect(period.end.getTime() % (15 * 60_000), "a partial period ends on a 15-minute boundary").toBe(0);
    expect(period.end.getTime()).toBeLessThan(fullEnd.getTime());
    expect(period.end.getTime()).toBeGreaterThan(start.getTime());
    end = period.end;
  }
  const length = end.getTime() - start.getTime();
  const previous = { start: new Date(start.getTime() - length), end: start };
  expect(period.previous).toEqual(previous);
  return { current: { start, end }, previous };
}

/** Bucket start keys covering [from, to]: every day, every ISO week (Monday), or every month. */
function referenceBuckets(from: string, to: string, granularity: string): string[] {
  const keys: string[] = [];
  for (let day = from; day <= to; day = addDay(day)) {
    let key = day;
    if (granularity === "week") {
      const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
      key = addDay(day, -weekday);
    } else if (granularity === "month") {
      key = `${day.slice(0, 8)}01`;
    }
    if (keys.at(-1) !== key) keys.push(key);
  }
  return keys;
}

export async function expectMatchesRawTable(q: AnalyticsQuery) {
  const { period } = q;
  const ranges = await referencePeriod(q);
  const promise = list(PROMISE);
  const payment = list(PAYMENT);
  const kpiSelect = `count(*)::int AS calls,
    count(*) FILTER (WHERE delivery_status = 'pass')::int AS delivered,
    count(*) FILTER (WHERE provider_status = 'pass')::int AS connected,
    count(*) FILTER (WHERE call_output = ANY(${promise}))::int AS promises,
    count(*) FILTER (WHERE call_output = ANY(${payment}))::int AS payments,
    count(*) FILTER (WHERE call_output = '${CALLBACK}')::int AS "callbacks",
    count(*) FILTER (WHERE call_output = '${WRONG_NUMBER}')::int AS "wrongNumbers",
    coalesce(sum(duration) FILTER (WHERE provider_status = 'pass'), 0)::float8 AS "connectedDuration",
    count(*) FILTER (WHERE sentiment_output = '${NEGATIVE}')::int AS negative,
    count(*) FILTER (WHERE sentiment_output IS NOT NULL)::int AS rated`;

  const kpis = await Q.getKpis(q);
  expect(kpis.current).toEqual((await raw(q, ranges.current, kpiSelect))[0]);
  expect(kpis.previous).toEqual((await raw(q, ranges.previous, kpiSelect))[0]);
  expect(kpis.previousRange).toEqual({ start: ranges.previous.start.toISOString(), end: ranges.previous.end.toISOString() });
  expect(kpis.current.calls).toBeGreaterThan(0);

  const bucketKeys = referenceBuckets(period.from, period.to, period.granularity);
  for (const [fn, column] of [
    [Q.getOutcomeTrend, "call_output"],
    [Q.getSentimentTrend, "sentiment_output"],
  ] as const) {
    const trend = await fn(q);
    const expected = await raw<{ bucket: string; key: string; calls: number }>(
      q,
      ranges.current,
      `to_char(date_trunc('${period.granularity}', c.received_at AT TIME ZONE '${period.tz}'), 'YYYY-MM-DD') AS bucket, coalesce(c.${column}, '') AS key, count(*)::int AS calls`,
      "GROUP BY 1, 2",
    );
    const got = trend.buckets.flatMap((b) =>
      Object.entries(b.values)
        .filter(([, n]) => n > 0)
        .map(([key, calls]) => ({ bucket: b.key, key, calls })),
    );
    const sort = (rows: { bucket: string; key: string }[]) =>
      [...rows].sort((a, b) => a.bucket.localeCompare(b.bucket) || a.key.localeCompare(b.key));
    expect(sort(got)).toEqual(sort(expected));
    expect(trend.buckets.reduce((n, b) => n + b.total, 0)).toBe(kpis.current.calls);
    for (const b of trend.buckets) expect(b.total, b.key).toBe(Object.values(b.values).reduce((n, v) => n + v, 0));
    // Zero-filled: exactly one bucket per day/week/month of the period, in order, none missing.
    expect(trend.buckets.map((b) => b.key)).toEqual(bucketKeys);
    // Contiguous: the buckets' drill-down ranges tile the period, each starting the day after the last ended.
    expect(trend.buckets[0]!.from).toBe(period.from);
    expect(trend.buckets.at(-1)!.to).toBe(period.to);
    for (const [i, b] of trend.buckets.entries()) {
      expect(b.from <= b.to, `${b.key}: from <= to`).toBe(true);
      if (i > 0) expect(b.from, `${b.key} starts the day after ${trend.buckets[i - 1]!.key} ends`).toBe(addDay(trend.buckets[i - 1]!.to));
    }
  }

  const distribution = await Q.getOutcomeDistribution(q);
  const expectedDistribution = await raw<{ value: string; calls: number }>(
    q,
    ranges.current,
    `coalesce(call_output, '') AS value, count(*)::int AS calls`,
    "GROUP BY 1",
  );
  expect([...distribution].sort((a, b) => a.value.localeCompare(b.value))).toEqual(
    expectedDistribution.sort((a, b) => a.value.localeCompare(b.value)),
  );

  const funnel = await Q.getFunnel(q);
  const connected = `delivery_status = 'pass' AND provider_status = 'pass'`;
  expect(funnel).toEqual(
    (
      await raw(
        q,
        ranges.current,
        `count(*)::int AS calls, count(*) FILTER (WHERE delivery_status = 'pass')::int AS delivered,
         count(*) FILTER (WHERE ${connected})::int AS connected,
         count(*) FILTER (WHERE ${connected} AND call_output = ANY(${promise}))::int AS promises,
         count(*) FILTER (WHERE ${connected} AND call_output = ANY(${payment}))::int AS payments`,
      )
    )[0],
  );

  const breakdownSelect = (column: string) => `coalesce(${column}, '') AS key, count(*)::int AS calls,
      count(*) FILTER (WHERE call_output = ANY(${promise}))::int AS promises,
      count(*) FILTER (WHERE sentiment_output = '${NEGATIVE}')::int AS negative,
      count(*) FILTER (WHERE sentiment_output IS NOT NULL)::int AS rated`;
  const byKey = (rows: { key: string }[]) => [...rows].sort((a, b) => a.key.localeCompare(b.key));
  expect(byKey(await Q.getProjectBreakdown(q))).toEqual(
    byKey(await raw(q, ranges.current, breakdownSelect("c.request_metadata ->> 'project_id'"), "GROUP BY 1")),
  );
  expect(byKey(await Q.getNumberBreakdown(q))).toEqual(byKey(await raw(q, ranges.current, breakdownSelect("number_from"), "GROUP BY 1")));

  const durations = await Q.getDurationByOutcome(q);
  const bandSql = BANDS.map(
    ([min, max]) => `count(*) FILTER (WHERE duration >= ${min}${max === null ? "" : ` AND duration < ${max}`})::int`,
  ).join(", ");
  const expectedDurations = await raw<{ outcome: string; calls: number; durationSum: number; bands: number[] }>(
    q,
    ranges.current,
    `coalesce(call_output, '') AS outcome, count(*)::int AS calls, sum(duration)::float8 AS "durationSum", ARRAY[${bandSql}] AS bands`,
    "GROUP BY 1",
  );
  const byOutcome = (rows: { outcome: string }[]) => [...rows].sort((a, b) => a.outcome.localeCompare(b.outcome));
  expect(byOutcome(durations)).toEqual(byOutcome(expectedDurations));
}
