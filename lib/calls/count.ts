import "server-only";
import type { Pool } from "pg";
import { buildCallsWhere, SqlParams, type CallFilters } from "./filters";

/**
 * How many calls match, without paying for an exact count(*) over a huge set
 * on every page view (100–400 ms at 1M rows; the list's whole budget is 50 ms).
 *
 * 1. Ask the planner (EXPLAIN, well under a millisecond): its row estimate from
 *    the table statistics.
 * 2. When the estimate says the set is small, count it exactly, but bounded
 *    twice: `LIMIT EXACT_COUNT_CAP + 1` rows and a statement timeout. A set
 *    that is small really is counted exactly, whatever the filter.
 * 3. Otherwise (or when the bounded count gives up) the estimate is returned,
 *    flagged, and the UI says "about 12,400".
 */
export const EXACT_COUNT_CAP = 10_000;
const EXACT_COUNT_TIMEOUT_MS = 100;
/** Below this many calls in the whole table, every count is exact: it costs a few milliseconds. */
const SMALL_TABLE_ROWS = 50_000;
/** Planner estimates can be a few times off; try the exact count up to this many estimated rows. */
const TRY_EXACT_BELOW_ESTIMATE = 4 * EXACT_COUNT_CAP;

export interface CallCount {
  total: number;
  isEstimate: boolean;
}

/** `tsQuery`: the search as a tsquery text (already websearch-parsed), used instead of `filters.q`. */
export async function countCalls(pool: Pool, filters: CallFilters, tsQuery: string | null = null): Promise<CallCount> {
  if (await isSmallTable(pool)) return { total: await exactCount(pool, filters, tsQuery), isEstimate: false };
  const estimate = await estimateCalls(pool, filters, tsQuery);
  if (estimate > TRY_EXACT_BELOW_ESTIMATE) return { total: estimate, isEstimate: true };
  const exact = await boundedExactCount(pool, filters, tsQuery);
  if (exact === null) return { total: estimate, isEstimate: true };
  if (exact <= EXACT_COUNT_CAP) return { total: exact, isEstimate: false };
  return { total: Math.max(estimate, exact), isEstimate: true };
}

export function whereWithTsQuery(filters: CallFilters, params: SqlParams, tsQuery: string | null, alias = "c"): string {
  if (tsQuery === null) return buildCallsWhere(filters, params, { alias });
  const where = buildCallsWhere(filters, params, { alias, omit: ["q"] });
  const match = `${alias}.search_vector @@ ${params.add(tsQuery)}::tsquery`;
  return where === "TRUE" ? match : `${match} AND ${where}`;
}

export async function estimateCalls(pool: Pool, filters: CallFilters, tsQuery: string | null): Promise<number> {
  const params = new SqlParams();
  const where = whereWithTsQuery(filters, params, tsQuery);
  return explainRows(pool, `SELECT 1 FROM calls c WHERE ${where}`, params.values);
}

export async function explainRows(pool: Pool, sql: string, values: unknown[]): Promise<number> {
  const { rows } = await pool.query<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, values);
  const planRows = rows[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0;
  // The planner never estimates below one row; an empty table is still "about 1" to it.
  return Math.max(0, Math.round(planRows));
}

/** Small enough that exact counts of anything cost a few milliseconds: no estimates, no time budgets. */
export async function isSmallTable(pool: Pool): Promise<boolean> {
  return (await tableRowEstimate(pool)) < SMALL_TABLE_ROWS;
}

/** The planner's idea of the table's size (pg_class, kept current by autovacuum): free to read. */
async function tableRowEstimate(pool: Pool): Promise<number> {
  // As the planner does: rows per page from the last ANALYZE, times the pages the table has now
  // (a bulk load not yet analysed still counts as big).
  const { rows } = await pool.query<{ n: number }>(
    `SELECT (CASE WHEN c.reltuples > 0 AND c.relpages > 0 THEN c.reltuples / c.relpages ELSE 4 END
             * (pg_relation_size(c.oid) / current_setting('block_size')::int))::float8 AS n
     FROM pg_class c WHERE c.oid = 'calls'::regclass`,
  );
  return rows[0]?.n ?? 0;
}

async function exactCount(pool: Pool, filters: CallFilters, tsQuery: string | null): Promise<number> {
  const params = new SqlParams();
  const where = whereWithTsQuery(filters, params, tsQuery);
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM calls c WHERE ${where}`, params.values);
  return rows[0]?.n ?? 0;
}

/** count(*) of at most EXACT_COUNT_CAP + 1 rows within a time budget; null when the budget ran out. */
async function boundedExactCount(pool: Pool, filters: CallFilters, tsQuery: string | null): Promise<number | null> {
  const params = new SqlParams();
  const where = whereWithTsQuery(filters, params, tsQuery);
  const sql = `SELECT count(*)::int AS n FROM (SELECT 1 FROM calls c WHERE ${where} LIMIT ${EXACT_COUNT_CAP + 1}) s`;
  return withStatementTimeout(pool, EXACT_COUNT_TIMEOUT_MS, async (client) => {
    const { rows } = await client.query<{ n: number }>(sql, params.values);
    return rows[0]?.n ?? 0;
  });
}

/** Runs `fn` in a transaction with a statement timeout; null if PostgreSQL cancelled it for taking too long. */
export async function withStatementTimeout<T>(
  pool: Pool,
  timeoutMs: number,
  fn: (client: import("pg").PoolClient) => Promise<T>,
  settings: Record<string, string> = {},
): Promise<T | null> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.trunc(timeoutMs))}`);
    for (const [name, value] of Object.entries(settings)) {
      if (!/^[a-z_]+$/.test(name) || !/^[a-z0-9_]+$/i.test(value)) throw new Error(`bad setting ${name}`);
      await client.query(`SET LOCAL ${name} = ${value}`);
    }
    try {
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {
        broken = true;
      });
      if ((error as { code?: string }).code === "57014") return null;
      throw error;
    }
  } finally {
    client.release(broken);
  }
}
