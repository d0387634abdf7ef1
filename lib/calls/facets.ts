import "server-only";
import { type Db, ident, list, Prisma, queryRows, withStatementTimeout } from "@/lib/db/sql";
import { compareOutcomes, OUTCOMES, SENTIMENTS, STATUS_VALUES, sentimentInfo } from "./catalogue";
import { explainPlan, isSmallTable } from "./count";
import { FACET_DIMENSIONS, type FacetDimension, filterColumn } from "./filter-table";
import { activeDimensions, type CallFilters } from "./filters";
import { buildCallsWhere } from "./where";

/**
 * Counts beside each filter option ("Payment promise 1,204"). Standard facet
 * semantics: an option's count applies every other active filter but not the
 * facet's own, so it says what ticking that option would add.
 *
 * Bounded at any table size, in its own request (the page renders the toolbar
 * counts in a separate <Suspense>, so they never hold up the list):
 * - option values: the catalogue's, plus what the table holds (a loose index
 *   scan over the facet's btree index: one index probe per distinct value);
 * - counts: exact when the facet's filtered set is small (a grouped count over
 *   at most FACET_EXACT_CAP rows, under a statement timeout), otherwise
 *   estimates the way the planner makes them — the set's estimated size
 *   (one EXPLAIN) × each value's frequency in pg_stats — flagged so the UI
 *   writes "≈". No rows are read for a big set.
 */
export const FACET_EXACT_CAP = 20_000;
const FACET_TIMEOUT_MS = 60;
/**
 * Planner cost above which exact counting is not tried. At 1M rows a rare search's few dozen matches
 * price ~9,000 (the planner over-estimates rare terms); 7,000 scattered heap rows ~28,000 (tens of ms).
 */
const FACET_EXACT_MAX_COST = 20_000;
const MAX_FACET_VALUES = 60;

export type { FacetDimension };

export interface FacetOption {
  value: string;
  count: number;
}

export interface Facet {
  options: FacetOption[];
  /** True when the counts are planner estimates rather than exact counts. */
  estimated: boolean;
}

export type CallFacets = Record<FacetDimension, Facet>;

const COLUMN = Object.fromEntries(FACET_DIMENSIONS.map((d) => [d, filterColumn(d)])) as Record<FacetDimension, string>;

/** Dimensions with a btree index led by their column (loose index scan for distinct values). */
const INDEXED: ReadonlySet<FacetDimension> = new Set(["outcome", "sentiment", "project"]);

export async function computeFacets(db: Db, filters: CallFilters): Promise<CallFacets> {
  const small = await isSmallTable(db);
  const stats = new ColumnStats(db);
  // A facet counts the set "every filter but its own". For the dimensions with no active filter that
  // is one and the same set, so they share one pass; each filtered dimension needs its own.
  const active = new Set(activeDimensions(filters));
  const shared = DIMENSIONS.filter((d) => !active.has(d));
  const groups: { omit: FacetDimension | null; dims: FacetDimension[] }[] = [
    ...(shared.length ? [{ omit: null, dims: shared }] : []),
    ...DIMENSIONS.filter((d) => active.has(d)).map((d) => ({ omit: d, dims: [d] })),
  ];
  const [values, counted] = await Promise.all([
    Promise.all(DIMENSIONS.map((d) => facetValues(db, d, filters))),
    Promise.all(groups.map((g) => countGroup(db, filters, g.omit, g.dims, small, stats))),
  ]);
  const out = {} as CallFacets;
  DIMENSIONS.forEach((dim, i) => {
    const { count, seen, estimated } = counted.find((_c, gi) => groups[gi]!.dims.includes(dim))!.get(dim)!;
    const offered = values[i]!;
    for (const v of seen) if (!offered.includes(v)) offered.push(v);
    out[dim] = {
      options: sortOptions(
        dim,
        offered.map((value) => ({ value, count: count(value) })),
      ),
      estimated,
    };
  });
  return out;
}

const DIMENSIONS = FACET_DIMENSIONS;

/** Per dimension: a count for any value, the values seen while counting exactly, and whether these are estimates. */
type Counted = Map<FacetDimension, { count: (value: string) => number; seen: string[]; estimated: boolean }>;

/** Counts per value of `dims` over the calls matching every filter but `omit`: exact when small, else estimated. */
async function countGroup(
  db: Db,
  filters: CallFilters,
  omit: FacetDimension | null,
  dims: FacetDimension[],
  small: boolean,
  stats: ColumnStats,
): Promise<Counted> {
  const where = buildCallsWhere(filters, { omit: omit ? [omit] : [] });
  const columns = list(dims.map((d) => Prisma.sql`${ident("c", COLUMN[d])} AS ${ident(COLUMN[d])}`));
  const capped = Prisma.sql`SELECT ${columns} FROM calls c WHERE ${where} ${small ? Prisma.empty : Prisma.sql`LIMIT ${FACET_EXACT_CAP + 1}`}`;
  // One EXPLAIN of reading the capped set as the count would: the Limit's child estimates the whole set,
  // the Limit prices the read (heap pages included, since the facet columns are not in the indexes).
  const plan = small ? null : await explainPlan(db, capped);
  const setEstimate = plan ? Math.max(0, Math.round(plan.Plans?.[0]?.["Plan Rows"] ?? plan["Plan Rows"])) : 0;
  const out: Counted = new Map();

  if (small || (setEstimate <= FACET_EXACT_CAP && plan!["Total Cost"] <= FACET_EXACT_MAX_COST)) {
    const perDim = list(
      dims.map(
        (d) => Prisma.sql`SELECT ${d}::text AS dim, ${ident(COLUMN[d])} AS v, count(*)::int AS n FROM s GROUP BY ${ident(COLUMN[d])}`,
      ),
      " UNION ALL ",
    );
    const sql = Prisma.sql`WITH s AS MATERIALIZED (${capped}) ${perDim}`;
    const run = (tx: Db) => queryRows<{ dim: FacetDimension; v: string | null; n: number }>(sql, tx);
    const rows = small ? await run(db) : await withStatementTimeout(FACET_TIMEOUT_MS, run);
    const setSize = rows?.filter((r) => r.dim === dims[0]).reduce((sum, r) => sum + r.n, 0) ?? Infinity;
    // Reaching the cap means the set is bigger than we were willing to read: the counts would be partial.
    if (rows && (small || setSize <= FACET_EXACT_CAP)) {
      for (const d of dims) {
        const counts = new Map(rows.filter((r) => r.dim === d && r.v !== null).map((r) => [r.v as string, r.n]));
        out.set(d, { count: (v) => counts.get(v) ?? 0, seen: [...counts.keys()], estimated: false });
      }
      return out;
    }
  }

  // A big set: the planner's own arithmetic — rows of the set × each value's frequency in pg_stats —
  // done here once per option instead of an EXPLAIN each.
  for (const d of dims) {
    const freq = await stats.get(COLUMN[d]);
    out.set(d, { count: (v) => Math.round(setEstimate * freq(v)), seen: [], estimated: true });
  }
  return out;
}

type Frequency = (value: string) => number;

/** Per-column value frequencies from pg_stats (one read per facets request, shared by the dimensions). */
class ColumnStats {
  private loaded: Promise<Map<string, Frequency>> | null = null;
  constructor(private readonly db: Db) {}

  async get(column: string): Promise<Frequency> {
    this.loaded ??= this.load();
    return (await this.loaded).get(column) ?? (() => 0);
  }

  private async load(): Promise<Map<string, Frequency>> {
    const rows = await queryRows<{ attname: string; null_frac: number; n_distinct: number; vals: string | null; freqs: number[] | null }>(
      Prisma.sql`SELECT attname, null_frac, n_distinct, most_common_vals::text AS vals, most_common_freqs::float8[] AS freqs
       FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'calls' AND attname = ANY(${Object.values(COLUMN)}::text[])`,
      this.db,
    );
    const total = await this.tableRows();
    const out = new Map<string, Frequency>();
    for (const r of rows) {
      const vals = parsePgTextArray(r.vals);
      const freqs = r.freqs ?? [];
      const common = new Map(vals.map((v, i) => [v, freqs[i] ?? 0]));
      const distinct = r.n_distinct < 0 ? -r.n_distinct * total : r.n_distinct;
      const rest = Math.max(0, 1 - r.null_frac - freqs.reduce((a, b) => a + b, 0));
      const others = Math.max(1, distinct - vals.length);
      out.set(r.attname, (value) => common.get(value) ?? rest / others);
    }
    return out;
  }

  private async tableRows(): Promise<number> {
    const rows = await queryRows<{ n: number }>(
      Prisma.sql`SELECT GREATEST(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'calls'::regclass`,
      this.db,
    );
    return rows[0]?.n ?? 0;
  }
}

/** The values an option list offers: the catalogue's, the table's, and whatever is selected now. */
async function facetValues(db: Db, dim: FacetDimension, filters: CallFilters): Promise<string[]> {
  const values = new Set<string>();
  if (dim === "outcome") {
    OUTCOMES.forEach((o) => {
      values.add(o.value);
    });
  }
  if (dim === "sentiment") {
    SENTIMENTS.forEach((s) => {
      values.add(s.value);
    });
  }
  if (dim === "deliveryStatus" || dim === "providerStatus") {
    STATUS_VALUES.forEach((s) => {
      values.add(s);
    });
  }
  const selected = filters[dim];
  for (const v of Array.isArray(selected) ? selected : selected ? [selected] : []) values.add(v);

  if (INDEXED.has(dim)) {
    const column = ident(COLUMN[dim]);
    // Loose index scan: jump from one distinct value to the next through the btree.
    const rows = await queryRows<{ v: string }>(
      Prisma.sql`WITH RECURSIVE t(v) AS (
         (SELECT ${column} FROM calls WHERE ${column} IS NOT NULL ORDER BY ${column} LIMIT 1)
         UNION ALL
         SELECT (SELECT ${column} FROM calls WHERE ${column} > t.v ORDER BY ${column} LIMIT 1) FROM t WHERE t.v IS NOT NULL
       )
       SELECT v FROM t WHERE v IS NOT NULL LIMIT ${MAX_FACET_VALUES}`,
      db,
    );
    rows.forEach((r) => {
      values.add(r.v);
    });
  } else {
    // No index on the status columns: the planner's statistics list their common values.
    const rows = await queryRows<{ vals: string | null }>(
      Prisma.sql`SELECT most_common_vals::text AS vals FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'calls' AND attname = ${COLUMN[dim]}`,
      db,
    );
    for (const v of parsePgTextArray(rows[0]?.vals ?? null)) values.add(v);
  }
  return [...values].slice(0, MAX_FACET_VALUES);
}

function sortOptions(dim: FacetDimension, options: FacetOption[]): FacetOption[] {
  if (dim === "outcome") return options.sort((a, b) => compareOutcomes(a.value, b.value));
  if (dim === "sentiment")
    return options.sort((a, b) => sentimentInfo(a.value).order - sentimentInfo(b.value).order || a.value.localeCompare(b.value));
  if (dim === "project") return options.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return options.sort((a, b) => a.value.localeCompare(b.value));
}

/** `{pass,fail,"with space"}` → ["pass", "fail", "with space"]. */
export function parsePgTextArray(text: string | null): string[] {
  if (!text || text.length < 2) return [];
  const out: string[] = [];
  const body = text.slice(1, -1);
  let i = 0;
  while (i < body.length) {
    if (body[i] === '"') {
      let value = "";
      i++;
      while (i < body.length && body[i] !== '"') {
        if (body[i] === "\\") i++;
        value += body[i] ?? "";
        i++;
      }
      out.push(value);
      i += 2;
    } else {
      const end = body.indexOf(",", i);
      const raw = end === -1 ? body.slice(i) : body.slice(i, end);
      if (raw !== "NULL") out.push(raw);
      i = end === -1 ? body.length : end + 1;
    }
  }
  return out;
}
