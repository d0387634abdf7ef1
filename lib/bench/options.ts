import { parseArgs } from "node:util";
import { rawEnv } from "../env";

/**
 * `npm run bench` options. Every flag has a default that reproduces the
 * README figures; the smoke test (bench.int.test.ts) passes a small set.
 */
export interface BenchOptions {
  /** Calls to load (default 1,000,000). */
  calls: number;
  /** Generator seed: the same seed and count give the same calls. */
  seed: number;
  /** Calls are spread over the last `days` days. */
  days: number;
  /** COPY connections for the load. */
  loadConnections: number;
  warmups: number;
  runs: number;
  naiveWarmups: number;
  naiveRuns: number;
  /** A naive baseline statement is given up after this long (reported as such, not a failure). */
  naiveTimeoutMs: number;
  /** Rows deep for the "deep page" figures (walked with the keyset cursor). */
  deepRows: number;
  exportRows: number;
  exportRuns: number;
  commonPhrase: string;
  rarePhrase: string;
  /** BENCH_DATABASE_URL: use this database instead of a throwaway embedded one. */
  databaseUrl?: string;
  allowRemote: boolean;
  /** Keep the embedded database in this folder (reusable with --reuse) instead of a throwaway one. */
  dataDir?: string;
  /** Measure the calls already in the database instead of refusing a non-empty one. */
  reuse: boolean;
  http: boolean;
  ingest: boolean;
  /** Derive the loaded calls' accounts with crm:rebuild (timed) before measuring. */
  accounts: boolean;
  ingestSeconds: number;
  ingestRate: number;
  ingestConcurrency: number;
  /** The live-feed step (opt-in): `liveLists` open lists while webhooks arrive at `liveRate`/s for `liveSeconds`. */
  live: boolean;
  liveLists: number;
  liveRate: number;
  liveSeconds: number;
  /** Port of the production server (0: a free one). */
  port: number;
  distDir: string;
  /** Keep the build folder afterwards (the next run skips the build). */
  keepBuild: boolean;
  /** EXPLAIN ANALYZE (actual rows/times) rather than plain EXPLAIN. */
  explainAnalyze: boolean;
  /** "planner": the planner's own choice; "index-paths": seq scans disabled (small tables); "auto": planner from 200k calls up. */
  planCheck: "auto" | "planner" | "index-paths";
  /** Where the JSON results go ("" = not written). */
  outDir: string;
  printPlans: boolean;
  /** Exit non-zero when a target is missed (a seq scan, an error or a wrong result always fails). */
  failOnMiss: boolean;
}

export const DEFAULT_BENCH_OPTIONS: BenchOptions = {
  calls: 1_000_000,
  seed: 20261128,
  days: 365,
  loadConnections: 3,
  warmups: 2,
  runs: 15,
  naiveWarmups: 1,
  naiveRuns: 3,
  naiveTimeoutMs: 120_000,
  deepRows: 10_000,
  exportRows: 100_000,
  exportRuns: 3,
  commonPhrase: '"payment plan"',
  rarePhrase: '"Keisha Nguyen"',
  allowRemote: false,
  reuse: false,
  http: true,
  ingest: true,
  accounts: true,
  ingestSeconds: 30,
  ingestRate: 350,
  ingestConcurrency: 24,
  live: false,
  liveLists: 50,
  liveRate: 300,
  liveSeconds: 20,
  port: 0,
  distDir: ".next-bench",
  keepBuild: false,
  explainAnalyze: true,
  planCheck: "auto",
  outDir: "",
  printPlans: true,
  failOnMiss: false,
};

export const BENCH_USAGE = `Usage: npm run bench -- [options]

  --calls N              calls to load (default 1000000)
  --runs N               measured runs per figure (default 15), after --warmups N (default 2)
  --naive-runs N         runs of each naive baseline (default 3), after --naive-warmups N (default 1)
  --naive-timeout-s N    give a naive statement up after N s (default 120)
  --deep-rows N          depth of the "deep page" figures (default 10000)
  --export-rows N        rows per CSV export run (default 100000), --export-runs N (default 3)
  --common-phrase TEXT   search text for the common-phrase figures (default '"payment plan"')
  --rare-phrase TEXT     search text for the rare-phrase figures (default '"Keisha Nguyen"')
  --seed N  --days N     data generator seed and spread (default 20261128, 365 days)
  --load-connections N   COPY connections (default 3)
  --skip-http            no production server / time-to-first-byte figures
  --skip-ingest          no webhook ingestion figure
  --skip-accounts        do not derive the loaded calls' accounts (no rebuild figure; the accounts analytics read what is there)
  --ingest-seconds N  --ingest-rate N  --ingest-concurrency N   (defaults 30, 350/s, 24)
  --live                 also measure the live feed: --live-lists N open lists (default 50) while webhooks
                         arrive at --live-rate N/s (default 300) for --live-seconds N (default 20)
  --port N               production server port (default: a free port)
  --keep-build           keep the build in .next-bench/ (removed at the end by default)
  --data-dir DIR         keep the embedded PostgreSQL in DIR (not deleted), so a later run can --reuse it
  --reuse                measure the calls already in the database (--data-dir or BENCH_DATABASE_URL) instead of refusing a non-empty one
  --allow-remote         allow a non-local BENCH_DATABASE_URL
  --plan-check MODE      auto | planner | index-paths (default auto: planner from 200,000 calls)
  --no-analyze           plain EXPLAIN instead of EXPLAIN ANALYZE
  --no-plans             do not print the plans (they are still checked and saved)
  --out DIR              write the JSON results into DIR (e.g. bench-results, where recorded runs are committed);
                         without it nothing is written
  --fail-on-miss         exit 2 when a target is missed

Environment: BENCH_DATABASE_URL (use this PostgreSQL instead of a throwaway embedded one).
  -h, --help`;

export class BenchUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BenchUsageError";
  }
}

function int(name: string, raw: string | undefined, min: number, fallback: number): number {
  if (raw === undefined) return fallback;
  const cleaned = raw.replace(/[_,]/g, "");
  const n = Number(cleaned);
  if (!/^\d+$/.test(cleaned) || !Number.isSafeInteger(n) || n < min)
    throw new BenchUsageError(`--${name} must be a whole number ≥ ${min} (got "${raw}").`);
  return n;
}

/** The raw flags; a parse error becomes a usage error with the usage text. */
function parseBenchArgv(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        calls: { type: "string" },
        runs: { type: "string" },
        warmups: { type: "string" },
        "naive-runs": { type: "string" },
        "naive-warmups": { type: "string" },
        "naive-timeout-s": { type: "string" },
        "deep-rows": { type: "string" },
        "export-rows": { type: "string" },
        "export-runs": { type: "string" },
        "common-phrase": { type: "string" },
        "rare-phrase": { type: "string" },
        seed: { type: "string" },
        days: { type: "string" },
        "load-connections": { type: "string" },
        "skip-http": { type: "boolean" },
        "skip-ingest": { type: "boolean" },
        "skip-accounts": { type: "boolean" },
        "ingest-seconds": { type: "string" },
        "ingest-rate": { type: "string" },
        "ingest-concurrency": { type: "string" },
        live: { type: "boolean" },
        "live-lists": { type: "string" },
        "live-rate": { type: "string" },
        "live-seconds": { type: "string" },
        port: { type: "string" },
        "keep-build": { type: "boolean" },
        reuse: { type: "boolean" },
        "data-dir": { type: "string" },
        "allow-remote": { type: "boolean" },
        "plan-check": { type: "string" },
        "no-analyze": { type: "boolean" },
        "no-plans": { type: "boolean" },
        out: { type: "string" },
        "fail-on-miss": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new BenchUsageError(`${error instanceof Error ? error.message : String(error)}\n\n${BENCH_USAGE}`);
  }
}

export function parseBenchArgs(argv: string[], env: Readonly<Record<string, string | undefined>> = rawEnv()): BenchOptions {
  const parsed = parseBenchArgv(argv);
  const v = parsed.values;
  if (v.help) throw new BenchUsageError(BENCH_USAGE);
  const d = DEFAULT_BENCH_OPTIONS;
  const planCheck = v["plan-check"] ?? d.planCheck;
  if (planCheck !== "auto" && planCheck !== "planner" && planCheck !== "index-paths") {
    throw new BenchUsageError(`--plan-check must be auto, planner or index-paths (got "${planCheck}").`);
  }
  const phrase = (name: "common-phrase" | "rare-phrase", fallback: string) => {
    const value = v[name]?.trim() ?? fallback;
    if (!value) throw new BenchUsageError(`--${name} must not be empty.`);
    return value;
  };
  const options: BenchOptions = {
    calls: int("calls", v.calls, 1, d.calls),
    seed: int("seed", v.seed, 0, d.seed),
    days: int("days", v.days, 1, d.days),
    loadConnections: int("load-connections", v["load-connections"], 1, d.loadConnections),
    warmups: int("warmups", v.warmups, 0, d.warmups),
    runs: int("runs", v.runs, 1, d.runs),
    naiveWarmups: int("naive-warmups", v["naive-warmups"], 0, d.naiveWarmups),
    naiveRuns: int("naive-runs", v["naive-runs"], 1, d.naiveRuns),
    naiveTimeoutMs: int("naive-timeout-s", v["naive-timeout-s"], 1, d.naiveTimeoutMs / 1000) * 1000,
    deepRows: int("deep-rows", v["deep-rows"], 1, d.deepRows),
    exportRows: int("export-rows", v["export-rows"], 1, d.exportRows),
    exportRuns: int("export-runs", v["export-runs"], 1, d.exportRuns),
    commonPhrase: phrase("common-phrase", d.commonPhrase),
    rarePhrase: phrase("rare-phrase", d.rarePhrase),
    databaseUrl: env.BENCH_DATABASE_URL?.trim() || undefined,
    allowRemote: v["allow-remote"] ?? d.allowRemote,
    dataDir: v["data-dir"] || undefined,
    reuse: v.reuse ?? d.reuse,
    http: !(v["skip-http"] ?? false),
    ingest: !(v["skip-ingest"] ?? false),
    accounts: !(v["skip-accounts"] ?? false),
    live: v.live ?? d.live,
    liveLists: int("live-lists", v["live-lists"], 1, d.liveLists),
    liveRate: int("live-rate", v["live-rate"], 1, d.liveRate),
    liveSeconds: int("live-seconds", v["live-seconds"], 1, d.liveSeconds),
    ingestSeconds: int("ingest-seconds", v["ingest-seconds"], 1, d.ingestSeconds),
    ingestRate: int("ingest-rate", v["ingest-rate"], 1, d.ingestRate),
    ingestConcurrency: int("ingest-concurrency", v["ingest-concurrency"], 1, d.ingestConcurrency),
    port: int("port", v.port, 1, d.port),
    distDir: d.distDir,
    keepBuild: v["keep-build"] ?? d.keepBuild,
    explainAnalyze: !(v["no-analyze"] ?? false),
    planCheck,
    outDir: v.out ?? d.outDir,
    printPlans: !(v["no-plans"] ?? false),
    failOnMiss: v["fail-on-miss"] ?? d.failOnMiss,
  };
  // A bounded step: a few hundred streams and two minutes at most, on this machine's own server.
  if (options.liveLists > 500) throw new BenchUsageError("--live-lists must be at most 500.");
  if (options.liveSeconds > 120) throw new BenchUsageError("--live-seconds must be at most 120.");
  if (options.liveRate > 2_000) throw new BenchUsageError("--live-rate must be at most 2000.");
  if (options.port > 65535) throw new BenchUsageError(`--port must be ≤ 65535.`);
  return options;
}
