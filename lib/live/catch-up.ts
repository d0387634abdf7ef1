import { type Db, Prisma, queryRows } from "@/lib/db/sql";
import type { CallChangedPayload } from "./channel";
import { type FeedPosition, MAX_CATCH_UP_AGE_MS } from "./position";

/** More calls than this since a position: the list re-reads itself instead (one page read beats a flood of rows). */
export const MAX_CATCH_UP_CALLS = 1_000;

/**
 * The calls written since `position` (any filter): what a LISTEN that was not
 * yet (or no longer) active would have heard. Answered as notifications, so the
 * feed treats them exactly like live ones (same batching, same filter query).
 * null: too many, or the position is too old to catch up from.
 *
 * `xmin` is 32 bits; the snapshot holds 64-bit xids. The row's full xid is
 * rebuilt against the current snapshot's xmax (every committed xid is below it
 * and within 2^31 of it for any row written in the last minutes; xids 0-2 are
 * frozen/bootstrap rows, visible to everyone). "insert" means the call did not
 * exist at `position`: its row was never updated (updated_at = received_at) or
 * its transaction began after the position was taken.
 */
export async function callsSince(db: Db, position: FeedPosition, now = new Date()): Promise<CallChangedPayload[] | null> {
  const at = Date.parse(position.at);
  if (now.getTime() - at > MAX_CATCH_UP_AGE_MS) return null;
  // A transaction open for longer than that is not waited for: the window stays bounded whatever the token says.
  const since = new Date(Math.max(Date.parse(position.since), at - MAX_CATCH_UP_AGE_MS)).toISOString();
  const rows = await queryRows<{ id: string; provider_call_id: string; received_at: string; inserted: boolean }>(
    Prisma.sql`WITH ref AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax)
     SELECT c.id::text AS id, c.provider_call_id,
            to_char(c.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS received_at,
            (c.updated_at = c.received_at OR c.received_at > ${position.at}::timestamptz) AS inserted
       FROM calls c, ref
      WHERE c.received_at >= ${since}::timestamptz
        AND c.xmin::text::bigint > 2
        AND NOT pg_visible_in_snapshot(
              (ref.xmax - ((ref.xmax % 4294967296) - c.xmin::text::bigint + 4294967296) % 4294967296)::text::xid8,
              ${position.snapshot}::pg_snapshot)
      ORDER BY c.received_at DESC, c.id DESC
      LIMIT ${MAX_CATCH_UP_CALLS + 1}`,
    db,
  );
  if (rows.length > MAX_CATCH_UP_CALLS) return null;
  return rows.map((r) => ({
    id: r.id,
    providerCallId: r.provider_call_id,
    receivedAt: r.received_at,
    op: r.inserted ? "insert" : "update",
  }));
}
