import { getPrisma } from "./client";
import { isStatementTimeout } from "./errors";
import type { Prisma } from "./generated/client";

export { SqlParams } from "./sql-params";

/**
 * Hand-written SQL through the one Prisma client. Statements are built as text
 * with `$n` placeholders by `SqlParams` (values are always bound, never
 * spliced) and run with `$queryRawUnsafe` / `$executeRawUnsafe` on the client
 * or on an interactive transaction's client.
 */

/** The Prisma client or an interactive transaction's client. */
export type Db = Pick<Prisma.TransactionClient, "$queryRawUnsafe" | "$executeRawUnsafe">;

/** Rows of a SELECT (or `… RETURNING`). Column types: int4 → number, int8 → bigint, numeric → Decimal, so cast in SQL. */
export function queryRows<T>(sql: string, values: readonly unknown[] = [], db: Db = getPrisma()): Promise<T[]> {
  return db.$queryRawUnsafe<T[]>(sql, ...values);
}

/** A statement without rows (or whose rows are not needed); resolves to the affected row count. */
export function execute(sql: string, values: readonly unknown[] = [], db: Db = getPrisma()): Promise<number> {
  return db.$executeRawUnsafe(sql, ...values);
}

export interface TransactionOptions {
  /** `SET LOCAL statement_timeout`; a statement cancelled for it makes the result null. */
  statementTimeoutMs?: number;
  /** More `SET LOCAL name = value` planner settings for this transaction only. */
  settings?: Record<string, string>;
  readOnly?: boolean;
  /** How long the whole transaction may run before Prisma rolls it back (default 15 s). */
  maxDurationMs?: number;
}

/** How long a transaction waits for a pooled connection: the pool's own connectionTimeoutMillis. */
export const CONNECTION_WAIT_MS = 5_000;

/**
 * Runs `fn` in an interactive transaction with a `SET LOCAL` preamble. With a
 * statement timeout, a statement PostgreSQL cancels for it resolves to null
 * (callers fall back to an estimate); every other error is thrown.
 */
export async function withSettings<T>(options: TransactionOptions, fn: (tx: Db) => Promise<T>): Promise<T | null> {
  const preamble: string[] = [];
  if (options.readOnly) preamble.push("SET TRANSACTION READ ONLY");
  if (options.statementTimeoutMs !== undefined)
    preamble.push(`SET LOCAL statement_timeout = ${Math.max(1, Math.trunc(options.statementTimeoutMs))}`);
  for (const [name, value] of Object.entries(options.settings ?? {})) {
    if (!/^[a-z_]+$/.test(name) || !/^[a-z0-9_.]+$/i.test(value)) throw new Error(`bad setting ${name}`);
    preamble.push(`SET LOCAL ${name} = ${value}`);
  }
  try {
    return await getPrisma().$transaction(
      async (tx) => {
        // Without parameters pg sends the simple-query protocol, so the whole preamble is one round trip.
        if (preamble.length) await tx.$executeRawUnsafe(preamble.join("; "));
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
