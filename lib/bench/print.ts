import { oneLineSql } from "./plans";
import { type BenchReport, markdownTable, writeReport } from "./report";

/** Console output of a finished run: plans, the summary table, misses and failures. */

const SQL_PREVIEW = 600;

export function formatPlans(report: BenchReport): string {
  const out: string[] = [
    "",
    `EXPLAIN${report.options.explainAnalyze ? " ANALYZE" : ""} of every statement the production code sent ` +
      `(${report.planCheck === "planner" ? "the planner's own choices" : "sequential scans disabled: small table"}):`,
  ];
  let figure = "";
  for (const plan of report.plans) {
    if (plan.figure !== figure) {
      figure = plan.figure;
      out.push("", `── ${figure}`);
    }
    const sql = oneLineSql(plan.sql);
    out.push(`  SQL: ${sql.length > SQL_PREVIEW ? `${sql.slice(0, SQL_PREVIEW)}…` : sql}`);
    if (plan.params.length) out.push(`  params: ${plan.params.map((p, i) => `$${i + 1}=${p}`).join(" ")}`);
    for (const line of plan.lines) out.push(`    ${line}`);
    if (plan.executionMs !== null)
      out.push(`    (planning ${plan.planningMs?.toFixed(2)} ms, execution ${plan.executionMs.toFixed(2)} ms)`);
    if (plan.seqScansOnCalls.length) out.push(`  !!! SEQUENTIAL SCAN ON calls: ${plan.seqScansOnCalls.join(", ")}`);
    if (plan.exemptSeqScans.length)
      out.push(`  (whole-table read with no predicate, exempt at this size: ${plan.exemptSeqScans.join(", ")})`);
  }
  return out.join("\n");
}

export function printReport(report: BenchReport, options: { plans: boolean }): void {
  if (options.plans) console.log(formatPlans(report));
  console.log(`\n${markdownTable(report)}\n`);
  if (report.misses.length) {
    console.log(`Targets missed (${report.misses.length}):`);
    for (const miss of report.misses) console.log(`  MISS ${miss}`);
  } else {
    console.log("Every target met.");
  }
  if (report.failures.length) {
    console.error(`\nFAILED (${report.failures.length}):`);
    for (const failure of report.failures) console.error(`  ✗ ${failure}`);
  }
}

export async function writeAndSummarise(report: BenchReport, dir: string): Promise<string> {
  const file = await writeReport(report, dir);
  console.log(`\nResults written to ${file}`);
  return file;
}
