import "server-only";
import { type Db, ident, Prisma, queryRows, withStatementTimeout } from "@/lib/db/sql";
import type { CallFilters } from "./filters";
import { buildCallsWhere, isTrue } from "./where";

/**
 * How many calls match, without paying for an exact count(*) over a huge set
 * on every page view (100–400 ms at 1M rows; the list's whole budget is 50 ms).
 *
 * 1. Ask the planner (EXPLAIN, well under a millisecond) about reading the
 *    first EXACT_COUNT_CAP + 1 matching rows: its estimate of the set's size,
 *    and what reading them would cost.
 * 2. When the set is small AND cheap to read (an index range, not thousands
 *    of scattered heap pages), count it exactly, bounded twice: LIMIT
 *    EXACT_COUNT_CAP + 1 rows and a statement timeout.
 * 3. Otherwise (or when the bounded count gives up) the estimate is returned,
 *    flagged, and the UI says "about 12,400".
 */
export const EXACT_COUNT_CAP = 10_000;
const EXACT_COUNT_TIMEOUT_MS = 25;
/**
 * Planner cost above which the exact count is not attempted. Calibrated at 1M rows: counting ~7–10k
 * rows through an index-only range costs ~400 units (3–6 ms); a bitmap over 20k scattered rows to
 * find 3k matches costs ~60,000 (tens of ms or worse) and would eat the list's budget.
 */
const EXACT_COUNT_MAX_COST = 5_000;
/** Below this many calls in the whole table, every count is exact: it costs a few milliseconds. */
const SMALL_TABLE_ROWS = 50_000;
/** Planner estimates can be a few times off; try the exact count up to this many estimated rows. */
const TRY_EXACT_BELOW_ESTIMATE = 4 * EXACT_COUNT_CAP;

export interface CallCount {
  total: number;
  isEstimate: boolean;
}

/** `tsQuery`: the search as a tsquery text (already websearch-parsed), used instead of `filters.q`. */
export async function countCalls(db: Db, filters: CallFilters, tsQuery: string | null = null): Promise<CallCount> {
  if (await isSmallTable(db)) return { total: await exactCount(db, filters, tsQuery), isEstimate: false };
  const where = whereWithTsQuery(filters, tsQuery);
  const plan = await explainPlan(db, Prisma.sql`SELECT 1 FROM calls c WHERE ${where} LIMIT ${EXACT_COUNT_CAP + 1}`);
  // The Limit node's child carries the estimate for the whole set; the Limit node the cost of reading the capped part.
  const estimate = Math.max(0, Math.round(plan.Plans?.[0]?.["Plan Rows"] ?? plan["Plan Rows"]));
  if (estimate > TRY_EXACT_BELOW_ESTIMATE || plan["Total Cost"] > EXACT_COUNT_MAX_COST) return { total: estimate, isEstimate: true };
  const exact = await boundedExactCount(filters, tsQuery);
  if (exact === null) return { total: estimate, isEstimate: true };
  if (exact <= EXACT_COUNT_CAP) return { total: exact, isEstimate: false };
  return { total: Math.max(estimate, exact), isEstimate: true };
}

/**
 * `searchDriven`: for a rare term's "materialise" plan, the other filters are
 * written so no index can serve them (`(…) IS TRUE` means the same rows to a
 * WHERE), so the GIN index on the search is the only way in. Otherwise a change
 * in statistics could make the planner drive a rare phrase over 180 days from
 * the received_at index (half the table) or AND its bitmap with the GIN one.
 */
export function whereWithTsQuery(
  filters: CallFilters,
  tsQuery: string | null,
  alias = "c",
  options: { searchDriven?: boolean } = {},
): Prisma.Sql {
  if (tsQuery === null) return buildCallsWhere(filters, { alias });
  const where = buildCallsWhere(filters, { alias, omit: ["q"] });
  const match = Prisma.sql`${ident(alias, "search_vector")} @@ ${tsQuery}::tsquery`;
  if (isTrue(where)) return match;
  return options.searchDriven ? Prisma.sql`${match} AND (${where}) IS TRUE` : Prisma.sql`${match} AND ${where}`;
}

export interface PlanNode {
  "Plan Rows": number;
  "Total Cost": number;
  Plans?: PlanNode[];
}

export async function explainPlan(db: Db, query: Prisma.Sql): Promise<PlanNode> {
  const rows = await queryRows<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(Prisma.sql`EXPLAIN (FORMAT JSON) ${query}`, db);
  return rows[0]?.["QUERY PLAN"][0]?.Plan ?? { "Plan Rows": 0, "Total Cost": 0 };
}

export async function explainRows(db: Db, query: Prisma.Sql): Promise<number> {
  return Math.max(0, Math.round((await explainPlan(db, query))["Plan Rows"]));
}

/** Small enough that exact counts of anything cost a few milliseconds: no estimates, no time budgets. */
export async function isSmallTable(db: Db): Promise<boolean> {
  return (await tableRowEstimate(db)) < SMALL_TABLE_ROWS;
}

/** The planner's idea of the table's size (pg_class, kept current by autovacuum): free to read. */
async function tableRowEstimate(db: Db): Promise<number> {
  // As the planner does: rows per page from the last ANALYZE, times the pages the table has now
  // (a bulk load not yet analysed still counts as big).
  const rows = await queryRows<{ n: number }>(
    Prisma.sql`SELECT (CASE WHEN c.reltuples > 0 AND c.relpages > 0 THEN c.reltuples / c.relpages ELSE 4 END
             * (pg_relation_size(c.oid) / current_setting('block_size')::int))::float8 AS n
     FROM pg_class c WHERE c.oid = 'calls'::regclass`,
    db,
  );
  return rows[0]?.n ?? 0;
}

async function exactCount(db: Db, filters: CallFilters, tsQuery: string | null): Promise<number> {
  const where = whereWithTsQuery(filters, tsQuery);
  const rows = await queryRows<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM calls c WHERE ${where}`, db);
  return rows[0]?.n ?? 0;
}

/** count(*) of at most EXACT_COUNT_CAP + 1 rows within a time budget; null when the budget ran out. */
async function boundedExactCount(filters: CallFilters, tsQuery: string | null): Promise<number | null> {
  const where = whereWithTsQuery(filters, tsQuery);
  const sql = Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM calls c WHERE ${where} LIMIT ${EXACT_COUNT_CAP + 1}) s`;
  return withStatementTimeout(EXACT_COUNT_TIMEOUT_MS, async (tx) => {
    const rows = await queryRows<{ n: number }>(sql, tx);
    return rows[0]?.n ?? 0;
  });
}
