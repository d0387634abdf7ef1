import { Logger, runOnce } from "graphile-worker";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountsTaskList, DERIVE_ACCOUNTS_TASK } from "@/lib/accounts/worker";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import { seedDemoData } from "@/lib/demo/seed";
import { useTestDatabase } from "@/lib/testing/database";
import { complianceOverview, firstUtcMidnightFrom, LIST_LIMIT, parseOverviewQuery } from "./queries";

/**
 * /compliance's numbers from the rollups (compliance_flag_rollup for flags,
 * the analytics daily rollup for calls; compliance_flagged_calls, the review
 * queue's flagged calls, checked with them) against the statements they replaced,
 * which counted compliance_flags and calls directly: on demo data derived by
 * the worker, then after reviews, moved, re-portfolioed and deleted flags
 * (the triggers must follow every write), for periods starting mid-day and at
 * midnight.
 */
const db = useTestDatabase();
const DAY = 86_400_000;
const manager = { id: "api_key:test", email: "manager@test", name: "Manager", role: "manager" as const, via: "apiKey" as const };
let client: pg.Client;

beforeAll(async () => {
  await seedDemoData(db.url(), { onlyIfEmpty: false, log: () => {}, calls: 600, now: new Date() });
  client = new pg.Client({ connectionString: db.url(), options: "-c TimeZone=UTC" });
  await client.connect();
  const { rows } = await client.query<{ wait: number | null }>(
    "SELECT (extract(epoch FROM max(run_at) - now()) * 1000)::int AS wait FROM graphile_worker.jobs",
  );
  await new Promise((r) => setTimeout(r, Math.max(0, rows[0]?.wait ?? 0) + 50));
  await runOnce({ connectionString: db.url(), taskList: accountsTaskList, logger: new Logger(() => () => {}), concurrency: 1 });
}, 300_000);

afterAll(async () => {
  await client?.end();
});

/** The statements complianceOverview ran before the rollups. */
async function reference(since: Date) {
  const byRule = await client.query(
    `SELECT f.rule, f.portfolio, count(*) FILTER (WHERE f.status = 'open')::int AS open, count(*)::int AS total
       FROM compliance_flags f WHERE f.placed_at >= $1
      GROUP BY 1, 2 ORDER BY 3 DESC, 4 DESC, 1, 2 LIMIT 200`,
    [since],
  );
  const trend = await client.query<{ week: Date; rule: string; flags: number }>(
    `SELECT date_trunc('week', f.placed_at) AS week, f.rule, count(*)::int AS flags
       FROM compliance_flags f WHERE f.placed_at >= $1
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [since],
  );
  const flags = await client.query<{ flags: number }>("SELECT count(*)::int AS flags FROM compliance_flags f WHERE f.placed_at >= $1", [
    since,
  ]);
  const calls = await client.query<{ calls: number }>("SELECT count(*)::int AS calls FROM calls WHERE received_at >= $1", [since]);
  const onHold = await client.query<{ n: number }>(
    `SELECT count(DISTINCT account_id)::int AS n FROM compliance_next_calls
      WHERE next_at IS NULL AND rule IN ('R4', 'R5', 'R6', 'R7', 'R8')`,
  );
  return {
    byRule: byRule.rows,
    trend: trend.rows.map((t) => ({ week: t.week.toISOString().slice(0, 10), rule: t.rule, flags: t.flags })),
    flags: flags.rows[0]!.flags,
    calls: calls.rows[0]!.calls,
    accountsOnHold: onHold.rows[0]!.n,
  };
}

async function expectSameAsReference(now: Date) {
  for (const days of [7, 30, 90]) {
    const overview = await runAsTrustedViewer(manager, () => complianceOverview(parseOverviewQuery({ days: String(days) }), now));
    const ref = await reference(new Date(now.getTime() - days * DAY));
    expect({
      byRule: overview.byRule,
      trend: overview.trend,
      flags: overview.flags,
      calls: overview.calls,
      accountsOnHold: overview.accountsOnHold,
    }).toEqual(ref);
  }
}

/** The rollup equals a fresh count of compliance_flags, key by key. */
async function expectRollupExact() {
  const { rows } = await client.query(
    `SELECT coalesce(a.day, b.day) AS day, coalesce(a.rule, b.rule) AS rule, coalesce(a.portfolio, b.portfolio) AS portfolio,
            coalesce(a.status, b.status) AS status, coalesce(a.n, 0) AS rolled, coalesce(b.n, 0) AS counted
       FROM (SELECT day, rule, portfolio, status, sum(flags)::int AS n FROM compliance_flag_rollup
              GROUP BY 1, 2, 3, 4 HAVING sum(flags) <> 0) a
       FULL JOIN (SELECT compliance_flag_day(placed_at) AS day, rule, portfolio, status, count(*)::int AS n FROM compliance_flags GROUP BY 1, 2, 3, 4) b
         ON a.day = b.day AND a.rule = b.rule AND a.portfolio IS NOT DISTINCT FROM b.portfolio AND a.status = b.status
      WHERE coalesce(a.n, 0) <> coalesce(b.n, 0)`,
  );
  expect(rows).toEqual([]);
  // The review queue's flagged calls (compliance_flagged_calls): one row per call with open flags, no other rows.
  const { rows: calls } = await client.query(
    `SELECT coalesce(a.call_id, b.call_id) AS call_id, a.open_flags AS kept, b.n AS counted, a.placed_at AS kept_at, b.placed_at AS placed_at
       FROM compliance_flagged_calls a
       FULL JOIN (SELECT call_id, count(*)::int AS n, max(placed_at) AS placed_at FROM compliance_flags WHERE status = 'open' GROUP BY 1) b
         ON a.call_id = b.call_id
      WHERE a.open_flags IS DISTINCT FROM b.n OR a.placed_at IS DISTINCT FROM b.placed_at`,
  );
  expect(calls).toEqual([]);
}

/** Mid-day, exactly midnight UTC, a millisecond after midnight, and a few days back. */
function nows(): Date[] {
  const t = Date.now();
  const midnight = Math.floor(t / DAY) * DAY;
  return [new Date(t), new Date(midnight), new Date(midnight + 1), new Date(t - 3.5 * DAY)];
}

describe("firstUtcMidnightFrom", () => {
  it("is the instant itself at midnight, else the next midnight", () => {
    expect(firstUtcMidnightFrom(new Date("2026-11-02T00:00:00.000Z")).toISOString()).toBe("2026-11-02T00:00:00.000Z");
    expect(firstUtcMidnightFrom(new Date("2026-11-02T00:00:00.001Z")).toISOString()).toBe("2026-11-03T00:00:00.000Z");
    expect(firstUtcMidnightFrom(new Date("2026-11-02T23:59:59.999Z")).toISOString()).toBe("2026-11-03T00:00:00.000Z");
  });
});

describe("/compliance overview from the rollups", () => {
  it("has flags to count (the worker derived them)", async () => {
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM compliance_flags");
    expect(rows[0]!.n).toBeGreaterThan(0);
    await expectRollupExact();
  });

  it("gives the numbers the direct counts gave, for 7, 30 and 90 days, mid-day and at midnight", async () => {
    await expectRollupExact();
    for (const now of nows()) await expectSameAsReference(now);
  });

  it("follows reviews, moved and re-portfolioed flags, and deletions", async () => {
    // A manager's review (status), in one statement and one by one.
    await client.query(
      `UPDATE compliance_flags SET status = 'dismissed', status_reason = 'not a breach', status_by = 'test', status_at = now()
        WHERE id IN (SELECT id FROM compliance_flags ORDER BY id LIMIT 7)`,
    );
    const { rows: some } = await client.query<{ id: string }>("SELECT id FROM compliance_flags ORDER BY id DESC LIMIT 3");
    for (const { id } of some) await client.query("UPDATE compliance_flags SET status = 'confirmed' WHERE id = $1", [id]);
    await expectRollupExact();
    // Reopened, and a call's every flag closed at once (its flagged-call row goes).
    await client.query("UPDATE compliance_flags SET status = 'open' WHERE id IN (SELECT id FROM compliance_flags ORDER BY id LIMIT 3)");
    await client.query(
      `UPDATE compliance_flags SET status = 'dismissed' WHERE call_id = (SELECT call_id FROM compliance_flags WHERE status = 'open'
        GROUP BY call_id ORDER BY count(*) DESC, call_id LIMIT 1)`,
    );
    await expectRollupExact();
    // Calls' flags moved across days and into the period's first (partial) day (a call's flags carry its placed
    // time, so they move together, as a re-delivery with new timestamps moves them); portfolios dropped and changed.
    await client.query(
      `UPDATE compliance_flags SET placed_at = placed_at - interval '29 days 7 hours'
        WHERE call_id IN (SELECT call_id FROM compliance_flags ORDER BY id LIMIT 20 OFFSET 7)`,
    );
    await client.query(
      `UPDATE compliance_flags SET placed_at = now() - interval '30 days' + interval '1 hour'
        WHERE call_id IN (SELECT call_id FROM compliance_flags ORDER BY id LIMIT 5 OFFSET 27)`,
    );
    await client.query(
      "UPDATE compliance_flags SET portfolio = NULL WHERE id IN (SELECT id FROM compliance_flags ORDER BY id LIMIT 9 OFFSET 40)",
    );
    await client.query(
      "UPDATE compliance_flags SET portfolio = 'other' WHERE id IN (SELECT id FROM compliance_flags ORDER BY id LIMIT 4 OFFSET 60)",
    );
    // An update that changes nothing the rollup keys on.
    await client.query(
      "UPDATE compliance_flags SET message = message || ' ' WHERE id IN (SELECT id FROM compliance_flags ORDER BY id LIMIT 10)",
    );
    await expectRollupExact();
    // Deletions, and re-insertions of deleted rows (as the worker's replace does).
    await client.query("CREATE TEMP TABLE gone AS SELECT * FROM compliance_flags ORDER BY id DESC LIMIT 12");
    await client.query("DELETE FROM compliance_flags WHERE id IN (SELECT id FROM gone)");
    await expectRollupExact();
    for (const now of nows()) await expectSameAsReference(now);
    await client.query("INSERT INTO compliance_flags SELECT * FROM gone ORDER BY id LIMIT 6");
    await expectRollupExact();
    for (const now of nows()) await expectSameAsReference(now);
  });

  it("follows next calls put on hold, taken off hold, moved between holds and deleted", async () => {
    const accounts = async (offset: number, limit: number) =>
      (await client.query<{ id: string }>("SELECT id FROM crm_accounts ORDER BY id LIMIT $1 OFFSET $2", [limit, offset])).rows.map(
        (r) => r.id,
      );
    // On hold (every debt of 6 accounts, in one statement), one debt at a time, then moved to another hold rule.
    await client.query("UPDATE compliance_next_calls SET next_at = NULL, rule = 'R5' WHERE account_id = ANY($1::uuid[])", [
      await accounts(0, 6),
    ]);
    for (const id of await accounts(6, 3)) {
      await client.query(
        "UPDATE compliance_next_calls SET next_at = NULL, rule = 'R7' WHERE (account_id, debt_key) IN (SELECT account_id, debt_key FROM compliance_next_calls WHERE account_id = $1 LIMIT 1)",
        [id],
      );
    }
    await client.query("UPDATE compliance_next_calls SET rule = 'R6' WHERE account_id = ANY($1::uuid[])", [await accounts(0, 2)]);
    for (const now of nows().slice(0, 1)) await expectSameAsReference(now);
    // Off hold: a rule outside R4-R8, a time found, rows deleted (and put back, as the worker's replace does).
    await client.query("UPDATE compliance_next_calls SET rule = 'R1' WHERE account_id = ANY($1::uuid[])", [await accounts(2, 1)]);
    await client.query("UPDATE compliance_next_calls SET next_at = now() WHERE account_id = ANY($1::uuid[])", [await accounts(3, 1)]);
    await client.query("CREATE TEMP TABLE gone_next AS SELECT * FROM compliance_next_calls WHERE account_id = ANY($1::uuid[])", [
      await accounts(4, 4),
    ]);
    await client.query("DELETE FROM compliance_next_calls WHERE account_id IN (SELECT account_id FROM gone_next)");
    for (const now of nows().slice(0, 1)) await expectSameAsReference(now);
    await client.query("INSERT INTO compliance_next_calls SELECT * FROM gone_next");
    for (const now of nows().slice(0, 1)) await expectSameAsReference(now);
  });

  it("re-derivation by the worker keeps the rollup exact", async () => {
    // The mutations above undone by the worker's replace: deletes, ON CONFLICT updates (placed_at, portfolio) and inserts.
    await client.query("SELECT graphile_worker.add_job($1, json_build_object('accountIds', (SELECT json_agg(id) FROM crm_accounts)))", [
      DERIVE_ACCOUNTS_TASK,
    ]);
    await runOnce({ connectionString: db.url(), taskList: accountsTaskList, logger: new Logger(() => () => {}), concurrency: 1 });
    await expectRollupExact();
    for (const now of nows()) await expectSameAsReference(now);
  });

  it("the drill-down of one rule pages newest first through every flag of that rule and status", async () => {
    const { rows } = await client.query<{ rule: string }>(
      "SELECT rule FROM compliance_flags WHERE status = 'open' GROUP BY rule ORDER BY count(*) DESC LIMIT 1",
    );
    const rule = rows[0]!.rule;
    const since = new Date(Date.now() - 90 * DAY);
    const { rows: expected } = await client.query<{ id: string }>(
      "SELECT id FROM compliance_flags WHERE placed_at >= $1 AND rule = $2 AND status = 'open' ORDER BY placed_at DESC, id DESC",
      [since, rule],
    );
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await runAsTrustedViewer(manager, () =>
        complianceOverview(parseOverviewQuery({ days: "90", rule, ...(before ? { before } : {}) }), new Date(since.getTime() + 90 * DAY)),
      );
      expect(page.list.length).toBeLessThanOrEqual(LIST_LIMIT);
      seen.push(...page.list.map((f) => f.id));
      if (!page.nextCursor) break;
      before = page.nextCursor;
    }
    expect(seen).toEqual(expected.map((r) => r.id));
  });

  it("two transactions changing flags of one day, rule and portfolio neither wait for each other nor lose a count", async () => {
    // Two flags of different calls that share a rollup key (migration 20261202170000_compliance_flag_rollup_slots):
    // each transaction writes its own slot, so the second need not wait for the first to commit.
    const { rows } = await client.query<{ ids: string[] }>(
      `SELECT (array_agg(id ORDER BY call_id))[1:2] AS ids FROM (
         SELECT DISTINCT ON (call_id) id, call_id, compliance_flag_day(placed_at) AS day, rule, portfolio
           FROM compliance_flags WHERE status = 'open' ORDER BY call_id, id) f
        GROUP BY day, rule, portfolio HAVING count(*) >= 2 LIMIT 1`,
    );
    const [first, second] = rows[0]!.ids;
    const other = new pg.Client({ connectionString: db.url(), options: "-c TimeZone=UTC" });
    await other.connect();
    try {
      const slotIn = async (c: pg.Client) => (await c.query<{ s: number }>("SELECT compliance_flag_rollup_slot() AS s")).rows[0]!.s;
      await client.query("BEGIN");
      const mine = await slotIn(client);
      // The second transaction in another slot (a transaction's slot comes from its id: retry until it differs).
      for (let tries = 1; ; tries++) {
        await other.query("BEGIN");
        if ((await slotIn(other)) !== mine) break;
        await other.query("ROLLBACK");
        if (tries === 64) throw new Error(`every transaction got rollup slot ${mine}`);
      }
      await client.query("UPDATE compliance_flags SET status = 'dismissed', status_reason = 'test line' WHERE id = $1", [first]);
      await other.query("SET LOCAL lock_timeout = '2s'");
      await other.query("UPDATE compliance_flags SET status = 'confirmed' WHERE id = $1", [second]);
      await other.query("COMMIT");
      await client.query("COMMIT");
    } finally {
      await client.query("ROLLBACK").catch(() => {});
      await other.end();
    }
    await expectRollupExact();
    for (const now of nows()) await expectSameAsReference(now);
  });

  it("TRUNCATE empties the rollups", async () => {
    await client.query("TRUNCATE compliance_flags");
    await client.query("TRUNCATE compliance_next_calls");
    const { rows } = await client.query<{ n: number; h: number }>(
      `SELECT (SELECT count(*) FROM compliance_flag_rollup)::int AS n, (SELECT count(*) FROM compliance_hold_count)::int AS h,
              (SELECT count(*) FROM compliance_flagged_calls)::int AS c`,
    );
    expect(rows[0]).toEqual({ n: 0, h: 0, c: 0 });
    await expectSameAsReference(new Date());
  });
});
