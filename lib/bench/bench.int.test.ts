import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/database";
import { type BenchOptions, DEFAULT_BENCH_OPTIONS } from "./options";
import { type BenchReport, writeReport } from "./report";
import { runBench } from "./run";

/**
 * The benchmark at small N, in `npm test`, so it never rots: 20,000 calls,
 * few repetitions, no production server. It fails when a production query
 * errors, returns something the naive baseline disagrees with, or would read
 * the calls table with a sequential scan (at this size checked with
 * sequential scans disabled: a scan that remains has no index path at all).
 * Timings are not asserted here (a shared CI machine); `npm run bench` at
 * 1,000,000 calls holds them against the targets.
 */
describe("npm run bench (smoke, 20,000 calls)", () => {
  const db = useTestDatabase();
  let outDir = "";
  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it("loads, measures every production path beside its baseline, and finds no seq scan, error or wrong result", async () => {
    const options: BenchOptions = {
      ...DEFAULT_BENCH_OPTIONS,
      calls: 20_000,
      databaseUrl: db.url(),
      warmups: 1,
      runs: 2,
      naiveWarmups: 0,
      naiveRuns: 1,
      naiveTimeoutMs: 20_000,
      deepRows: 2_000,
      exportRows: 4_000,
      exportRuns: 1,
      http: false,
      ingest: false,
      planCheck: "index-paths",
      printPlans: false,
    };
    const lines: string[] = [];
    const report: BenchReport = await runBench(options, (line) => lines.push(line));

    expect(report.failures, lines.join("\n")).toEqual([]);
    expect(report.load?.rows).toBe(20_000);
    expect(report.load?.phases.map((p) => p.name)).toEqual([
      "drop indexes + rollup triggers off",
      "COPY",
      "rollup triggers on",
      "recreate indexes + rebuild rollups",
      "VACUUM (ANALYZE)",
    ]);

    const ids = report.figures.map((f) => f.id);
    for (const expected of [
      "list.none.first",
      "list.none.deep",
      "list.outcome.first",
      "list.outcome-sentiment.first",
      "list.date-range.first",
      "list.project.first",
      "list.duration.deep",
      "search.common",
      "search.rare",
      "facets.none",
      "analytics.kpis.30d",
      "analytics.outcomeTrend.90d",
      "analytics.durationByOutcome.90d",
      "export.csv",
      "accounts.rebuild",
      "accounts.kpis.30d",
      "accounts.bestTime.90d",
    ]) {
      expect(ids).toContain(expected);
    }
    for (const figure of report.figures.filter((f) => f.group !== "load")) {
      expect(figure.production?.n, figure.id).toBeGreaterThan(0);
      if (figure.group !== "export") expect(figure.plans.length, `${figure.id} has EXPLAIN plans`).toBeGreaterThan(0);
      // Lists, facets and analytics are checked against their naive version (same rows, same counts):
      // a naive baseline that errored or timed out skipped that comparison, so it fails the smoke test.
      if (figure.naiveLabel) {
        expect(figure.naiveError, `${figure.id}: naive baseline`).toBeUndefined();
        expect(figure.naive?.n, figure.id).toBeGreaterThan(0);
        expect(figure.mismatch, figure.id).toBeUndefined();
      }
    }
    const listPlans = report.plans.filter((p) => p.figure === "list.none.first");
    expect(listPlans.some((p) => p.lines.some((l) => l.includes("calls_received_at_id_idx")))).toBe(true);
    expect(report.figures.find((f) => f.id === "export.csv")?.value).toBeGreaterThan(0);

    outDir = await mkdtemp(path.join(os.tmpdir(), "bench-smoke-"));
    const file = await writeReport(report, outDir);
    const saved = JSON.parse(await readFile(file, "utf8")) as BenchReport;
    expect(saved.calls).toBe(20_000);
    expect(saved.figures.length).toBe(report.figures.length);
  }, 180_000);
});
