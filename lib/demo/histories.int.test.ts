import { Logger, runOnce } from "graphile-worker";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { accountsTaskList } from "@/lib/accounts/worker";
import { getPrisma } from "@/lib/db/client";
import { useTestDatabase } from "@/lib/testing/database";
import { DEMO_DEBTORS, HISTORY_CALLS } from "./histories";
import { seedDemoData } from "./seed";
import { SHOWCASE_CALLS } from "./showcase";

/**
 * The demo's debtors, seeded the way `npm start` seeds (COPY into calls → the
 * trigger's jobs → the worker), show every account state on first start.
 */
const db = useTestDatabase();

beforeAll(async () => {
  await seedDemoData(db.url(), { calls: SHOWCASE_CALLS.length + HISTORY_CALLS, onlyIfEmpty: true, log: () => {} });
  const client = new pg.Client({ connectionString: db.url() });
  await client.connect();
  const { rows } = await client.query<{ wait: number | null }>(
    "SELECT (extract(epoch FROM max(run_at) - now()) * 1000)::int AS wait FROM graphile_worker.jobs",
  );
  await client.end();
  if (rows[0]?.wait && rows[0].wait > 0) await new Promise((r) => setTimeout(r, rows[0]!.wait! + 20));
  await runOnce({ connectionString: db.url(), taskList: accountsTaskList, logger: new Logger(() => () => {}), concurrency: 2 });
}, 120_000);

describe("demo debtors", () => {
  it("exercise every state: kept, kept late, broken, superseded, installments, callbacks closed and overdue, wrong numbers, needs review", async () => {
    const prisma = getPrisma();
    const keys = DEMO_DEBTORS.map((d) => `account_id:${d.account}`);
    const accounts = await prisma.crmAccount.findMany({ where: { key: { in: keys } }, select: { id: true } });
    expect(accounts).toHaveLength(DEMO_DEBTORS.length);
    const ids = accounts.map((a) => a.id);
    const promises = await prisma.crmPromise.findMany({ where: { accountId: { in: ids } } });
    const statuses = new Set(promises.map((p) => p.status));
    for (const s of ["kept", "kept_late", "broken", "superseded", "pending"]) expect(statuses, s).toContain(s);
    expect(promises.filter((p) => p.kind === "installment").length).toBeGreaterThanOrEqual(2);
    expect(promises.some((p) => p.kind === "extension" && p.status === "pending")).toBe(true);
    expect(promises.some((p) => p.needsReview)).toBe(true);
    const callbacks = await prisma.crmCallback.findMany({ where: { accountId: { in: ids } } });
    expect(callbacks.some((c) => c.status === "done" && c.closedByCallId)).toBe(true);
    expect(callbacks.some((c) => c.status === "open" && c.dueAt < new Date(Date.now() - 86_400_000))).toBe(true);
    const numbers = await prisma.crmAccountNumber.findMany({ where: { accountId: { in: ids } } });
    expect(new Set(numbers.map((n) => n.status))).toEqual(new Set(["active", "wrong_number", "not_in_service"]));
  });

  it("keep their story: the demo's reviews and corrections never land on a scripted debtor's call", async () => {
    // A random correction of, say, ACC-1001's PAYMENT COMPLETED turned its kept-late promise into a broken one on some days.
    const rows = await getPrisma().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM call_verdicts v JOIN calls c ON c.id = v.call_id
       WHERE c.request_metadata->>'account_id' LIKE 'ACC-%'`;
    expect(rows[0]!.n).toBe(0);
  });
});
