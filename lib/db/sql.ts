import { getPrisma } from "./client";
import { isStatementTimeout } from "./errors";
import { Prisma } from "./generated/client";

/**
 * Hand-written SQL through the one Prisma client: statements are `Prisma.sql`
 * fragments (values always bound as parameters; `Prisma.raw` only through
 * `ident` for identifiers from our own constant tables) run with `$queryRaw` /
 * `$executeRaw` on the client or on a transaction's client. Prisma numbers the
 * placeholders in order, so one statement shape always sends the same text.
 */
export { Prisma };

/** The Prisma client or an interactive transaction's client. */
export type Db = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

/** Rows of a SELECT (or `… RETURNING`). Column types: int4 → number, int8 → bigint, numeric → Decimal, so cast in SQL. */
export function queryRows<T>(query: Prisma.Sql, db: Db = getPrisma()): Promise<T[]> {
  return db.$queryRaw<T[]>(query);
}

/** A statement without rows (or whose rows are not needed); resolves to the affected row count. */
export function execute(query: Prisma.Sql, db: Db = getPrisma()): Promise<number> {
  return db.$executeRaw(query);
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** `alias.column` (or a table name) as SQL text, for names from our own constant tables; anything else throws. */
export function ident(...parts: string[]): Prisma.Sql {
  for (const part of parts) if (!IDENTIFIER.test(part)) throw new Error(`not an SQL identifier: ${part}`);
  return Prisma.raw(parts.join("."));
}

/** `a, b, c` (or another separator) of fragments; `Prisma.empty` for none (Prisma.join throws on an empty list). */
export function list(parts: readonly Prisma.Sql[], separator = ", "): Prisma.Sql {
  return parts.length ? Prisma.join(parts, separator) : Prisma.empty;
}

export interface TransactionOptions {
  /** `statement_timeout` for this transaction; a statement cancelled for it makes the result null. */
  statementTimeoutMs?: number;
  /** More planner settings for this transaction only. */
  settings?: Record<string, string>;
  readOnly?: boolean;
  /** How long the whole transaction may run before Prisma rolls it back (default 15 s). */
  maxDurationMs?: number;
}

/** How long a transaction waits for a pooled connection: the pool's own connectionTimeoutMillis. */
export const CONNECTION_WAIT_MS = 5_000;

const SETTING_NAME = /^[a-z_]+$/;

/** `SELECT set_config(name, value, true), …`: every setting of the transaction in one statement, values bound. */
function settingsPreamble(options: TransactionOptions): Prisma.Sql | null {
  const settings: [string, string][] = [];
  if (options.readOnly) settings.push(["transaction_read_only", "on"]);
  if (options.statementTimeoutMs !== undefined)
    settings.push(["statement_timeout", String(Math.max(1, Math.trunc(options.statementTimeoutMs)))]);
  for (const [name, value] of Object.entries(options.settings ?? {})) {
    if (!SETTING_NAME.test(name)) throw new Error(`bad setting ${name}`);
    settings.push([name, value]);
  }
  if (!settings.length) return null;
  return Prisma.sql`SELECT ${list(settings.map(([name, value]) => Prisma.sql`set_config(${name}, ${value}, true)`))}`;
}

/**
 * Runs `fn` in an interactive transaction whose settings are local to it
 * (`set_config(…, true)`, as SET LOCAL). With a statement timeout, a statement
 * PostgreSQL cancels for it resolves to null (callers fall back to an
 * estimate); every other error is thrown.
 */
export async function withSettings<T>(options: TransactionOptions, fn: (tx: Db) => Promise<T>): Promise<T | null> {
  const preamble = settingsPreamble(options);
  try {
    return await getPrisma().$transaction(
      async (tx) => {
        if (preamble) await tx.$executeRaw(preamble);
        return fn(tx);
      },
      { maxWait: CONNECTION_WAIT_MS, timeout: options.maxDurationMs ?? 15_000 },
    );
  } catch (error) {
    if (options.statementTimeoutMs !== undefined && isStatementTimeout(error)) return null;
    throw error;
  }
}

/** Runs `fn` with a statement timeout; null if PostgreSQL cancelled it for taking too long. */
export function withStatementTimeout<T>(
  timeoutMs: number,
  fn: (tx: Db) => Promise<T>,
  settings: Record<string, string> = {},
): Promise<T | null> {
  return withSettings({ statementTimeoutMs: timeoutMs, settings }, fn);
}
