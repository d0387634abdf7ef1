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
    const spec: { kind: string; column?: string; op?: string; verdict?: boolean } = CALL_FILTERS[dimension];
    if (spec.verdict) {
      clauses.push(verdictCondition(a, spec, value, params));
      continue;
    }
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

/**
 * A filter on the call's verdict (call_verdicts, one row per call at most,
 * few rows): a boolean tests that a verdict with the column set exists; a
 * multi filter means COALESCE(verdict value, AI value), written so each arm
 * stays a primary-key probe or an indexed column test.
 */
function verdictCondition(a: string, spec: { kind: string; column?: string }, value: unknown, params: SqlParams): string {
  const probe = (condition: string) => `EXISTS (SELECT 1 FROM call_verdicts v WHERE v.call_id = ${a}.id AND ${condition})`;
  if (spec.kind === "boolean") {
    const exists = probe(spec.column === "corrected" ? "v.corrected" : "TRUE");
    return value ? exists : `NOT ${exists}`;
  }
  const values = params.add(value);
  const aiColumn = spec.column === "outcome" ? "call_output" : "sentiment_output";
  return `(${probe(`v.${spec.column} = ANY(${values}::text[])`)} OR (${a}.${aiColumn} = ANY(${values}::text[]) AND NOT ${probe(`v.${spec.column} IS NOT NULL`)}))`;
}
