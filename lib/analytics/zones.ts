import "server-only";
import { isTimeZone } from "@/lib/calls/search-params";
import { getPrisma } from "@/lib/db/client";
import { type Db, Prisma, queryRows } from "@/lib/db/sql";
import { env } from "@/lib/env";
import { rollupZone } from "./period";

/**
 * Time zones that get local-day rollup rows (analytics_zones). A viewer from a
 * new zone is answered from the 15-minute tier at once (exact, just more rows
 * to read) while this fills the zone's daily rows in the background, a few
 * days per transaction so ingestion is never held for long.
 *
 * Each zone costs two more rollup upserts per ingested call, so the number of
 * zones is capped (ANALYTICS_MAX_ZONES, default 6); zones past the cap keep
 * using the 15-minute tier.
 */

const inFlight = new Map<string, Promise<boolean>>();

/**
 * Local days per backfill transaction. Each chunk holds ingestion's rollup
 * upserts while it runs: at a million calls a year, three days of 15-minute
 * rows take ~0.1 s on an idle 2-core machine (a week took 0.3 s, 1.6 s under load).
 */
const CHUNK_DAYS = 3;

export function maxZones(): number {
  const n = env.ANALYTICS_MAX_ZONES ?? 6;
  return Number.isInteger(n) && n >= 1 ? n : 6;
}

/** Fills `tz`'s daily rows chunk by chunk; resolves true once complete, false when the zone cap refused it. */
export function prepareZone(zone: string, options: { pauseMs?: number } = {}): Promise<boolean> {
  if (!isTimeZone(zone)) return Promise.resolve(false);
  const tz = rollupZone(zone);
  const existing = inFlight.get(tz);
  if (existing) return existing;
  const job = run(tz, getPrisma(), options.pauseMs ?? 25).finally(() => inFlight.delete(tz));
  inFlight.set(tz, job);
  return job;
}

async function run(tz: string, db: Db, pauseMs: number): Promise<boolean> {
  const rows = await queryRows<{ known: boolean; zones: number }>(
    Prisma.sql`SELECT EXISTS (SELECT 1 FROM analytics_zones WHERE zone = ${tz}) AS known, (SELECT count(*)::int FROM analytics_zones) AS zones`,
    db,
  );
  const state = rows[0];
  if (!state) return false;
  if (!state.known && state.zones >= maxZones()) return false;
  for (;;) {
    const done = await queryRows<{ done: boolean }>(
      Prisma.sql`SELECT analytics_backfill_zone_chunk(${tz}, ${CHUNK_DAYS}::int) AS done`,
      db,
    );
    if (done[0]?.done) return true;
    // Let ingestion through between chunks.
    if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
  }
}

/** Starts preparing `tz` without waiting; failures are logged, never thrown (the 15-minute tier still answers). */
export function prepareZoneInBackground(tz: string): void {
  prepareZone(tz).catch((error: unknown) => {
    console.error(`[analytics] could not prepare daily rollups for ${tz}:`, error instanceof Error ? error.message : error);
  });
}
