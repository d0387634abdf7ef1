import type { PrismaClient } from "@/lib/db/generated/client";
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
  /** Batches in flight at once (default 2: this machine's cores). */
  parallel?: number;
  log?: (line: string) => void;
}

export interface RebuildSummary {
  calls: number;
  accounts: number;
  linkSeconds: number;
  deriveSeconds: number;
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

  let calls = 0;
  const t0 = performance.now();
  async function* callPages() {
    let after: string | undefined;
    for (;;) {
      const rows = await prisma.call.findMany({ select: { id: true }, orderBy: { id: "asc" }, take: callBatch, ...(after ? { cursor: { id: after }, skip: 1 } : {}) });
      if (!rows.length) return;
      after = rows[rows.length - 1]!.id;
      yield rows.map((r) => r.id);
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
    let after: string | undefined;
    for (;;) {
      const rows = await prisma.crmAccount.findMany({ select: { id: true }, orderBy: { id: "asc" }, take: accountBatch, ...(after ? { cursor: { id: after }, skip: 1 } : {}) });
      if (!rows.length) return;
      after = rows[rows.length - 1]!.id;
      yield rows.map((r) => r.id);
    }
  }
  await inParallel(accountPages(), parallel, async (ids) => {
    accounts += await deriveAccounts(prisma, ids, { settings, now });
    if (accounts % (accountBatch * 20) < accountBatch) log(`derived ${accounts} accounts`);
  });
  const t2 = performance.now();
  return { calls, accounts, linkSeconds: (t1 - t0) / 1000, deriveSeconds: (t2 - t1) / 1000 };
}
