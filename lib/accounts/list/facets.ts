import "server-only";
import { parsePgTextArray } from "@/lib/calls/facets";
import { isStatementTimeout } from "@/lib/db/errors";
import type { PrismaClient } from "@/lib/db/generated/client";
import { ident, list, Prisma } from "@/lib/db/sql";
import {
  ACCOUNT_FILTER_DIMENSIONS,
  ACCOUNT_FILTERS,
  ACCOUNT_FLAG_DIMENSIONS,
  type AccountFacetDimension,
  type AccountFlagDimension,
  UNASSIGNED,
} from "./filter-table";
import { type AccountFilters, activeAccountFilters } from "./search-params";
import { flagSql, whereSql } from "./sql";
import type { AccountFacetOption, AccountFacets } from "./types";

/**
 * The toolbar's counts: each flag, portfolio and assignee counted with every
 * other active filter but its own. Bounded at any table size (the list's
 * budget is 50 ms; counting 393k accounts' flags and portfolios took 600 ms):
 * - the dimensions with no active filter count one and the same set, so they
 *   share one pass; each filtered dimension needs its own;
 * - a set the planner expects to be small is counted exactly, in one pass
 *   over at most FACET_EXACT_CAP + 1 of its rows, under a statement timeout;
 * - a big set (or one the pass gave up on) gets the planner's estimates,
 *   flagged (`estimatedFlags`, an option's `estimated`) so the toolbar writes
 *   "≈": a flag's from one EXPLAIN of its count, a portfolio's or assignee's
 *   as the set's estimated size × the value's frequency in pg_stats. No rows
 *   are read for a big set.
 * Below SMALL_TABLE_ROWS accounts every count is exact.
 */
type Db = PrismaClient;

export const FACET_EXACT_CAP = 10_000;
/** Planner estimates can be a few times off (correlated flags): try the bounded exact pass up to this many. */
const TRY_EXACT_BELOW_ESTIMATE = 4 * FACET_EXACT_CAP;
const FACET_TIMEOUT_MS = 30;
const SMALL_TABLE_ROWS = 20_000;
const MAX_FACET_OPTIONS = 60;

const FACET_DIMENSIONS = ACCOUNT_FILTER_DIMENSIONS.filter(
  (d): d is AccountFacetDimension => (ACCOUNT_FILTERS[d] as { facet?: boolean }).facet === true,
);
const isFlag = (d: AccountFacetDimension): d is AccountFlagDimension => (ACCOUNT_FLAG_DIMENSIONS as string[]).includes(d);

interface GroupCounts {
  flags: Partial<Record<AccountFlagDimension, number>>;
  portfolio?: AccountFacetOption[];
  assignee?: AccountFacetOption[];
  estimated: boolean;
}

export async function computeAccountFacets(db: Db, filters: AccountFilters): Promise<AccountFacets | null> {
  // The table's size and each group's EXPLAIN side by side: one round trip fewer before the counts.
  const total = accountRowEstimate(db);
  const small = total.then((n) => n < SMALL_TABLE_ROWS);
  const active = new Set<string>(activeAccountFilters(filters));
  const shared = FACET_DIMENSIONS.filter((d) => !active.has(d));
  const groups: { omit: AccountFacetDimension[]; dims: AccountFacetDimension[] }[] = [
    ...(shared.length ? [{ omit: [], dims: shared }] : []),
    ...FACET_DIMENSIONS.filter((d) => active.has(d)).map((d) => ({ omit: [d], dims: [d] })),
  ];
  const stats = new AccountStats(db, total);
  const counted = await Promise.all(groups.map((g) => countGroup(db, whereSql(filters, { omit: g.omit }), g.dims, small, stats)));

  const flags = {} as AccountFacets["flags"];
  const estimatedFlags: AccountFlagDimension[] = [];
  const out: AccountFacets = { flags, portfolio: [], assignee: [] };
  counted.forEach((c, i) => {
    for (const d of groups[i]!.dims) {
      if (isFlag(d)) {
        flags[d] = c.flags[d] ?? 0;
        if (c.estimated) estimatedFlags.push(d);
      } else out[d] = c[d] ?? [];
    }
  });
  const ordered = ACCOUNT_FLAG_DIMENSIONS.filter((d) => estimatedFlags.includes(d));
  if (ordered.length) out.estimatedFlags = ordered;
  return out;
}

async function countGroup(db: Db, where: Prisma.Sql, dims: AccountFacetDimension[], isSmall: Promise<boolean>, stats: AccountStats) {
  const [small, plan] = await Promise.all([
    isSmall,
    explainPlan(db, Prisma.sql`SELECT a.id FROM crm_accounts a WHERE ${where} LIMIT ${FACET_EXACT_CAP + 1}`),
  ]);
  if (small) return (await exactCounts(db, where, dims, null))!;
  // The Limit node's child carries the estimate for the whole set.
  const setEstimate = Math.max(0, Math.round(plan.Plans?.[0]?.["Plan Rows"] ?? plan["Plan Rows"]));
  if (setEstimate <= TRY_EXACT_BELOW_ESTIMATE) {
    const exact = await exactCounts(db, where, dims, FACET_TIMEOUT_MS);
    if (exact) return exact;
  }
  return estimateCounts(db, where, dims, setEstimate, stats);
}

interface CountRow {
  dim: string;
  v: string | null;
  label: string | null;
  n: number;
  ord: number;
}

/**
 * One pass over the set (at most FACET_EXACT_CAP + 1 rows unless `timeoutMs` is null: a small table):
 * every dimension's counts from the same rows. Null when the set is bigger than the cap or the pass ran
 * out of time: its counts would be partial.
 */
async function exactCounts(db: Db, where: Prisma.Sql, dims: AccountFacetDimension[], timeoutMs: number | null) {
  const flagDims = dims.filter(isFlag);
  const column = (d: AccountFlagDimension) => ident(`f_${ACCOUNT_FLAG_DIMENSIONS.indexOf(d)}`);
  const columns = list([
    Prisma.sql`a.portfolios`,
    Prisma.sql`a.assignee_id`,
    ...flagDims.map((d) => Prisma.sql`${flagSql(d)} AS ${column(d)}`),
  ]);
  const limit = timeoutMs === null ? Prisma.empty : Prisma.sql`LIMIT ${FACET_EXACT_CAP + 1}`;
  const parts: Prisma.Sql[] = [
    Prisma.sql`SELECT 'rows'::text AS dim, NULL::text AS v, NULL::text AS label, count(*)::int AS n, 0::int AS ord FROM s`,
    ...flagDims.map((d) => Prisma.sql`SELECT ${d}::text, NULL, NULL, (count(*) FILTER (WHERE s.${column(d)}))::int, 0 FROM s`),
  ];
  if (dims.includes("portfolio"))
    parts.push(Prisma.sql`SELECT 'portfolio', p, p, count(*)::int, (row_number() OVER (ORDER BY count(*) DESC, p))::int
      FROM s, unnest(s.portfolios) p GROUP BY p`);
  if (dims.includes("assignee"))
    parts.push(Prisma.sql`SELECT 'assignee', s.assignee_id, max(u.name), count(*)::int,
             (row_number() OVER (ORDER BY count(*) DESC, s.assignee_id NULLS FIRST))::int
      FROM s LEFT JOIN users u ON u.id = s.assignee_id GROUP BY s.assignee_id`);
  const sql = Prisma.sql`WITH s AS MATERIALIZED (SELECT ${columns} FROM crm_accounts a WHERE ${where} ${limit})
    ${list(parts, " UNION ALL ")}`;

  let rows: CountRow[];
  if (timeoutMs === null) rows = await db.$queryRaw<CountRow[]>(sql);
  else {
    try {
      rows = await db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT set_config('statement_timeout', ${String(timeoutMs)}, true)`;
        return tx.$queryRaw<CountRow[]>(sql);
      });
    } catch (error) {
      if (isStatementTimeout(error)) return null;
      throw error;
    }
    if ((rows.find((r) => r.dim === "rows")?.n ?? 0) > FACET_EXACT_CAP) return null;
  }
  const out: GroupCounts = { flags: {}, estimated: false };
  for (const d of flagDims) out.flags[d] = rows.find((r) => r.dim === d)?.n ?? 0;
  const options = (dim: string, toOption: (r: CountRow) => AccountFacetOption) =>
    rows
      .filter((r) => r.dim === dim && r.ord <= MAX_FACET_OPTIONS)
      .sort((a, b) => a.ord - b.ord)
      .map(toOption);
  if (dims.includes("portfolio")) out.portfolio = options("portfolio", (r) => ({ value: r.v!, label: r.v!, count: r.n }));
  if (dims.includes("assignee"))
    out.assignee = options("assignee", (r) => ({
      value: r.v ?? UNASSIGNED,
      label: r.v ? (r.label ?? r.v) : "Unassigned",
      count: r.n,
    }));
  return out;
}

/** The planner's numbers for a big set: no rows read. */
async function estimateCounts(
  db: Db,
  where: Prisma.Sql,
  dims: AccountFacetDimension[],
  setEstimate: number,
  stats: AccountStats,
): Promise<GroupCounts> {
  const out: GroupCounts = { flags: {}, estimated: true };
  const flagDims = dims.filter(isFlag);
  // One EXPLAIN per flag (well under a millisecond of planning each), side by side with the value statistics.
  const flagEstimates = async () => {
    const rows = await Promise.all(
      flagDims.map((d) => explainRows(db, Prisma.sql`SELECT 1 FROM crm_accounts a WHERE ${flagSql(d)} AND ${where}`)),
    );
    flagDims.forEach((d, k) => {
      out.flags[d] = rows[k]!;
    });
  };
  const [, portfolio, assignee] = await Promise.all([
    flagEstimates(),
    dims.includes("portfolio") ? stats.portfolios() : null,
    dims.includes("assignee") ? stats.assignees() : null,
  ]);
  const byCount = (a: AccountFacetOption & { key: string }, b: AccountFacetOption & { key: string }) =>
    b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const finish = (options: (AccountFacetOption & { key: string })[]) =>
    options
      .sort(byCount)
      .slice(0, MAX_FACET_OPTIONS)
      .map(({ key: _key, ...o }) => o);
  if (portfolio)
    out.portfolio = finish(
      portfolio.map((p) => ({ key: p.value, value: p.value, label: p.value, count: Math.round(setEstimate * p.freq), estimated: true })),
    );
  if (assignee)
    out.assignee = finish(
      assignee.map((a) => ({
        // Unassigned sorts first among equals, as NULLS FIRST does in the exact count.
        key: a.value === null ? "" : `_${a.value}`,
        value: a.value ?? UNASSIGNED,
        label: a.value ? (a.label ?? a.value) : "Unassigned",
        count: Math.round(setEstimate * a.freq),
        estimated: true,
      })),
    );
  return out;
}

interface PlanNode {
  "Plan Rows": number;
  "Total Cost": number;
  Plans?: PlanNode[];
}

async function explainPlan(db: Db, query: Prisma.Sql): Promise<PlanNode> {
  const rows = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${query}`);
  return rows[0]?.["QUERY PLAN"][0]?.Plan ?? { "Plan Rows": 0, "Total Cost": 0 };
}

async function explainRows(db: Db, query: Prisma.Sql): Promise<number> {
  return Math.max(0, Math.round((await explainPlan(db, query))["Plan Rows"]));
}

/** The planner's idea of how many accounts there are (pg_class, as the planner scales it): free to read. */
async function accountRowEstimate(db: Db): Promise<number> {
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT (CASE WHEN c.reltuples > 0 AND c.relpages > 0 THEN c.reltuples / c.relpages ELSE 4 END
            * (pg_relation_size(c.oid) / current_setting('block_size')::int))::float8 AS n
      FROM pg_class c WHERE c.oid = 'crm_accounts'::regclass`;
  return rows[0]?.n ?? 0;
}

interface ValueFrequency {
  value: string | null;
  label?: string | null;
  /** Share of the accounts with it. */
  freq: number;
}

/**
 * The values a big set's portfolio and assignee options offer, each with its share of all accounts as
 * the planner sees it (pg_stats of crm_accounts): the portfolios' most common elements (and any other
 * portfolio a debt has), the assignees found by a loose index scan (one probe per distinct owner) and the
 * unassigned share. Read once per facets request.
 */
class AccountStats {
  private loaded: Promise<StatsRow[]> | null = null;
  constructor(
    private readonly db: Db,
    private readonly total: Promise<number>,
  ) {}

  private rows(): Promise<StatsRow[]> {
    this.loaded ??= this.db.$queryRaw<StatsRow[]>`
      SELECT attname, null_frac::float8 AS null_frac, n_distinct::float8 AS n_distinct,
             most_common_vals::text AS vals, most_common_freqs::float8[] AS freqs,
             most_common_elems::text AS elems, most_common_elem_freqs::float8[] AS elem_freqs
        FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'crm_accounts' AND attname IN ('portfolios', 'assignee_id')`;
    return this.loaded;
  }

  async portfolios(): Promise<{ value: string; freq: number }[]> {
    const [rows, others] = await Promise.all([
      this.rows(),
      this.db.$queryRaw<{ v: string }[]>`
        WITH RECURSIVE t(v) AS (
          (SELECT portfolio FROM crm_debts WHERE portfolio IS NOT NULL ORDER BY portfolio LIMIT 1)
          UNION ALL
          SELECT (SELECT portfolio FROM crm_debts WHERE portfolio > t.v ORDER BY portfolio LIMIT 1) FROM t WHERE t.v IS NOT NULL
        )
        SELECT v FROM t WHERE v IS NOT NULL LIMIT ${MAX_FACET_OPTIONS}`,
    ]);
    const r = rows.find((x) => x.attname === "portfolios");
    const elems = parsePgTextArray(r?.elems ?? null);
    const freqs = r?.elem_freqs ?? [];
    // After the elements' own frequencies: the minimum, the maximum, the null-element frequency.
    const rare = (freqs[elems.length] ?? 0) / 2;
    const out = new Map<string, number>(elems.map((e, i) => [e, freqs[i] ?? 0]));
    for (const { v } of others) if (!out.has(v)) out.set(v, rare);
    return [...out].map(([value, freq]) => ({ value, freq }));
  }

  async assignees(): Promise<ValueFrequency[]> {
    const [rows, owners] = await Promise.all([
      this.rows(),
      this.db.$queryRaw<{ v: string; name: string | null }[]>`
        WITH RECURSIVE t(v) AS (
          (SELECT assignee_id FROM crm_accounts WHERE assignee_id IS NOT NULL ORDER BY assignee_id LIMIT 1)
          UNION ALL
          SELECT (SELECT assignee_id FROM crm_accounts WHERE assignee_id > t.v ORDER BY assignee_id LIMIT 1) FROM t WHERE t.v IS NOT NULL
        )
        SELECT t.v, u.name FROM (SELECT v FROM t WHERE v IS NOT NULL LIMIT ${MAX_FACET_OPTIONS}) t LEFT JOIN users u ON u.id = t.v`,
    ]);
    const r = rows.find((x) => x.attname === "assignee_id");
    const vals = parsePgTextArray(r?.vals ?? null);
    const freqs = r?.freqs ?? [];
    const common = new Map(vals.map((v, i) => [v, freqs[i] ?? 0]));
    const nullFrac = r?.null_frac ?? (owners.length ? 0 : 1);
    const distinct = r ? (r.n_distinct < 0 ? -r.n_distinct * (await this.total) : r.n_distinct) : owners.length;
    const rest = Math.max(0, 1 - nullFrac - freqs.reduce((a, b) => a + b, 0));
    const others = Math.max(1, distinct - vals.length);
    const out: ValueFrequency[] = owners.map((o) => ({ value: o.v, label: o.name, freq: common.get(o.v) ?? rest / others }));
    if (nullFrac > 0) out.push({ value: null, freq: nullFrac });
    return out;
  }
}

interface StatsRow {
  attname: string;
  null_frac: number;
  n_distinct: number;
  vals: string | null;
  freqs: number[] | null;
  elems: string | null;
  elem_freqs: number[] | null;
}
