import pg from "pg";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { insertCalls, makeCall, makeCalls, rng } from "@/lib/testing/analytics-calls";
import { testPool, useTestDatabase } from "@/lib/testing/database";
import { toAnalyticsQuery } from "./query";

vi.mock("@/lib/auth/guard", () => ({
  requireRole: vi.fn(async (role: string) => ({ id: "u1", email: "m@example.com", name: "M", role, via: "session" })),
}));

const { rebuildRollups, withRollupsRebuiltAfter } = await import("./rollup");
const { prepareZone } = await import("./zones");
const { expectMatchesRawTable } = await import("@/lib/testing/analytics-reference");

const TABLES = {
  analytics_call_rollup: "bucket_start, call_output, sentiment_output, project_id, delivery_status, provider_status",
  analytics_number_rollup: "bucket_start, number_from, call_output, sentiment_output, project_id",
  analytics_daily_rollup: "zone, day, call_output, sentiment_output, project_id, delivery_status, provider_status",
  analytics_daily_number_rollup: "zone, day, number_from, call_output, sentiment_output, project_id",
} as const;

/** Every rollup row that counts something (a key whose calls all moved away keeps a zero row until the next rebuild). */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, key] of Object.entries(TABLES)) {
    const { rows } = await testPool().query(`SELECT * FROM ${table} WHERE calls <> 0 ORDER BY ${key}`);
    out[table] = rows;
  }
  const { rows: negative } = await testPool().query(
    `SELECT 'call' AS t FROM analytics_call_rollup WHERE calls < 0 UNION ALL SELECT 'daily' FROM analytics_daily_rollup WHERE calls < 0`,
  );
  expect(negative).toEqual([]);
  return out;
}

async function expectIncrementalEqualsRebuild() {
  const incremental = await snapshot();
  await rebuildRollups();
  expect(await snapshot()).toEqual(incremental);
}

const NOW = new Date("2026-11-20T15:07:00Z");
const query = (tz: string, extra: Record<string, unknown> = {}) =>
  toAnalyticsQuery({ tz, from: "2026-10-01", to: "2026-11-20", ...extra }, NOW);

describe("rollups stay in step with the calls table", () => {
  useTestDatabase();

  beforeAll(async () => {
    // A zone with daily rows from the start, so the trigger maintains both tiers.
    expect(await prepareZone("Asia/Kolkata", { pauseMs: 0 })).toBe(true);
    await insertCalls(
      testPool(),
      makeCalls({ seed: 7, firstDay: "2026-10-01", days: 50, perDay: 4, zones: ["Asia/Kolkata", "America/New_York"] }),
    );
  });

  it("counts inserted calls (multi-row statements) exactly", async () => {
    await expectIncrementalEqualsRebuild();
    await expectMatchesRawTable(query("Asia/Kolkata"));
  });

  it("moves a call between keys when an update changes its outcome, sentiment, project, status, duration or time", async () => {
    const pool = testPool();
    await pool.query(`UPDATE calls SET call_output = 'PAYMENT COMPLETED' WHERE call_output = 'PAYMENT PROMISE' AND duration < 60`);
    await pool.query(`UPDATE calls SET sentiment_output = NULL WHERE sentiment_output = 'NEUTRAL' AND duration > 300`);
    await pool.query(
      `UPDATE calls SET request_metadata = '{"project_id":"p-moved"}' WHERE provider_call_id IN (SELECT provider_call_id FROM calls ORDER BY provider_call_id LIMIT 15)`,
    );
    await pool.query(`UPDATE calls SET delivery_status = 'pass', provider_status = 'pass' WHERE delivery_status IS NULL`);
    await pool.query(`UPDATE calls SET duration = duration + 45 WHERE call_output = 'NOT INTERESTED'`);
    await pool.query(`UPDATE calls SET received_at = received_at + interval '6 hours' WHERE call_output = 'WRONG NUMBER'`);
    // An update that changes nothing the rollups key on must leave them untouched.
    await pool.query(`UPDATE calls SET summary = 'edited', updated_at = now()`);
    await expectIncrementalEqualsRebuild();
    await expectMatchesRawTable(query("Asia/Kolkata", { outcome: ["PAYMENT COMPLETED", "WRONG NUMBER"] }));
    await expectMatchesRawTable(query("UTC", { project: ["p-moved"] }));
  });

  it("follows an ingestion-style upsert (INSERT … ON CONFLICT DO UPDATE) that re-delivers a call with a new outcome", async () => {
    const pool = testPool();
    const { rows } = await pool.query<{ provider_call_id: string }>(
      `SELECT provider_call_id FROM calls WHERE call_output = 'CALL BACK REQUESTED' LIMIT 5`,
    );
    expect(rows.length).toBe(5);
    for (const row of rows) {
      await pool.query(
        `INSERT INTO calls (provider_call_id, number_from, number_to, call_output, duration)
         VALUES ($1, '+15550000001', '+15551230000', 'PAYMENT PROMISE', 90)
         ON CONFLICT (provider_call_id) DO UPDATE SET call_output = EXCLUDED.call_output, duration = EXCLUDED.duration`,
        [row.provider_call_id],
      );
    }
    await expectIncrementalEqualsRebuild();
    await expectMatchesRawTable(query("Asia/Kolkata", { outcome: ["PAYMENT PROMISE", "CALL BACK REQUESTED"] }));
  });

  it("uncounts deleted calls", async () => {
    await testPool().query(`DELETE FROM calls WHERE sentiment_output = 'POSITIVE' AND project_id = 'p-beta'`);
    await expectIncrementalEqualsRebuild();
    await expectMatchesRawTable(query("Asia/Kolkata", { sentiment: ["POSITIVE"] }));
  });

  it("keeps counts right under 20 concurrent writers hitting the same keys, without deadlocks", async () => {
    // Twenty connections at once (the shared pool holds ten).
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 25 });
    const random = rng(99);
    const at = new Date("2026-11-10T10:05:00Z");
    // Same bucket and same key for every writer: the upserts all contend for one row.
    const same = Array.from({ length: 20 }, () =>
      makeCall(random, at, {
        callOutput: "PAYMENT PROMISE",
        sentimentOutput: "POSITIVE",
        projectId: "p-hot",
        deliveryStatus: "pass",
        providerStatus: "pass",
        numberFrom: "+15550000001",
        duration: 61,
      }),
    );
    await Promise.all(same.map((c) => insertCalls(pool, [c])));

    // Opposite moves at once: half turn promises into refusals, half the other way,
    // each in its own transaction with two statements, so rollup rows are locked in
    // both directions at the same moment.
    const { rows } = await pool.query<{ id: string }>(`SELECT id FROM calls WHERE project_id = 'p-hot' ORDER BY id`);
    const clients = await Promise.all(rows.map(() => pool.connect()));
    try {
      await Promise.all(
        clients.map(async (client, i) => {
          const id = rows[i]!.id;
          const [first, second] = i % 2 ? ["NOT INTERESTED", "PAYMENT PROMISE"] : ["PAYMENT PROMISE", "NOT INTERESTED"];
          await client.query("BEGIN");
          await client.query(`UPDATE calls SET call_output = $2 WHERE id = $1`, [id, first]);
          await client.query(`UPDATE calls SET call_output = $2, received_at = received_at + interval '1 minute' WHERE id = $1`, [
            id,
            second,
          ]);
          await client.query("COMMIT");
        }),
      );
    } finally {
      for (const c of clients) c.release();
    }
    await pool.end();
    const { rows: counts } = await testPool().query<{ calls: number }>(
      `SELECT sum(calls)::int AS calls FROM analytics_call_rollup WHERE project_id = 'p-hot'`,
    );
    expect(counts[0]!.calls).toBe(20);
    await expectIncrementalEqualsRebuild();
  });

  it("fills a new zone's daily rows chunk by chunk while calls keep arriving, losing and doubling nothing", async () => {
    const pool = testPool();
    const random = rng(5);
    const arrive = (n: number) =>
      Promise.all(
        Array.from({ length: n }, () =>
          insertCalls(pool, [makeCall(random, new Date(Date.parse("2026-10-01T00:00:00Z") + Math.floor(random() * 50 * 86_400_000)))]),
        ),
      );
    // Small chunks, so the backfill takes many transactions, each racing a burst
    // of inserts on other connections; figures are compared between bursts.
    const conn = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await conn.connect();
    let chunks = 0;
    try {
      for (let done = false; !done; chunks++) {
        const [result] = await Promise.all([
          conn.query<{ done: boolean }>(`SELECT analytics_backfill_zone_chunk('America/New_York', 2) AS done`),
          arrive(6),
        ]);
        done = result.rows[0]!.done;
        await expectMatchesRawTable(query("America/New_York"));
      }
    } finally {
      await conn.end();
    }
    expect(chunks).toBeGreaterThan(10);
    const { rows: zone } = await pool.query(`SELECT fully_backfilled FROM analytics_zones WHERE zone = 'America/New_York'`);
    expect(zone[0]).toEqual({ fully_backfilled: true });
    await expectIncrementalEqualsRebuild();
    await expectMatchesRawTable(query("America/New_York", { granularity: "week" }));
  });

  it("rebuilds after a bulk load made with the triggers switched off", async () => {
    const pool = testPool();
    const calls = makeCalls({ seed: 11, firstDay: "2026-10-05", days: 30, perDay: 5, zones: [] });
    await withRollupsRebuiltAfter(() => insertCalls(pool, calls));
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM calls`);
    const { rows: rolled } = await pool.query<{ n: number }>(`SELECT sum(calls)::int AS n FROM analytics_call_rollup`);
    expect(rolled[0]!.n).toBe(rows[0]!.n);
    // The triggers are back on: the next insert is counted.
    await insertCalls(pool, [makeCall(rng(1), new Date("2026-11-01T12:00:00Z"))]);
    await expectIncrementalEqualsRebuild();
    await expectMatchesRawTable(query("America/New_York"));
  });

  it("empties with the calls table", async () => {
    await testPool().query(`TRUNCATE calls CASCADE`);
    for (const table of Object.keys(TABLES)) {
      const { rows } = await testPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      expect(rows[0]!.n).toBe(0);
    }
  });
});
