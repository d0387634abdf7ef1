import { describe, expect, it } from "vitest";
import { diffMaps } from "./analytics";
import { planIndexBuilds } from "./load";
import { ilikePattern } from "./naive";
import { BenchUsageError, DEFAULT_BENCH_OPTIONS, parseBenchArgs } from "./options";
import { findSeqScans, type PlanNode, renderPlan } from "./plans";
import { type BenchReport, markdownTable, resultFileName } from "./report";
import { percentile, speedup, summarize } from "./stats";

describe("percentiles", () => {
  it("uses the nearest rank, so p95 of 15 runs is the 15th value and p50 the 8th", () => {
    const samples = Array.from({ length: 15 }, (_, i) => 15 - i); // 15..1, unsorted on purpose
    expect(percentile(samples, 50)).toBe(8);
    expect(percentile(samples, 95)).toBe(15);
    expect(summarize(samples)).toMatchObject({ n: 15, p50: 8, p95: 15, min: 1, max: 15, mean: 8 });
  });

  it("reports nothing rather than zero for no samples", () => {
    expect(summarize([]).p50).toBeNaN();
    expect(speedup(0, 10)).toBeNull();
    expect(speedup(2, 10)).toBe(5);
  });
});

describe("bench options", () => {
  it("defaults to the issue's million calls with HTTP and ingestion", () => {
    const options = parseBenchArgs([], {});
    expect(options).toEqual({ ...DEFAULT_BENCH_OPTIONS, databaseUrl: undefined, dataDir: undefined });
    expect(options.calls).toBe(1_000_000);
  });

  it("reads the smoke-test flags and BENCH_DATABASE_URL", () => {
    const options = parseBenchArgs(["--calls", "20_000", "--runs=3", "--skip-http", "--skip-ingest", "--naive-timeout-s", "5"], {
      BENCH_DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/b",
    });
    expect(options).toMatchObject({
      calls: 20_000,
      runs: 3,
      http: false,
      ingest: false,
      naiveTimeoutMs: 5_000,
      databaseUrl: "postgresql://u:p@127.0.0.1:5432/b",
    });
  });

  it("rejects bad values with a sentence naming the flag", () => {
    expect(() => parseBenchArgs(["--calls", "lots"], {})).toThrow(/--calls must be a whole number/);
    expect(() => parseBenchArgs(["--runs", "0"], {})).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(["--plan-check", "maybe"], {})).toThrow(/--plan-check/);
    expect(() => parseBenchArgs(["--frobnicate"], {})).toThrow(/Unknown option/);
  });
});

const scan = (extra: Partial<PlanNode> = {}): PlanNode => ({ "Node Type": "Seq Scan", "Relation Name": "calls", Alias: "c", ...extra });

describe("sequential scan check", () => {
  it("finds a seq scan on calls anywhere in the tree, parallel ones included", () => {
    const plan: PlanNode = {
      "Node Type": "Limit",
      Plans: [{ "Node Type": "Gather Merge", Plans: [{ "Node Type": "Sort", Plans: [scan({ "Parallel Aware": true, Filter: "(x)" })] }] }],
    };
    expect(findSeqScans(plan)).toHaveLength(1);
    expect(renderPlan(plan).join("\n")).toContain("Parallel Seq Scan on calls");
  });

  it("flags the rare-term trap: a filtered scan under a Limit reads the whole table", () => {
    expect(findSeqScans({ "Node Type": "Limit", Plans: [scan({ Filter: "(search_vector @@ q)" })] })).toHaveLength(1);
  });

  it("lets a filterless scan bounded by a Limit through (it reads the same few rows at any size)", () => {
    const bounded: PlanNode = { "Node Type": "Aggregate", Plans: [{ "Node Type": "Limit", Plans: [scan()] }] };
    expect(findSeqScans(bounded)).toHaveLength(0);
    // …but not when a Sort or Aggregate between them consumes every row first.
    const sorted: PlanNode = { "Node Type": "Limit", Plans: [{ "Node Type": "Sort", Plans: [scan()] }] };
    expect(findSeqScans(sorted)).toHaveLength(1);
  });

  it("ignores other tables and index scans on calls", () => {
    const plan: PlanNode = {
      "Node Type": "Nested Loop",
      Plans: [
        scan({ "Relation Name": "analytics_daily_rollup" }),
        { "Node Type": "Index Scan", "Relation Name": "calls", "Index Name": "calls_pkey" },
      ],
    };
    expect(findSeqScans(plan)).toHaveLength(0);
  });
});

describe("load helpers", () => {
  it("puts the GIN index on a lane of its own and spreads the btrees", () => {
    const defs = ["a", "b", "c", "d"].map((n) => ({ name: n, definition: `CREATE INDEX ${n} ON calls USING btree (x)` }));
    defs.push({ name: "g", definition: "CREATE INDEX g ON public.calls USING gin (search_vector)" });
    const lanes = planIndexBuilds(defs, 2);
    expect(lanes).toHaveLength(2);
    expect(lanes[0]!.map((d) => d.name)).toEqual(["g"]);
    expect(lanes[1]!.map((d) => d.name)).toEqual(["a", "b", "c", "d"]);
    expect(planIndexBuilds(defs, 1)).toHaveLength(1);
  });

  it("turns a search into a literal ILIKE pattern", () => {
    expect(ilikePattern('"payment  plan"')).toBe("%payment plan%");
    expect(ilikePattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });

  it("lists where production and naive analytics disagree", () => {
    expect(diffMaps({ a: 1, b: 2 }, { a: 1, b: 2 })).toEqual([]);
    expect(diffMaps({ a: 1 }, { a: 2, c: 3 })).toEqual(["a: production 1 vs naive 2", "c: production 0 vs naive 3"]);
  });
});

describe("report", () => {
  it("prints one table row per figure with target, ratio and anchor, and names the file by date and size", () => {
    const report: BenchReport = {
      startedAt: "2026-11-28T06:00:00.000Z",
      finishedAt: "2026-11-28T06:10:00.000Z",
      calls: 20_000,
      options: {},
      machine: {
        cpus: 2,
        cpuModel: "Test CPU",
        memoryGiB: 24,
        loadAverageAtStart: [0.5, 0.4, 0.3],
        node: "v20",
        platform: "Linux",
        postgres: "18.4",
        postgresSettings: { shared_buffers: "2GB" },
        database: "embedded (throwaway)",
      },
      load: null,
      planCheck: "planner",
      figures: [
        {
          id: "list.none.first",
          group: "list",
          label: "list: no filter, first page",
          unit: "ms",
          production: summarize([1, 2, 3]),
          naive: summarize([30, 40, 50]),
          naiveLabel: "OFFSET 0 + count(*)",
          ratio: 20,
          target: { text: "p95 ≤ 50 ms", met: true },
          anchor: { label: "list, newest 50, no filter", p50: 2.3, p95: 21 },
          naiveAnchor: null,
          notes: [],
          plans: [],
        },
        {
          id: "export.csv",
          group: "export",
          label: "CSV export",
          unit: "rows/s",
          production: summarize([1000]),
          value: 25_000,
          naive: null,
          naiveLabel: null,
          ratio: null,
          target: { text: "≥ 20,000 rows/s", met: true },
          anchor: null,
          naiveAnchor: null,
          notes: [],
          plans: [],
        },
      ],
      plans: [],
      failures: [],
      misses: [],
    };
    const table = markdownTable(report);
    expect(table).toContain("2 cores (Test CPU), 24 GiB RAM, PostgreSQL 18.4");
    expect(table).toContain(
      "| list: no filter, first page | 2.00 ms | 3.00 ms | 40.0 ms / 50.0 ms (OFFSET 0 + count(*)) | 20× | ✅ p95 ≤ 50 ms |",
    );
    expect(table).toContain("| CSV export | 25,000 rows/s |");
    expect(resultFileName(report)).toBe("2026-11-28-20000.json");
  });
});

describe("small-table seq scan exemption", () => {
  it("sets aside only predicate-free whole-table reads, and only when asked (index-paths check)", async () => {
    const { classifySeqScans } = await import("./plans");
    const unfiltered: PlanNode = { "Node Type": "Aggregate", Plans: [scan()] };
    const filtered: PlanNode = { "Node Type": "Aggregate", Plans: [scan({ Filter: "(delivery_status = 'pass')" })] };
    expect(classifySeqScans(unfiltered, { exemptUnfiltered: true })).toMatchObject({ flagged: [], exempt: [expect.anything()] });
    expect(classifySeqScans(unfiltered, { exemptUnfiltered: false }).flagged).toHaveLength(1);
    expect(classifySeqScans(filtered, { exemptUnfiltered: true }).flagged).toHaveLength(1);
  });
});
