import type pg from "pg";
import { type Db, Prisma, queryRows } from "@/lib/db/sql";
import { BadRequestError } from "@/lib/http/errors";

/**
 * Where a calls list "is" in the stream of stored calls: the moment the page
 * was read (or the stream last confirmed it had sent everything), as a
 * PostgreSQL snapshot plus two instants on the database clock.
 *
 * Why a snapshot and not a timestamp or keyset: a call's received_at is its
 * transaction's start (`now()`), and a transaction that started earlier may
 * commit later. "received_at > render time" would miss a call whose
 * transaction began before the render and committed after it (and "(received_at,
 * id) > last row" misses it the same way). A snapshot says exactly which
 * transactions had committed: a call is new to the list iff the transaction
 * that last wrote its row (xmin) is not visible in the snapshot. To stay on the
 * received_at index, the catch-up reads only rows with received_at >= `since`:
 * the start of the oldest transaction still open when the snapshot was taken
 * (less a second for clock rounding), because any transaction invisible in
 * the snapshot was open then or started later. Taken before the page's list
 * query, so everything the page could miss is after it; what the page did
 * read twice (committed in the few ms between the two reads) is dropped by id
 * in the browser.
 */
export interface FeedPosition {
  /** pg_snapshot as text: `xmin:xmax:xip,...`. */
  snapshot: string;
  /** ISO: database clock when the snapshot was taken. */
  at: string;
  /** ISO: lower bound on received_at of any call the snapshot does not see. */
  since: string;
}

/** A position older than this is not caught up (the list re-reads instead): a sleeping laptop, a forged token. */
export const MAX_CATCH_UP_AGE_MS = 10 * 60_000;

/**
 * `since` counts the open transactions that have written (they hold an xid)
 * and those younger than a few seconds (one may be about to write: ingestion
 * writes in its first statement). A long read-only transaction (an export, a
 * report) or a maintenance worker does not widen the window: it writes no
 * call.
 */
export const POSITION_SQL = Prisma.sql`
  SELECT pg_current_snapshot()::text AS snapshot,
         clock_timestamp() AS at,
         LEAST(clock_timestamp(),
               (SELECT min(xact_start) FROM pg_stat_activity
                 WHERE backend_type = 'client backend' AND xact_start IS NOT NULL
                   AND (backend_xid IS NOT NULL OR xact_start > clock_timestamp() - interval '5 seconds'))
         ) - interval '1 second' AS since`;

/** Through the app's client, or on the listener's own LISTEN connection. */
export async function readPosition(db: Db | pg.ClientBase): Promise<FeedPosition> {
  type Row = { snapshot: string; at: Date; since: Date };
  const [row] = "$queryRaw" in db ? await queryRows<Row>(POSITION_SQL, db) : (await db.query<Row>(POSITION_SQL.text)).rows;
  if (!row) throw new Error("the position query returned no row");
  return { snapshot: row.snapshot, at: row.at.toISOString(), since: row.since.toISOString() };
}

const SNAPSHOT = /^\d{1,20}:\d{1,20}:(\d{1,20}(,\d{1,20})*)?$/;
const MAX_TOKEN_CHARS = 4096;

export function encodePosition(position: FeedPosition): string {
  return Buffer.from(JSON.stringify({ v: 1, s: position.snapshot, a: position.at, l: position.since }), "utf8").toString("base64url");
}

/** Reads a token the server handed out; null when it is not one. */
export function decodePosition(token: string | null | undefined): FeedPosition | null {
  if (!token || token.length > MAX_TOKEN_CHARS) return null;
  try {
    const wire = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { v?: unknown; s?: unknown; a?: unknown; l?: unknown };
    if (wire.v !== 1 || typeof wire.s !== "string" || typeof wire.a !== "string" || typeof wire.l !== "string") return null;
    if (!SNAPSHOT.test(wire.s) || Number.isNaN(Date.parse(wire.a)) || Number.isNaN(Date.parse(wire.l))) return null;
    return { snapshot: wire.s, at: new Date(wire.a).toISOString(), since: new Date(wire.l).toISOString() };
  } catch {
    return null;
  }
}

/** The `since` query parameter of GET /api/calls/stream: absent is fine (no catch-up), malformed is a 400. */
export function parsePositionParam(value: string | null): FeedPosition | null {
  if (value === null) return null;
  const position = decodePosition(value);
  if (!position) throw new BadRequestError("Invalid query parameters: since is not a position this server handed out; reload the list.");
  return position;
}
