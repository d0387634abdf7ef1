import { Prisma } from "@/lib/db/sql";

/**
 * The PostgreSQL NOTIFY channel that tells open dashboards a call was stored
 * or changed. Ingestion sends it inside its transaction, so listeners hear only
 * about committed calls (NOTIFY is delivered at commit, dropped on rollback);
 * the SSE endpoint LISTENs on it. The payload is small on purpose: listeners
 * re-read the call (NOTIFY payloads are capped at 8000 bytes).
 */
export const CALLS_CHANNEL = "calls_changed";

export interface CallChangedPayload {
  /** The call's uuid (calls.id). */
  id: string;
  providerCallId: string;
  /** ISO 8601: when the call was first received (the list's time axis). */
  receivedAt: string;
  /** "insert" for a new call, "update" when a later delivery changed a known one. */
  op: "insert" | "update";
}

/** Anything that can run a parameterised query: a pg Client, PoolClient or Pool. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/** Queues the notification on `db`; call it inside the transaction that changed the call. */
export async function notifyCallChanged(db: Queryable, payload: CallChangedPayload): Promise<void> {
  const message: CallChangedPayload = {
    id: payload.id,
    providerCallId: payload.providerCallId,
    receivedAt: payload.receivedAt,
    op: payload.op,
  };
  await db.query("SELECT pg_notify($1, $2)", [CALLS_CHANNEL, JSON.stringify(message)]);
}

/**
 * The same notification as `notifyCallChanged`, as a SQL expression, for
 * statements that store a call and notify in one round trip. The arguments are
 * SQL expressions for the call's id, provider id, received_at (timestamptz)
 * and whether the row was inserted; receivedAt is formatted exactly like
 * `Date.prototype.toISOString()`.
 */
export function notifyCallChangedSql(columns: {
  id: Prisma.Sql;
  providerCallId: Prisma.Sql;
  receivedAt: Prisma.Sql;
  inserted: Prisma.Sql;
}): Prisma.Sql {
  return Prisma.sql`pg_notify(${CALLS_CHANNEL}::text, json_build_object(
    'id', ${columns.id},
    'providerCallId', ${columns.providerCallId},
    'receivedAt', to_char(${columns.receivedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'op', CASE WHEN ${columns.inserted} THEN 'insert' ELSE 'update' END)::text)`;
}

/** Parses a NOTIFY payload from CALLS_CHANNEL; null when it is not one of ours. */
export function parseCallChanged(raw: string | undefined): CallChangedPayload | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<CallChangedPayload>;
    if (
      typeof value.id === "string" &&
      typeof value.providerCallId === "string" &&
      typeof value.receivedAt === "string" &&
      (value.op === "insert" || value.op === "update")
    ) {
      return { id: value.id, providerCallId: value.providerCallId, receivedAt: value.receivedAt, op: value.op };
    }
  } catch {
    // Not JSON: someone else's NOTIFY on the same channel name.
  }
  return null;
}

/** The listener connection's application_name: how pg_stat_activity (and the benchmark) tells it apart. */
export const LISTENER_APPLICATION_NAME = "levers-live-listener";
