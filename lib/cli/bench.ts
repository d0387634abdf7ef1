import { rm } from "node:fs/promises";
import path from "node:path";
import { type BenchOptions, BenchUsageError, parseBenchArgs } from "../bench/options";
import { printReport, writeAndSummarise } from "../bench/print";
import type { BenchReport } from "../bench/report";
import { runBench } from "../bench/run";
import { ensureBuild } from "./build";

/**
 * `npm run bench [-- --calls N …]`: the performance benchmark
 * (lib/bench/run.ts). `--help` lists the options. Runs with `tsx --conditions=react-server` because it
 * calls the server-only query modules the pages use.
 *
 * Exit codes: 0 all good (target misses are flagged, not fatal, unless
 * --fail-on-miss); 1 a production query failed, returned a wrong result or
 * read the calls table with a sequential scan; 2 a target was missed with
 * --fail-on-miss; 64 bad arguments.
 */
async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof BenchUsageError) {
      console.error(error.message);
      return process.argv.includes("--help") || process.argv.includes("-h") ? 0 : 64;
    }
    throw error;
  }
  const started = Date.now();
  const clock = () => {
    const s = Math.floor((Date.now() - started) / 1000);
    return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  };
  let report: BenchReport;
  try {
    report = await runBench(options, (line) => console.log(`[${clock()}] ${line}`), ensureBuild);
  } finally {
    if (!options.keepBuild) await rm(path.join(process.cwd(), options.distDir), { recursive: true, force: true });
  }
  printReport(report, { plans: options.printPlans });
  if (options.outDir) await writeAndSummarise(report, options.outDir);
  else console.log("\nResults not written (pass --out bench-results to keep the JSON).");
  if (report.failures.length) return 1;
  if (report.misses.length && options.failOnMiss) return 2;
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`\nBenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
