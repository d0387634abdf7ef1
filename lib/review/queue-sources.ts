import "server-only";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";

/**
 * The boundary to the compliance domain: the calls with an open compliance
 * flag, as a SQL source of call ids placed since `since`. The flags table
 * (compliance_flags: call_id, status, placed_at) belongs to lib/compliance and
 * may not exist in this database yet; until it does, the source is empty, so
 * the queue lights it up by itself once that migration has run. Its rows are
 * (call_id, placed_at, reason); a call's flags usually share placed_at, so DISTINCT
 * (placed_at, call_id) on the index order drops most repeats before a hash.
 */
let flagsTable: Promise<boolean> | undefined;

async function hasComplianceFlags(): Promise<boolean> {
  flagsTable ??= prisma.$queryRaw<{ present: boolean }[]>`SELECT to_regclass('public.compliance_flags') IS NOT NULL AS present`
    .then((rows) => rows[0]?.present === true)
    .catch(() => false);
  const present = await flagsTable;
  // A missing table is looked for again next time (a migration may run while the server is up).
  if (!present) flagsTable = undefined;
  return present;
}

export async function openComplianceFlagCalls(since: Date): Promise<Prisma.Sql | null> {
  if (!(await hasComplianceFlags())) return null;
  return Prisma.sql`SELECT f.call_id, f.placed_at, 'compliance_flag'::text AS reason FROM compliance_flags f WHERE f.status = 'open' AND f.placed_at >= ${since}`;
}
