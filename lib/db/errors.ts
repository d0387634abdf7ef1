/**
 * What a database failure means, whichever way it reached us: a pg error
 * (SQLSTATE in `code`), Prisma's own (`P1001` …), or a pg error wrapped by
 * the Prisma adapter (`meta.driverAdapterError.cause`: `originalCode`, or
 * `code` for kind "postgres", or a kind such as "DatabaseNotReachable").
 */

interface Cause {
  kind?: unknown;
  code?: unknown;
  originalCode?: unknown;
}

/** The SQLSTATE of a pg error, directly or as wrapped by Prisma's adapter. */
export function sqlState(error: unknown): string | undefined {
  for (const e of chain(error)) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && !/^P\d{4}$/.test(e.code)) return e.code;
    const cause = adapterCause(e);
    if (cause) {
      if (typeof cause.originalCode === "string") return cause.originalCode;
      if (cause.kind === "postgres" && typeof cause.code === "string") return cause.code;
    }
  }
  return undefined;
}

/** The database's own message for a failed statement (Prisma's wrapper adds an invocation banner around it). */
export function databaseMessage(error: unknown): string {
  for (const e of chain(error)) {
    const cause = adapterCause(e) as { originalMessage?: unknown; message?: unknown; kind?: unknown } | undefined;
    if (cause) {
      if (typeof cause.originalMessage === "string") return cause.originalMessage;
      if (typeof cause.message === "string") return cause.message;
      if (typeof cause.kind === "string") return cause.kind;
    }
  }
  const e = error as { message?: unknown } | null;
  return typeof e?.message === "string" ? e.message : String(error);
}

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "57014", // query_canceled (statement timeout)
  "55P03", // lock_not_available
  "40001", // serialization_failure
  "40P01", // deadlock_detected
  // Prisma: can't reach, timed out reaching, connection closed, pool timeout, socket timeout, too many connections.
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
  "P2028", // an interactive transaction could not start (no connection within maxWait) or outlived its timeout
  "P2037",
]);
// Connection exceptions (08), insufficient resources (53: disk full, out of
// memory, too many connections), operator intervention (57P: shutdown,
// starting up) and system errors (58: I/O).
const UNAVAILABLE_CLASSES = ["08", "53", "57P", "58"];
const UNAVAILABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionWriteConflict",
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection error|Query read timeout|not queryable|timeout exceeded when trying to connect|Cannot use a pool after calling end|ECONNREFUSED|the database system is|Can't reach database server/i;

/** True when a retry later can succeed: the database is down, restarting, overloaded or the connection broke. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of chain(error)) {
    const code = typeof e.code === "string" ? e.code : undefined;
    if (code && (UNAVAILABLE_CODES.has(code) || (code.length === 5 && UNAVAILABLE_CLASSES.some((c) => code.startsWith(c))))) return true;
    if (e.name === "PrismaClientInitializationError") return true;
    const cause = adapterCause(e);
    if (cause && typeof cause.kind === "string" && UNAVAILABLE_KINDS.has(cause.kind)) return true;
    const state = cause ? sqlState(e) : undefined;
    if (state && (UNAVAILABLE_CODES.has(state) || UNAVAILABLE_CLASSES.some((c) => state.startsWith(c)))) return true;
    if (typeof e.message === "string" && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    // AggregateError from a connect to several addresses (IPv4 + IPv6).
    if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}

/** Transaction conflicts worth retrying at once (serialization failure, deadlock). */
export function isRetryableConflict(error: unknown): boolean {
  const state = sqlState(error);
  return state === "40001" || state === "40P01";
}

/** PostgreSQL cancelled the statement (statement_timeout). */
export function isStatementTimeout(error: unknown): boolean {
  return sqlState(error) === "57014";
}

type Link = { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown; meta?: unknown };

function* chain(error: unknown): Generator<Link> {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const e = current as Link;
    yield e;
    current = e.cause;
  }
}

function adapterCause(e: Link): Cause | undefined {
  const meta = e.meta as { driverAdapterError?: { cause?: Cause } } | undefined;
  const cause =
    meta?.driverAdapterError?.cause ?? ((e as { name?: unknown }).name === "DriverAdapterError" ? (e.cause as Cause) : undefined);
  return cause && typeof cause === "object" ? cause : undefined;
}
