import { spawn } from "node:child_process";
import { Readable } from "node:stream";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { drainAccountJobs } from "@/lib/accounts/test-worker";
import { getPrisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { useTestDatabase } from "@/lib/testing/database";
import { buildPayload } from "@/lib/testing/payload-factory";
import { importCalls } from "./import";
import { rebuildAllAccounts, shardPageQuery } from "./rebuild";
import { accountsToMature, deriveAccounts } from "./store";
import { unlockStaleJobs } from "./worker";

/**
 * The accounts pipeline end to end on a real PostgreSQL: history imported
 * with explicit past receivedAt, the trigger's jobs run through
 * graphile-worker's real queue, the derived rows read back.
 */
const db = useTestDatabase();

const PROMISE_150_FRI_6 = "AI: So that's $150 on Friday the 6th?\nUser: Yes.";
const PAID = "AI: The payment of $150.00 went through.\nUser: Thanks.";
const RPC = "AI: Hello, is this Sam?\nUser: Yes, speaking.";

let seq = 0;
function line(account: string, receivedAt: string, fields: Record<string, unknown> = {}): string {
  seq += 1;
  const payload = buildPayload({
    providerCallId: `${account}-c${seq}`,
    numberTo: "+13125550100",
    duration: 60,
    callOutput: "NOT INTERESTED",
    transcription: RPC,
    metadata: { requestMetadata: { account_id: account, project_id: "proj_1" } },
    ...fields,
  });
  return JSON.stringify({ ...payload, receivedAt });
}

async function importLines(lines: string[]) {
  return importCalls(getPrisma(), Readable.from([lines.join("\n")]));
}

const drain = () => drainAccountJobs(db.url());

async function account(key: string) {
  const prisma = getPrisma();
  const row = await prisma.crmAccount.findUnique({ where: { key: `account_id:${key}` } });
  if (!row) return null;
  const [promises, callbacks, numbers, links] = await Promise.all([
    prisma.crmPromise.findMany({ where: { accountId: row.id }, orderBy: [{ madeAt: "asc" }, { id: "asc" }] }),
    prisma.crmCallback.findMany({ where: { accountId: row.id }, orderBy: { id: "asc" } }),
    prisma.crmAccountNumber.findMany({ where: { accountId: row.id }, orderBy: { number: "asc" } }),
    prisma.crmCallLink.count({ where: { accountId: row.id } }),
  ]);
  return { row, promises, callbacks, numbers, links };
}

const due = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

beforeAll(async () => {
  // The trigger exists and queues into graphile-worker's schema, which our migrate step installed.
  const client = new pg.Client({ connectionString: db.url() });
  await client.connect();
  const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = 'crm_queue_insert'");
  await client.end();
  expect(rows[0].n).toBe(1);
});

describe("accounts derived from imported history", () => {
  it("promise → later PAYMENT COMPLETED → kept", async () => {
    await importLines([
      line("K1", "2026-03-02T15:00:00Z", { callOutput: "PAYMENT PROMISE", transcription: PROMISE_150_FRI_6 }),
      line("K1", "2026-03-05T16:00:00Z", { callOutput: "PAYMENT COMPLETED", transcription: PAID }),
    ]);
    await drain();
    const a = (await account("K1"))!;
    expect(a.promises.map((p) => [p.status, p.amountCents, due(p.dueDate)])).toEqual([["kept", 15000, "2026-03-06"]]);
    expect(a.row).toMatchObject({ calls: 2, keySource: "metadata" });
    expect(a.links).toBe(2);
  });

  it("past due with no payment → broken", async () => {
    await importLines([line("K2", "2026-03-02T15:00:00Z", { callOutput: "PAYMENT PROMISE", transcription: PROMISE_150_FRI_6 })]);
    await drain();
    const a = (await account("K2"))!;
    expect(a.promises.map((p) => [p.status, due(p.dueDate), p.evidenceText])).toEqual([
      ["broken", "2026-03-06", expect.stringContaining("$150")],
    ]);
    expect(a.promises[0]!.breaksAt).toBeNull();
  });

  it("an extension supersedes the pending promise on the debt", async () => {
    await importLines([
      line("K3", "2026-03-02T15:00:00Z", {
        callOutput: "PAYMENT PROMISE",
        transcription: "AI: So that's $150 on Friday, March 13?\nUser: Yes.",
      }),
      line("K3", "2026-03-09T15:00:00Z", {
        callOutput: "PAYMENT EXTENSION",
        transcription: "AI: To confirm, $150 on Friday, March 20?\nUser: Yes.",
      }),
    ]);
    await drain();
    const a = (await account("K3"))!;
    expect(a.promises.map((p) => [p.kind, p.status, due(p.dueDate)])).toEqual([
      ["promise", "superseded", "2026-03-13"],
      ["extension", "broken", "2026-03-20"],
    ]);
  });

  it("a payment plan becomes tracked installments", async () => {
    await importLines([
      line("K4", "2026-03-02T15:00:00Z", {
        callOutput: "PAYMENT PROMISE",
        transcription: "AI: How would you like to pay?\nUser: I'll pay $50 every other Friday.",
      }),
      line("K4", "2026-03-05T16:00:00Z", {
        callOutput: "PAYMENT COMPLETED",
        transcription: "AI: The payment of $50.00 went through.\nUser: Thanks.",
      }),
    ]);
    await drain();
    const a = (await account("K4"))!;
    expect(a.promises.length).toBeGreaterThanOrEqual(2);
    expect(a.promises.every((p) => p.kind === "installment" && p.amountCents === 5000)).toBe(true);
    expect(a.promises.map((p) => [due(p.dueDate), p.status]).slice(0, 2)).toEqual([
      ["2026-03-06", "kept"],
      ["2026-03-20", "broken"],
    ]);
    expect(a.promises.map((p) => p.installmentIndex)).toEqual(a.promises.map((_, i) => i));
  });

  it("a callback is closed by a later right-party contact", async () => {
    await importLines([
      line("K5", "2026-03-02T15:00:00Z", {
        callOutput: "CALL BACK REQUESTED",
        transcription: "AI: Is now okay?\nUser: Call me tomorrow after six.",
      }),
    ]);
    await drain();
    expect((await account("K5"))!.callbacks.map((c) => c.status)).toEqual(["open"]);
    await importLines([line("K5", "2026-03-04T15:00:00Z")]);
    await drain();
    const cb = (await account("K5"))!.callbacks;
    expect(cb).toEqual([expect.objectContaining({ status: "done", closedAt: expect.any(Date), closedByCallId: expect.any(String) })]);
  });

  it("WRONG NUMBER marks the number, not the account; the promise still breaks when its day has passed", async () => {
    await importLines([
      line("K6", "2026-03-02T15:00:00Z", {
        callOutput: "PAYMENT PROMISE",
        transcription: "AI: So that's $150 on Friday, January 15, 2100?\nUser: Yes.",
      }),
      line("K6", "2026-03-03T15:00:00Z", {
        numberTo: "+13125550199",
        callOutput: "WRONG NUMBER",
        transcription: "AI: Is this Sam?\nUser: Wrong number.",
      }),
    ]);
    await drain();
    const a = (await account("K6"))!;
    expect(a.numbers.map((n) => [n.number, n.status])).toEqual([
      ["+13125550100", "active"],
      ["+13125550199", "wrong_number"],
    ]);
    expect(a.promises.map((p) => p.status)).toEqual(["pending"]);
    // Its due day ends at midnight in the default zone (New York): the promise breaks then, with no call needed.
    expect(a.promises[0]!.breaksAt).toEqual(new Date("2100-01-16T05:00:00Z"));
    const later = new Date("2100-01-17T00:00:00Z");
    const prisma = getPrisma();
    expect(await accountsToMature(prisma, new Date("2100-01-16T04:59:59Z"))).not.toContain(a.row.id);
    expect(await accountsToMature(prisma, later)).toContain(a.row.id);
    await deriveAccounts(prisma, [a.row.id], { now: later });
    expect((await account("K6"))!.promises.map((p) => [p.status, p.breaksAt])).toEqual([["broken", null]]);
  });

  it("duplicate, replayed and out-of-order deliveries change nothing", async () => {
    const promise = line("K7", "2026-03-02T15:00:00Z", { callOutput: "PAYMENT PROMISE", transcription: PROMISE_150_FRI_6 });
    const paid = line("K7", "2026-03-05T16:00:00Z", { callOutput: "PAYMENT COMPLETED", transcription: PAID });
    const other = line("K7", "2026-03-04T12:00:00Z");
    // Out of order: the payment arrives first, alone, and is derived before the promise exists.
    await importLines([paid]);
    await drain();
    await importLines([other, promise]);
    await drain();
    const first = (await account("K7"))!;
    expect(first.promises.map((p) => p.status)).toEqual(["kept"]);
    const snapshot = (a: NonNullable<Awaited<ReturnType<typeof account>>>) => ({
      promises: a.promises.map(({ id, status, statusAt, dueDate, amountCents, resolvedByCallId }) => ({
        id,
        status,
        statusAt,
        dueDate,
        amountCents,
        resolvedByCallId,
      })),
      numbers: a.numbers.map(({ number, status, calls }) => ({ number, status, calls })),
      calls: a.row.calls,
      links: a.links,
    });

    // Duplicates and a replay in another order: nothing new stored, nothing changes.
    const again = await importLines([promise, paid, other, paid]);
    expect(again).toMatchObject({ imported: 0, alreadyKnown: 4 });
    // A forced re-derivation (as a replayed webhook merge would queue) gives the same rows.
    const prisma = getPrisma();
    const ids = (await prisma.crmCallLink.findMany({ where: { accountId: first.row.id }, select: { callId: true } })).map((l) => l.callId);
    await prisma.$executeRaw`UPDATE calls SET updated_at = now() WHERE id = ANY(${ids}::uuid[])`;
    await drain();
    const after = (await account("K7"))!;
    expect(snapshot(after)).toEqual(snapshot(first));
    expect(after.row.derivedAt!.getTime()).toBeGreaterThan(first.row.derivedAt!.getTime());
  });

  it("a manual due date wins and survives a rebuild", async () => {
    await importLines([
      line("K8", "2026-03-02T15:00:00Z", { callOutput: "PAYMENT PROMISE", transcription: PROMISE_150_FRI_6 }),
      ...["K8a", "K8b", "K8c", "K8d", "K8e", "K8f"].map((k) => line(k, "2026-03-02T16:00:00Z")),
    ]);
    await drain();
    const before = (await account("K8"))!;
    expect(before.promises.map((p) => p.status)).toEqual(["broken"]);
    const prisma = getPrisma();
    await prisma.crmAccountEvent.create({
      data: {
        accountId: before.row.id,
        kind: "promise_due_date",
        payload: { promiseId: before.promises[0]!.id, dueDate: "2099-01-15" },
        by: "agent@example.com",
        at: new Date("2026-03-03T10:00:00Z"),
      },
    });
    // Small batches, two in flight: the summary still counts every account once.
    const summary = await rebuildAllAccounts(prisma, { callBatch: 3, accountBatch: 2, parallel: 2 });
    expect(summary).toMatchObject({ accounts: await prisma.crmAccount.count(), calls: await prisma.call.count() });
    const after = (await account("K8"))!;
    expect(after.promises.map((p) => [p.status, due(p.dueDate)])).toEqual([["pending", "2099-01-15"]]);
    expect(after.promises[0]!.detail).toMatchObject({
      extracted: { dueDate: "2026-03-06" },
      edits: [expect.objectContaining({ by: "agent@example.com" })],
    });
  });

  it("a rebuild split into shards links every call and derives every account exactly once", async () => {
    await importLines(
      ["S1", "S2", "S3", "S4", "S5", "S6"].flatMap((k) => [line(k, "2026-03-05T15:00:00Z"), line(k, "2026-03-06T15:00:00Z")]),
    );
    await drain();
    const prisma = getPrisma();
    const shards = [0, 1, 2].map((index) => ({ index, count: 3 }));
    // As crm:rebuild runs them: every shard links before any derives.
    const linked = await Promise.all(shards.map((shard) => rebuildAllAccounts(prisma, { shard, passes: ["link"], callBatch: 2 })));
    const derived = await Promise.all(shards.map((shard) => rebuildAllAccounts(prisma, { shard, passes: ["derive"], accountBatch: 2 })));
    expect(linked.reduce((n, s) => n + s.calls, 0)).toBe(await prisma.call.count());
    expect(derived.reduce((n, s) => n + s.accounts, 0)).toBe(await prisma.crmAccount.count());
    expect((await account("S4"))!.links).toBe(2);
  });

  it("a rebuild's pages are index range reads, not a sort of the rest of the table", async () => {
    const prisma = getPrisma();
    for (const table of ["calls", "crm_accounts"] as const) {
      const plan = await prisma.$transaction(async (tx) => {
        // On a small table the planner would sort anyway; forbidden to sort, it still must when no index gives the order.
        await tx.$executeRaw`SET LOCAL enable_sort = off`;
        await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
        const query = shardPageQuery(table, { index: 1, count: 2 }, "00000000-0000-0000-0000-000000000000", 100);
        return tx.$queryRaw<{ "QUERY PLAN": unknown }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${query}`);
      });
      const text = JSON.stringify(plan);
      expect(text, table).not.toMatch(/"Node Type":"(Sort|Incremental Sort)"/);
      expect(text, table).toMatch(/"Node Type":"Index (Only )?Scan"/);
    }
  });

  it("a malformed import line is reported by its number; the other lines are imported", async () => {
    const summary = await importLines([
      line("K9", "2026-03-02T15:00:00Z"),
      "{not json",
      line("K9", "2026-03-03T15:00:00Z", { numberTo: "12" }),
      JSON.stringify({ ...buildPayload({ providerCallId: "K9-no-time" }) }),
      line("K9", "2026-03-04T15:00:00Z"),
    ]);
    expect(summary).toMatchObject({ lines: 5, imported: 2, invalid: 3 });
    expect(summary.errors.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(summary.errors[1]!.message).toMatch(/numberTo/);
    expect(summary.errors[2]!.message).toMatch(/receivedAt/);
    const prisma = getPrisma();
    expect(await prisma.call.count({ where: { providerCallId: { startsWith: "K9-" } } })).toBe(2);
    // Stored as a webhook would: the inbox row and the call, with the line's time on both.
    const inbox = await prisma.webhookDelivery.findMany({
      where: { providerCallId: { startsWith: "K9-" } },
      orderBy: { receivedAt: "asc" },
    });
    expect(inbox.map((d) => [d.status, d.receivedAt.toISOString()])).toEqual([
      ["processed", "2026-03-02T15:00:00.000Z"],
      ["processed", "2026-03-04T15:00:00.000Z"],
    ]);
    await drain();
    expect((await account("K9"))!.row.calls).toBe(2);
  });

  it("the job survives a worker killed mid-job: another worker still delivers the state", async () => {
    // A worker process that takes the job and hangs inside it, then is killed (SIGKILL: no goodbye, the lock stays).
    const child = spawn(process.execPath, ["--import", "tsx", "-e", STALLING_WORKER], {
      env: { ...process.env, DATABASE_URL: db.url() },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
    await importLines([line("K10", "2026-03-02T15:00:00Z", { callOutput: "PAYMENT PROMISE", transcription: PROMISE_150_FRI_6 })]);
    await new Promise<void>((resolve) => child.stdout!.on("data", (d: Buffer) => d.toString().includes("took") && resolve()));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect(await account("K10")).toBeNull();

    // The job is still there, locked by a dead worker: a normal worker cannot take it yet.
    await drain();
    expect(await account("K10")).toBeNull();
    // The stale-lock sweep (every minute in each worker) hands it back; the next worker completes it.
    const client = new pg.Client({ connectionString: db.url() });
    await client.connect();
    try {
      expect(await unlockStaleJobs(client, 0)).toBe(1);
    } finally {
      await client.end();
    }
    await drain();
    expect((await account("K10"))!.promises.map((p) => p.status)).toEqual(["broken"]);
  }, 60_000);
});

const STALLING_WORKER = `
const { run, Logger } = await import("graphile-worker");
const runner = await run({
  connectionString: process.env.DATABASE_URL, concurrency: 1, pollInterval: 200, noHandleSignals: true,
  logger: new Logger(() => () => {}),
  taskList: { crm_link_calls: async () => { console.log("took"); await new Promise(() => {}); } },
});
console.log("ready");
await runner.promise;
`;
