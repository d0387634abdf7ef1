import "server-only";
import type { Pool } from "pg";
import { compareOutcomes, OUTCOMES, SENTIMENTS, sentimentInfo, STATUS_VALUES } from "./catalogue";
import { explainRows, isSmallTable, withStatementTimeout } from "./count";
import { buildCallsWhere, SqlParams, type CallFilters, type FilterDimension } from "./filters";

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
 *   at most FACET_EXACT_CAP rows, under a statement timeout), otherwise the
 *   planner's per-option row estimates (EXPLAIN, no rows read), flagged as
 *   estimates so the UI writes "≈".
 */
export const FACET_EXACT_CAP = 20_000;
const FACET_TIMEOUT_MS = 60;
const MAX_FACET_VALUES = 60;

export type FacetDimension = "outcome" | "sentiment" | "project" | "deliveryStatus" | "providerStatus";

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

const COLUMN: Record<FacetDimension, string> = {
  outcome: "call_output",
  sentiment: "sentiment_output",
  project: "project_id",
  deliveryStatus: "delivery_status",
  providerStatus: "provider_status",
};

/** Dimensions with a btree index led by their column (loose index scan for distinct values). */
const INDEXED: ReadonlySet<FacetDimension> = new Set(["outcome", "sentiment", "project"]);

export async function computeFacets(pool: Pool, filters: CallFilters): Promise<CallFacets> {
  const dims: FacetDimension[] = ["outcome", "sentiment", "project", "deliveryStatus", "providerStatus"];
  const small = await isSmallTable(pool);
  const results = await Promise.all(dims.map((d) => facet(pool, filters, d, small)));
  return Object.fromEntries(dims.map((d, i) => [d, results[i]!])) as CallFacets;
}

async function facet(pool: Pool, filters: CallFilters, dim: FacetDimension, small: boolean): Promise<Facet> {
  const column = COLUMN[dim];
  const omit: FilterDimension[] = [dim];
  const values = await facetValues(pool, dim, filters);

  const params = new SqlParams();
  const where = buildCallsWhere(filters, params, { omit });
  const setEstimate = small ? 0 : await explainRows(pool, `SELECT 1 FROM calls c WHERE ${where}`, params.values);

  if (small || setEstimate <= 4 * FACET_EXACT_CAP) {
    const count = async (client: Pick<Pool, "query">) => {
      const { rows } = await client.query<{ v: string | null; n: number }>(
        `SELECT s.v, count(*)::int AS n
         FROM (SELECT c.${column} AS v FROM calls c WHERE ${where} ${small ? "" : `LIMIT ${FACET_EXACT_CAP + 1}`}) s GROUP BY s.v`,
        params.values,
      );
      return rows;
    };
    const exact = small ? await count(pool) : await withStatementTimeout(pool, FACET_TIMEOUT_MS, count);
    // Reaching the cap means the set is bigger than we were willing to read: the counts would be partial.
    if (exact && (small || exact.reduce((sum, r) => sum + r.n, 0) <= FACET_EXACT_CAP)) {
      const counts = new Map(exact.filter((r) => r.v !== null).map((r) => [r.v as string, r.n]));
      for (const v of counts.keys()) if (!values.includes(v)) values.push(v);
      return { options: sortOptions(dim, values.map((value) => ({ value, count: counts.get(value) ?? 0 }))), estimated: false };
    }
  }

  const estimates = await Promise.all(
    values.map(async (value) => {
      const p = new SqlParams();
      const w = buildCallsWhere(filters, p, { omit });
      const n = await explainRows(pool, `SELECT 1 FROM calls c WHERE c.${column} = ${p.add(value)} AND ${w}`, p.values);
      return { value, count: n };
    }),
  );
  return { options: sortOptions(dim, estimates), estimated: true };
}

/** The values an option list offers: the catalogue's, the table's, and whatever is selected now. */
async function facetValues(pool: Pool, dim: FacetDimension, filters: CallFilters): Promise<string[]> {
  const values = new Set<string>();
  if (dim === "outcome") OUTCOMES.forEach((o) => values.add(o.value));
  if (dim === "sentiment") SENTIMENTS.forEach((s) => values.add(s.value));
  if (dim === "deliveryStatus" || dim === "providerStatus") STATUS_VALUES.forEach((s) => values.add(s));
  const selected = filters[dim];
  for (const v of Array.isArray(selected) ? selected : selected ? [selected] : []) values.add(v);

  const column = COLUMN[dim];
  if (INDEXED.has(dim)) {
    // Loose index scan: jump from one distinct value to the next through the btree.
    const { rows } = await pool.query<{ v: string }>(
      `WITH RECURSIVE t(v) AS (
         (SELECT ${column} FROM calls WHERE ${column} IS NOT NULL ORDER BY ${column} LIMIT 1)
         UNION ALL
         SELECT (SELECT ${column} FROM calls WHERE ${column} > t.v ORDER BY ${column} LIMIT 1) FROM t WHERE t.v IS NOT NULL
       )
       SELECT v FROM t WHERE v IS NOT NULL LIMIT ${MAX_FACET_VALUES}`,
    );
    rows.forEach((r) => values.add(r.v));
  } else {
    // No index on the status columns: the planner's statistics list their common values.
    const { rows } = await pool.query<{ vals: string | null }>(
      `SELECT most_common_vals::text AS vals FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'calls' AND attname = $1`,
      [column],
    );
    for (const v of parsePgTextArray(rows[0]?.vals ?? null)) values.add(v);
  }
  return [...values].slice(0, MAX_FACET_VALUES);
}

function sortOptions(dim: FacetDimension, options: FacetOption[]): FacetOption[] {
  if (dim === "outcome") return options.sort((a, b) => compareOutcomes(a.value, b.value));
  if (dim === "sentiment") return options.sort((a, b) => sentimentInfo(a.value).order - sentimentInfo(b.value).order || a.value.localeCompare(b.value));
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
