import type pg from "pg";
import { type CapturedStatement, explainable } from "./sql-capture";

/**
 * EXPLAIN for the statements a production function sent (captured by
 * sql-capture.ts), the check that none of them reads the calls table with a
 * sequential scan, and a compact rendering of each plan for the report.
 */

export interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Alias?: string;
  "Parallel Aware"?: boolean;
  "Plan Rows"?: number;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Actual Total Time"?: number;
  "Index Cond"?: string;
  "Recheck Cond"?: string;
  Filter?: string;
  "Rows Removed by Filter"?: number;
  "Sort Key"?: string[];
  "Hash Cond"?: string;
  "Join Filter"?: string;
  "CTE Name"?: string;
  "Subplan Name"?: string;
  "Parent Relationship"?: string;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  Disabled?: boolean;
  Plans?: PlanNode[];
}

export interface StatementPlan {
  sql: string;
  /** Parameter values as sent (long strings shortened). */
  params: string[];
  /** Milliseconds, when EXPLAIN ANALYZE ran it. */
  executionMs: number | null;
  planningMs: number | null;
  /** One line per plan node, indented by depth. */
  lines: string[];
  /** Plan nodes that read `calls` sequentially ("Seq Scan on calls c"): the run fails. */
  seqScansOnCalls: string[];
  /** Unfiltered whole-table reads set aside by the small-table check (see classifySeqScans). */
  exemptSeqScans: string[];
  root: PlanNode;
}

/** Nodes that hand their input rows on one by one, so a Limit above them still stops the scan below early. */
const PASS_THROUGH = new Set(["Subquery Scan", "Result", "Gather", "Gather Merge"]);

/**
 * Every "Seq Scan" node over `table` in the tree (parallel ones included),
 * except a *bounded* one: a scan with no filter under a Limit (through
 * pass-through nodes only) reads exactly the rows the Limit lets through, the
 * same few at any table size (e.g. "count at most 10,001 rows" on a table
 * that small). A filtered scan under a Limit is never exempt: that is the
 * rare-term trap, reading the whole table to find a few matches.
 */
export function findSeqScans(node: PlanNode, table = "calls"): PlanNode[] {
  return classifySeqScans(node, { table, exemptUnfiltered: false }).flagged;
}

/**
 * As findSeqScans, also setting aside (`exempt`) the scans that read the
 * whole table with no predicate at all when `exemptUnfiltered` is set. That is
 * for small tables only (the index-paths check): below a few tens of thousands
 * of rows the list counts exactly by reading everything (lib/calls/count.ts),
 * which no index can or should serve; whether production still does that at a
 * million rows is what the planner check of the full-size run shows.
 */
export function classifySeqScans(
  node: PlanNode,
  options: { table?: string; exemptUnfiltered: boolean },
): { flagged: PlanNode[]; exempt: PlanNode[] } {
  const table = options.table ?? "calls";
  const found: PlanNode[] = [];
  const exempt: PlanNode[] = [];
  const visit = (n: PlanNode, boundedByLimit: boolean) => {
    if (n["Node Type"] === "Seq Scan" && n["Relation Name"] === table && !(boundedByLimit && !n.Filter)) {
      (options.exemptUnfiltered && !n.Filter ? exempt : found).push(n);
    }
    const passes = n["Node Type"] === "Limit" || (boundedByLimit && PASS_THROUGH.has(n["Node Type"]));
    n.Plans?.forEach((child) => {
      visit(child, passes && child["Parent Relationship"] !== "InitPlan" && child["Parent Relationship"] !== "SubPlan");
    });
  };
  visit(node, false);
  return { flagged: found, exempt };
}

function nodeLabel(n: PlanNode): string {
  let label = `${n["Parallel Aware"] ? "Parallel " : ""}${n["Node Type"]}`;
  if (n["Index Name"]) label += ` using ${n["Index Name"]}`;
  if (n["Relation Name"]) label += ` on ${n["Relation Name"]}${n.Alias && n.Alias !== n["Relation Name"] ? ` ${n.Alias}` : ""}`;
  if (n["CTE Name"]) label += ` (${n["CTE Name"]})`;
  if (n["Subplan Name"]) label = `${n["Subplan Name"]}: ${label}`;
  return label;
}

const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function renderPlan(root: PlanNode): string[] {
  const lines: string[] = [];
  const visit = (n: PlanNode, depth: number) => {
    const facts: string[] = [];
    if (n["Actual Rows"] !== undefined) {
      facts.push(`rows=${n["Actual Rows"]}${(n["Actual Loops"] ?? 1) > 1 ? `×${n["Actual Loops"]}` : ""}`);
      if (n["Actual Total Time"] !== undefined) facts.push(`${n["Actual Total Time"].toFixed(2)} ms`);
      const blocks = (n["Shared Hit Blocks"] ?? 0) + (n["Shared Read Blocks"] ?? 0);
      if (blocks) facts.push(`buffers=${blocks}`);
    } else if (n["Plan Rows"] !== undefined) facts.push(`est rows=${n["Plan Rows"]}`);
    if (n.Disabled) facts.push("DISABLED");
    const conditions = [
      n["Index Cond"] && `cond: ${n["Index Cond"]}`,
      n["Recheck Cond"] && !n["Index Cond"] && `recheck: ${n["Recheck Cond"]}`,
      n.Filter && `filter: ${n.Filter}${n["Rows Removed by Filter"] ? ` (removed ${n["Rows Removed by Filter"]})` : ""}`,
      n["Sort Key"] && `sort: ${n["Sort Key"].join(", ")}`,
      n["Hash Cond"] && `hash: ${n["Hash Cond"]}`,
    ].filter(Boolean) as string[];
    lines.push(
      `${"  ".repeat(depth)}-> ${nodeLabel(n)} [${facts.join(", ")}]${conditions.length ? ` ${clip(conditions.join("; "))}` : ""}`,
    );
    n.Plans?.forEach((child) => {
      visit(child, depth + 1);
    });
  };
  visit(root, 0);
  return lines;
}

function describeParam(value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : typeof value === "string" ? value : JSON.stringify(value);
  return clip(text ?? "null", 60);
}

export function oneLineSql(sql: string): string {
  return sql.replace(/\s+/g, " ").trim();
}

/**
 * EXPLAINs each explainable statement (deduplicated by text and parameters)
 * on `client`. With `analyze` the statement runs (reads only: every captured
 * statement that reaches here is a SELECT), giving actual rows and times.
 * `indexPathsOnly` turns sequential scans off for the EXPLAIN, for small
 * tables, where the planner rightly prefers reading a few pages in order:
 * a seq scan that still appears then has no index path at all (a missing index).
 */
export async function explainStatements(
  client: pg.ClientBase,
  statements: CapturedStatement[],
  options: { analyze: boolean; indexPathsOnly: boolean },
): Promise<StatementPlan[]> {
  const seen = new Set<string>();
  const plans: StatementPlan[] = [];
  for (const statement of statements.filter(explainable)) {
    const key = `${statement.text}\u0000${JSON.stringify(statement.values)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const explain = `EXPLAIN (FORMAT JSON${options.analyze ? ", ANALYZE, BUFFERS" : ""}) ${statement.text}`;
    await client.query("BEGIN");
    try {
      if (options.indexPathsOnly) await client.query("SET LOCAL enable_seqscan = off");
      const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode; "Execution Time"?: number; "Planning Time"?: number }] }>(
        explain,
        statement.values,
      );
      const top = rows[0]?.["QUERY PLAN"][0];
      if (!top) throw new Error(`EXPLAIN returned no plan for: ${oneLineSql(statement.text)}`);
      const seq = classifySeqScans(top.Plan, { exemptUnfiltered: options.indexPathsOnly });
      plans.push({
        sql: statement.text,
        params: statement.values.map(describeParam),
        executionMs: top["Execution Time"] ?? null,
        planningMs: top["Planning Time"] ?? null,
        lines: renderPlan(top.Plan),
        seqScansOnCalls: seq.flagged.map(nodeLabel),
        exemptSeqScans: seq.exempt.map(nodeLabel),
        root: top.Plan,
      });
    } finally {
      await client.query("ROLLBACK");
    }
  }
  return plans;
}
