import type { SqlParams } from "@/lib/db/sql-params";
import { CALL_FILTERS, FILTER_DIMENSIONS, type FilterDimension } from "./filter-table";
import type { CallFilters } from "./filters";

/**
 * The SQL `WHERE` that CallFilters mean. The calls page, GET /api/calls, the
 * CSV export, the analytics drill-down and the benchmark all go through
 * `buildCallsWhere`, so "the calls matching this filter" means the same rows
 * everywhere.
 */

/** The text-search query every full-text condition uses (websearch syntax never throws on user input). */
export function tsQuerySql(placeholder: string): string {
  return `websearch_to_tsquery('english', ${placeholder})`;
}

/**
 * The `WHERE` conditions for `filters` over the `calls` table (aliased
 * `alias`), parameterised into `params`. Returns `TRUE` when nothing narrows.
 * `omit` leaves dimensions out (facet counts ignore their own dimension).
 * Every condition is sargable against the calls indexes: equality / ANY on the
 * indexed text columns, ranges on received_at and duration, `@@` on the GIN
 * search_vector.
 */
export function buildCallsWhere(
  filters: CallFilters,
  params: SqlParams,
  options: { alias?: string; omit?: readonly FilterDimension[] } = {},
): string {
  const a = options.alias ?? "c";
  const omit = new Set(options.omit ?? []);
  const clauses: string[] = [];
  for (const dimension of FILTER_DIMENSIONS) {
    if (omit.has(dimension)) continue;
    const value: unknown = filters[dimension];
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    const spec: { kind: string; column?: string; op?: string } = CALL_FILTERS[dimension];
    const column = `${a}.${spec.column}`;
    switch (spec.kind) {
      case "search":
        clauses.push(`${a}.search_vector @@ ${tsQuerySql(params.add(value))}`);
        break;
      case "multi": {
        const values = value as string[];
        clauses.push(values.length === 1 ? `${column} = ${params.add(values[0])}` : `${column} = ANY(${params.add(values)}::text[])`);
        break;
      }
      case "boolean":
        clauses.push(value ? `${column} IS NOT NULL` : `${column} IS NULL`);
        break;
      case "single":
        clauses.push(`${column} = ${params.add(value)}`);
        break;
      default:
        clauses.push(`${column} ${spec.op} ${params.add(value)}`);
    }
  }
  return clauses.length ? clauses.join(" AND ") : "TRUE";
}
