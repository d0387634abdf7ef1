import { rm } from "node:fs/promises";
import path from "node:path";
import { BENCH_DIST_DIR, formatIngestBench, type IngestBenchOptions, runIngestBench, stopOnExit } from "../bench/ingest";
import { env } from "../env";
import { ensureBuild } from "./build";
import { CliError, intOption, isMain, parseCliArgs, runCli } from "./common";

/** `npm run bench:ingest`: the webhook ingestion load test (lib/bench/ingest.ts). */
const USAGE = `Usage: npm run bench:ingest -- [options]

Builds the app into ${BENCH_DIST_DIR}/ (removed afterwards), starts it on a throwaway
PostgreSQL (or BENCH_DATABASE_URL) and a free port, sends signed phone_call.ended
deliveries at a fixed rate, then checks the database: nothing lost, nothing
duplicated. Target on 2 cores: >= 300 deliveries/s, p99 < 250 ms.

  --quick              a short run: 5 s at 100/s (checks it works; not a measurement)
  --duration S         seconds of load (default 30)
  --rate N             deliveries started per second (default 350)
  --concurrency N      at most N in flight (default 24)
  --retry-share F      share sent again under the same svix-id, 0-1 (default 0.05)
  --port N             port of the server it starts (default: BENCH_INGEST_PORT, else a free port)
  --keep-build         keep ${BENCH_DIST_DIR}/ so the next run skips the build
  --json               also print the result as JSON
  --url URL            load a server that is already running instead; needs
  --secret whsec_...   its webhook secret (default LEVERS_WEBHOOK_SECRET) and
  --database-url URL   its database (default DATABASE_URL), to check what was stored
  -h, --help

Exit code 0 when the target is met, 1 when not (or on an error).`;

async function main(): Promise<number> {
  const v = parseCliArgs(USAGE, {
    quick: { type: "boolean" },
    duration: { type: "string" },
    rate: { type: "string" },
    concurrency: { type: "string" },
    "retry-share": { type: "string" },
    port: { type: "string" },
    "keep-build": { type: "boolean" },
    json: { type: "boolean" },
    url: { type: "string" },
    secret: { type: "string" },
    "database-url": { type: "string" },
  });
  const retryShare = v["retry-share"] === undefined ? undefined : Number(v["retry-share"]);
  if (retryShare !== undefined && !(retryShare >= 0 && retryShare <= 1))
    throw new CliError(`--retry-share must be a number from 0 to 1 (got "${v["retry-share"]}").`, 2);
  let target: IngestBenchOptions["target"];
  if (v.url) {
    const secret = v.secret ?? env.LEVERS_WEBHOOK_SECRET;
    const databaseUrl = v["database-url"] ?? env.DATABASE_URL;
    if (!secret || !databaseUrl) {
      throw new CliError(
        "--url needs the server's secret (--secret or LEVERS_WEBHOOK_SECRET) and database (--database-url or DATABASE_URL).",
        2,
      );
    }
    target = { baseUrl: v.url, secret: secret.split(",")[0]!.trim(), databaseUrl };
  }
  // Ctrl-C or a timeout: stop the server and database this run started, and its build.
  const cleanBuild = async () => {
    if (!v["keep-build"] && !target) await rm(path.join(process.cwd(), BENCH_DIST_DIR), { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping…`);
      void Promise.all(stopOnExit.map((stop) => stop().catch(() => {})))
        .then(cleanBuild)
        .then(() => process.exit(130));
    });
  }
  try {
    const result = await runIngestBench({
      durationSeconds: intOption("duration", v.duration, 1) ?? (v.quick ? 5 : undefined),
      rate: intOption("rate", v.rate, 1) ?? (v.quick ? 100 : undefined),
      concurrency: intOption("concurrency", v.concurrency, 1),
      retryShare,
      port: intOption("port", v.port, 1, 65535) ?? env.BENCH_INGEST_PORT,
      target,
      build: ensureBuild,
    });
    // A quick run is not judged against the rate target, so its PASS/FAIL line would mislead.
    console.log(v.quick ? formatIngestBench(result).replace(/^ {2}result: .*\n/m, "") : formatIngestBench(result));
    if (v.json) console.log(JSON.stringify({ ...result, messages: undefined }));
    if (v.quick) {
      // A smoke run is too short and too slow to judge the rate; it checks that every delivery was stored once.
      const intact = result.lost === 0 && result.duplicated === 0 && result.unacknowledged === 0;
      console.log(
        `  --quick: a smoke run, not a measurement (the rate target does not apply): ${intact ? "every delivery stored exactly once" : "deliveries were lost or duplicated"}.`,
      );
      return intact ? 0 : 1;
    }
    return result.passed ? 0 : 1;
  } finally {
    await cleanBuild();
  }
}

if (isMain(import.meta.url)) runCli(main);
