import "server-only";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";

/**
 * The boundary to the compliance domain: the calls with an open compliance
 * flag, as a SQL source of distinct call ids placed since `since`. They come
 * from compliance_flagged_calls (one row per call with open flags, kept by
 * triggers on compliance_flags: migration 20261202130000_review_flagged_calls),
 * read through its partial index; the flags themselves (three to four per
 * flagged call) are not read. The table belongs to lib/compliance and may not
 * exist in this database yet; until it does, the source is empty, so the
 * queue lights it up by itself once that migration has run. Its rows are
 * (call_id, placed_at, reason).
 */
let flagsTable: Promise<boolean> | undefined;

async function hasComplianceFlags(): Promise<boolean> {
  flagsTable ??= prisma.$queryRaw<{ present: boolean }[]>`SELECT to_regclass('public.compliance_flagged_calls') IS NOT NULL AS present`
    .then((rows) => rows[0]?.present === true)
    .catch(() => false);
  const present = await flagsTable;
  // A missing table is looked for again next time (a migration may run while the server is up).
  if (!present) flagsTable = undefined;
  return present;
}

export async function openComplianceFlagCalls(since: Date): Promise<Prisma.Sql | null> {
  if (!(await hasComplianceFlags())) return null;
  return Prisma.sql`SELECT f.call_id, f.placed_at, 'compliance_flag'::text AS reason FROM compliance_flagged_calls f WHERE f.open_flags > 0 AND f.placed_at >= ${since}`;
}
