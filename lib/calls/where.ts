import type { SqlParams } from "@/lib/db/sql-params";
import type { CallFilters, FilterDimension } from "./filters";

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
  const anyOf = (column: string, values: string[]) => {
    if (values.length === 1) clauses.push(`${a}.${column} = ${params.add(values[0])}`);
    else clauses.push(`${a}.${column} = ANY(${params.add(values)}::text[])`);
  };

  if (filters.outcome.length && !omit.has("outcome")) anyOf("call_output", filters.outcome);
  if (filters.sentiment.length && !omit.has("sentiment")) anyOf("sentiment_output", filters.sentiment);
  if (filters.project.length && !omit.has("project")) anyOf("project_id", filters.project);
  if (filters.q && !omit.has("q")) clauses.push(`${a}.search_vector @@ ${tsQuerySql(params.add(filters.q))}`);
  if (filters.from && !omit.has("from")) clauses.push(`${a}.received_at >= ${params.add(filters.from)}`);
  if (filters.to && !omit.has("to")) clauses.push(`${a}.received_at < ${params.add(filters.to)}`);
  if (filters.deliveryStatus && !omit.has("deliveryStatus")) clauses.push(`${a}.delivery_status = ${params.add(filters.deliveryStatus)}`);
  if (filters.providerStatus && !omit.has("providerStatus")) clauses.push(`${a}.provider_status = ${params.add(filters.providerStatus)}`);
  if (filters.durationMin !== null && !omit.has("durationMin")) clauses.push(`${a}.duration >= ${params.add(filters.durationMin)}`);
  if (filters.durationMax !== null && !omit.has("durationMax")) clauses.push(`${a}.duration <= ${params.add(filters.durationMax)}`);
  if (filters.hasRecording !== null && !omit.has("hasRecording")) {
    clauses.push(filters.hasRecording ? `${a}.recording_url IS NOT NULL` : `${a}.recording_url IS NULL`);
  }
  return clauses.length ? clauses.join(" AND ") : "TRUE";
}
