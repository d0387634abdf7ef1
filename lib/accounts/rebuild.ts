import { Prisma, type PrismaClient } from "@/lib/db/generated/client";
import { deriveAccounts, linkAndDeriveCalls, loadAccountSettings } from "./store";

/**
 * `npm run crm:rebuild`: re-derives every account from the stored calls, as
 * needed when the extraction version or the key settings change. Two passes,
 * both in keyset-paged batches (memory flat at any size, each batch its own
 * transaction, so an interrupted rebuild leaves consistent accounts and can
 * simply be run again):
 * 1. re-key and link every call (accounts created as needed);
 * 2. derive every account once.
 * Manual edits are events beside the derived rows, so they survive.
 */
export interface RebuildOptions {
  callBatch?: number;
  accountBatch?: number;
  /** Batches in flight at once in this process (default 2). */
  parallel?: number;
  /** Only this shard of calls and accounts (a slice of the id space, see shardRange): crm:rebuild runs one process per core. */
  shard?: { index: number; count: number };
  /** Which passes to run (default both). Sharded processes run them in lock step: every shard links before any derives. */
  passes?: ("link" | "derive")[];
  log?: (line: string) => void;
}

export interface RebuildSummary {
  calls: number;
  accounts: number;
  linkSeconds: number;
  deriveSeconds: number;
}

/**
 * Shard `index` of `count`: the ids whose first 32 bits fall in the
 * index-th of `count` equal slices, as inclusive UUID bounds. Together the
 * shards cover every id exactly once.
 */
export function shardRange(shard: { index: number; count: number }): [string, string] {
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= count)
    throw new RangeError(`shard ${index}/${count}: the index must be a whole number from 0 to count - 1`);
  const start = (i: number) => Math.floor((i * 2 ** 32) / count);
  const hex = (n: number) => n.toString(16).padStart(8, "0");
  const lo = `${hex(start(index))}-0000-0000-0000-000000000000`;
  const hi = `${hex(index === count - 1 ? 2 ** 32 - 1 : start(index + 1) - 1)}-ffff-ffff-ffff-ffffffffffff`;
  return [lo, hi];
}

/**
 * Keyset page of ids of one table in one shard. A shard is a slice of the id
 * space (the ids are random UUIDs, so the slices hold equal shares): its pages
 * are plain index range reads, where a filter such as hashtext(id) % count read
 * every shard's rows to keep its own. The sort names the table's column: a
 * bare `ORDER BY id` after `SELECT id::text` sorts by the text output column,
 * which no index serves, so every page read and sorted the whole rest of the
 * table (130 ms a page at 1M calls).
 */
export function shardPageQuery(
  table: "calls" | "crm_accounts",
  shard: { index: number; count: number },
  after: string,
  take: number,
): Prisma.Sql {
  const [lo, hi] = shardRange(shard);
  return table === "calls"
    ? Prisma.sql`SELECT t.id::text AS id FROM calls t
                  WHERE t.id > ${after}::uuid AND t.id >= ${lo}::uuid AND t.id <= ${hi}::uuid ORDER BY t.id LIMIT ${take}`
    : Prisma.sql`SELECT t.id::text AS id FROM crm_accounts t
                  WHERE t.id > ${after}::uuid AND t.id >= ${lo}::uuid AND t.id <= ${hi}::uuid ORDER BY t.id LIMIT ${take}`;
}

async function inParallel<T>(pages: AsyncIterable<T>, parallel: number, fn: (page: T) => Promise<void>) {
  const running = new Set<Promise<void>>();
  for await (const page of pages) {
    const p = fn(page).finally(() => running.delete(p));
    running.add(p);
    if (running.size >= parallel) await Promise.race(running);
  }
  await Promise.all(running);
}

export async function rebuildAllAccounts(prisma: PrismaClient, options: RebuildOptions = {}): Promise<RebuildSummary> {
  const log = options.log ?? (() => {});
  const settings = await loadAccountSettings(prisma);
  const callBatch = options.callBatch ?? 1000;
  const accountBatch = options.accountBatch ?? 200;
  const parallel = options.parallel ?? 2;
  const passes = options.passes ?? ["link", "derive"];
  const shard = options.shard ?? { index: 0, count: 1 };

  const page = async (table: "calls" | "crm_accounts", after: string, take: number) =>
    (await prisma.$queryRaw<{ id: string }[]>(shardPageQuery(table, shard, after, take))).map((r) => r.id);
  const ZERO = "00000000-0000-0000-0000-000000000000";

  let calls = 0;
  const t0 = performance.now();
  async function* callPages() {
    if (!passes.includes("link")) return;
    for (let after = ZERO; ; ) {
      const ids = await page("calls", after, callBatch);
      if (!ids.length) return;
      after = ids[ids.length - 1]!;
      yield ids;
    }
  }
  await inParallel(callPages(), parallel, async (ids) => {
    await linkAndDeriveCalls(prisma, ids, { settings, derive: false });
    calls += ids.length;
    if (calls % (callBatch * 20) < callBatch) log(`linked ${calls} calls`);
  });
  const t1 = performance.now();

  let accounts = 0;
  const now = new Date();
  async function* accountPages() {
    if (!passes.includes("derive")) return;
    for (let after = ZERO; ; ) {
      const ids = await page("crm_accounts", after, accountBatch);
      if (!ids.length) return;
      after = ids[ids.length - 1]!;
      yield ids;
    }
  }
  await inParallel(accountPages(), parallel, async (ids) => {
    // Not `accounts += await …`: that reads the total before the await and loses concurrent batches' counts.
    const derived = await deriveAccounts(prisma, ids, { settings, now });
    accounts += derived;
    if (accounts % (accountBatch * 20) < accountBatch) log(`derived ${accounts} accounts`);
  });
  const t2 = performance.now();
  return { calls, accounts, linkSeconds: (t1 - t0) / 1000, deriveSeconds: (t2 - t1) / 1000 };
}
