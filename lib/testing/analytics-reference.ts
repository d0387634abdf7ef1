import { expect } from "vitest";
import { NO_FILTERS } from "@/lib/calls/filters";
import { buildCallsWhere } from "@/lib/calls/where";
import { SqlParams } from "@/lib/db/sql-params";
import { testPool } from "@/lib/testing/database";
import { DURATION_BANDS, NEGATIVE_VALUE, PAYMENT_VALUES, PROMISE_VALUES } from "@/lib/analytics/metrics";
import * as Q from "@/lib/analytics/queries";
import type { AnalyticsQuery } from "@/lib/analytics/query";

/**
 * The reference for the analytics tests: every figure the analytics queries
 * return must equal a direct count over the raw `calls` table, selected with
 * the calls list's own WHERE builder (so it is also what a drill-down shows).
 * Test files importing this must mock @/lib/auth/guard.
 */

/** What the raw `calls` table says for the same filter: the reference every figure must equal. */
async function raw<T extends Record<string, unknown>>(q: AnalyticsQuery, range: { start: Date; end: Date }, select: string, groupBy = ""): Promise<T[]> {
  const params = new SqlParams();
  const where = buildCallsWhere({ ...NO_FILTERS, ...q.filters, from: range.start, to: range.end }, params, { alias: "c" });
  const { rows } = await testPool().query<T>(`SELECT ${select} FROM calls c WHERE ${where} ${groupBy}`, params.values);
  return rows;
}

const tzSql = (q: AnalyticsQuery) => `'${q.period.tz}'`;

export async function expectMatchesRawTable(q: AnalyticsQuery) {
  const { period } = q;
  const promise = `ARRAY[${PROMISE_VALUES.map((v) => `'${v}'`).join(",")}]`;
  const payment = `ARRAY[${PAYMENT_VALUES.map((v) => `'${v}'`).join(",")}]`;
  const kpiSelect = `count(*)::int AS calls,
    count(*) FILTER (WHERE delivery_status = 'pass')::int AS delivered,
    count(*) FILTER (WHERE provider_status = 'pass')::int AS connected,
    count(*) FILTER (WHERE call_output = ANY(${promise}))::int AS promises,
    count(*) FILTER (WHERE call_output = ANY(${payment}))::int AS payments,
    count(*) FILTER (WHERE call_output = 'CALL BACK REQUESTED')::int AS "callbacks",
    count(*) FILTER (WHERE call_output = 'WRONG NUMBER')::int AS "wrongNumbers",
    coalesce(sum(duration) FILTER (WHERE provider_status = 'pass'), 0)::float8 AS "connectedDuration",
    count(*) FILTER (WHERE sentiment_output = '${NEGATIVE_VALUE}')::int AS negative,
    count(*) FILTER (WHERE sentiment_output IS NOT NULL)::int AS rated`;

  const kpis = await Q.getKpis(q);
  expect(kpis.current).toEqual((await raw(q, period, kpiSelect))[0]);
  expect(kpis.previous).toEqual((await raw(q, period.previous, kpiSelect))[0]);
  expect(kpis.current.calls).toBeGreaterThan(0);

  for (const [fn, column] of [
    [Q.getOutcomeTrend, "call_output"],
    [Q.getSentimentTrend, "sentiment_output"],
  ] as const) {
    const trend = await fn(q);
    const expected = await raw<{ bucket: string; key: string; calls: number }>(
      q,
      period,
      `to_char(date_trunc('${period.granularity}', c.received_at AT TIME ZONE ${tzSql(q)}), 'YYYY-MM-DD') AS bucket, coalesce(c.${column}, '') AS key, count(*)::int AS calls`,
      "GROUP BY 1, 2",
    );
    const got = trend.buckets.flatMap((b) => Object.entries(b.values).filter(([, n]) => n > 0).map(([key, calls]) => ({ bucket: b.key, key, calls })));
    const sort = (rows: { bucket: string; key: string }[]) => [...rows].sort((a, b) => a.bucket.localeCompare(b.bucket) || a.key.localeCompare(b.key));
    expect(sort(got)).toEqual(sort(expected));
    expect(trend.buckets.reduce((n, b) => n + b.total, 0)).toBe(kpis.current.calls);
    // Zero-filled: one bucket per day/week/month of the period, consecutive, none missing.
    expect(trend.buckets[0]!.from).toBe(period.from);
    expect(trend.buckets.at(-1)!.to).toBe(period.to);
  }

  const distribution = await Q.getOutcomeDistribution(q);
  const expectedDistribution = await raw<{ value: string; calls: number }>(q, period, `coalesce(call_output, '') AS value, count(*)::int AS calls`, "GROUP BY 1");
  expect([...distribution].sort((a, b) => a.value.localeCompare(b.value))).toEqual(expectedDistribution.sort((a, b) => a.value.localeCompare(b.value)));

  const funnel = await Q.getFunnel(q);
  const connected = `delivery_status = 'pass' AND provider_status = 'pass'`;
  expect(funnel).toEqual(
    (
      await raw(
        q,
        period,
        `count(*)::int AS calls, count(*) FILTER (WHERE delivery_status = 'pass')::int AS delivered,
         count(*) FILTER (WHERE ${connected})::int AS connected,
         count(*) FILTER (WHERE ${connected} AND call_output = ANY(${promise}))::int AS promises,
         count(*) FILTER (WHERE ${connected} AND call_output = ANY(${payment}))::int AS payments`,
      )
    )[0],
  );

  const breakdownSelect = (column: string) => `coalesce(${column}, '') AS key, count(*)::int AS calls,
      count(*) FILTER (WHERE call_output = ANY(${promise}))::int AS promises,
      count(*) FILTER (WHERE sentiment_output = '${NEGATIVE_VALUE}')::int AS negative,
      count(*) FILTER (WHERE sentiment_output IS NOT NULL)::int AS rated`;
  const byKey = (rows: { key: string }[]) => [...rows].sort((a, b) => a.key.localeCompare(b.key));
  expect(byKey(await Q.getProjectBreakdown(q))).toEqual(byKey(await raw(q, period, breakdownSelect("project_id"), "GROUP BY 1")));
  expect(byKey(await Q.getNumberBreakdown(q))).toEqual(byKey(await raw(q, period, breakdownSelect("number_from"), "GROUP BY 1")));

  const durations = await Q.getDurationByOutcome(q);
  const bandSql = DURATION_BANDS.map(
    (b) => `count(*) FILTER (WHERE duration >= ${b.min}${b.max === null ? "" : ` AND duration < ${b.max}`})::int`,
  ).join(", ");
  const expectedDurations = await raw<{ outcome: string; calls: number; durationSum: number; bands: number[] }>(
    q,
    period,
    `coalesce(call_output, '') AS outcome, count(*)::int AS calls, sum(duration)::float8 AS "durationSum", ARRAY[${bandSql}] AS bands`,
    "GROUP BY 1",
  );
  const byOutcome = (rows: { outcome: string }[]) => [...rows].sort((a, b) => a.outcome.localeCompare(b.outcome));
  expect(byOutcome(durations)).toEqual(byOutcome(expectedDurations));
}

