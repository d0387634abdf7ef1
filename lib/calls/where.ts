import { ident, Prisma } from "@/lib/db/sql";
import { CALL_FILTERS, FILTER_DIMENSIONS, type FilterDimension } from "./filter-table";
import type { CallFilters } from "./filters";

/**
 * The SQL `WHERE` that CallFilters mean. The calls page, GET /api/calls, the
 * CSV export, the analytics drill-down and the benchmark all go through
 * `buildCallsWhere`, so "the calls matching this filter" means the same rows
 * everywhere.
 */

/** The text-search query every full-text condition uses (websearch syntax never throws on user input). */
export function tsQuerySql(search: string): Prisma.Sql {
  return Prisma.sql`websearch_to_tsquery('english', ${search})`;
}

/**
 * The condition one filter descriptor (lib/calls/filter-table.ts) means for
 * `value`, over the calls table aliased `alias`. The table is plain data (the
 * browser reads its labels), so its kinds are turned into SQL here.
 */
export function filterCondition(dimension: FilterDimension, value: unknown, alias: string): Prisma.Sql {
  const spec: { kind: string; column?: string; op?: string; verdict?: boolean } = CALL_FILTERS[dimension];
  if (spec.verdict) return verdictCondition(alias, spec, value);
  if (spec.kind === "search") return Prisma.sql`${ident(alias, "search_vector")} @@ ${tsQuerySql(value as string)}`;
  const column = ident(alias, spec.column!);
  switch (spec.kind) {
    case "multi": {
      const values = value as string[];
      return values.length === 1 ? Prisma.sql`${column} = ${values[0]}` : Prisma.sql`${column} = ANY(${values}::text[])`;
    }
    case "boolean":
      return value ? Prisma.sql`${column} IS NOT NULL` : Prisma.sql`${column} IS NULL`;
    case "single":
      return Prisma.sql`${column} = ${value}`;
    default:
      return Prisma.sql`${column} ${OPERATORS[spec.op as keyof typeof OPERATORS]} ${value}`;
  }
}

const OPERATORS = { ">=": Prisma.raw(">="), "<": Prisma.raw("<"), "<=": Prisma.raw("<=") } as const;

/**
 * The `WHERE` conditions for `filters` over the `calls` table (aliased
 * `alias`), values bound as parameters. `TRUE` when nothing narrows.
 * `omit` leaves dimensions out (facet counts ignore their own dimension).
 * Every condition is sargable against the calls indexes: equality / ANY on the
 * indexed text columns, ranges on received_at and duration, `@@` on the GIN
 * search_vector.
 */
export function buildCallsWhere(filters: CallFilters, options: { alias?: string; omit?: readonly FilterDimension[] } = {}): Prisma.Sql {
  const alias = options.alias ?? "c";
  const omit = new Set(options.omit ?? []);
  const clauses: Prisma.Sql[] = [];
  for (const dimension of FILTER_DIMENSIONS) {
    if (omit.has(dimension)) continue;
    const value: unknown = filters[dimension];
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    clauses.push(filterCondition(dimension, value, alias));
  }
  return clauses.length ? Prisma.join(clauses, " AND ") : Prisma.sql`TRUE`;
}

/** True when `where` narrows nothing (buildCallsWhere's `TRUE`). */
export function isTrue(where: Prisma.Sql): boolean {
  return where.values.length === 0 && where.text === "TRUE";
}

/**
 * A filter on the call's verdict (call_verdicts, one row per call at most,
 * few rows): a boolean tests that a verdict with the column set exists; a
 * multi filter means COALESCE(verdict value, AI value), written so each arm
 * stays a primary-key probe or an indexed column test.
 */
function verdictCondition(alias: string, spec: { kind: string; column?: string }, value: unknown): Prisma.Sql {
  const id = ident(alias, "id");
  const probe = (condition: Prisma.Sql) => Prisma.sql`EXISTS (SELECT 1 FROM call_verdicts v WHERE v.call_id = ${id} AND ${condition})`;
  if (spec.kind === "boolean") {
    const exists = probe(spec.column === "corrected" ? Prisma.sql`v.corrected` : Prisma.sql`TRUE`);
    return value ? exists : Prisma.sql`NOT ${exists}`;
  }
  const values = value as string[];
  const human = ident("v", spec.column === "outcome" ? "outcome" : "sentiment");
  const ai = ident(alias, spec.column === "outcome" ? "call_output" : "sentiment_output");
  return Prisma.sql`(${probe(Prisma.sql`${human} = ANY(${values}::text[])`)} OR (${ai} = ANY(${values}::text[]) AND NOT ${probe(Prisma.sql`${human} IS NOT NULL`)}))`;
}
