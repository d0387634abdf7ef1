import { deriveAccounts } from "@/lib/accounts/store";
import { complianceCpu } from "@/lib/compliance/store";
import { Prisma, type PrismaClient } from "@/lib/db/generated/client";

/**
 * The compliance guard's CPU per delivery on a loaded database (e.g. the 1M
 * benchmark's): accounts sampled the way deliveries reach them (a random
 * sample of calls, each call's account, so an account with many calls is
 * drawn as often as it is called), each re-derived one at a time as the
 * worker does after a delivery. Only the evaluation's own CPU is counted
 * (lib/compliance/store.ts complianceCpu: input, engine, next calls,
 * snapshot), not the derivation around it nor PostgreSQL's. The first pass
 * reads every call's transcript (a worker that just started); the second has
 * each call's speech analysis memoised (a worker that has seen the calls, all
 * but the newest delivery's).
 */
export interface StoredCpu {
  accounts: number;
  meanCalls: number;
  coldMsPerDelivery: number;
  warmMsPerDelivery: number;
}

export async function measureStoredCpu(prisma: PrismaClient, samples: number): Promise<StoredCpu> {
  const rows = await prisma.$queryRaw<{ id: string; calls: number }[]>(Prisma.sql`
    SELECT s.account_id::text AS id, a.calls
      FROM (SELECT account_id FROM crm_call_links TABLESAMPLE SYSTEM (2) LIMIT ${samples}) s
      JOIN crm_accounts a ON a.id = s.account_id`);
  if (!rows.length) throw new Error("No derived accounts to sample: load calls and run npm run crm:rebuild first.");
  const pass = async () => {
    const before = { ...complianceCpu };
    for (const r of rows) await deriveAccounts(prisma, [r.id]);
    return (complianceCpu.micros - before.micros) / 1000 / (complianceCpu.accounts - before.accounts);
  };
  const coldMsPerDelivery = await pass();
  const warmMsPerDelivery = await pass();
  return {
    accounts: rows.length,
    meanCalls: rows.reduce((n, r) => n + r.calls, 0) / rows.length,
    coldMsPerDelivery,
    warmMsPerDelivery,
  };
}
