import { rm } from "node:fs/promises";
import path from "node:path";
import { ensureDemoUsers } from "@/lib/auth/bootstrap";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import { signInCookie } from "@/lib/bench/http";
import { BENCH_DIST_DIR, startIngestTarget, stopOnExit } from "@/lib/bench/ingest";
import { formatLiveBench, runLiveBench } from "@/lib/bench/live";
import { startThrowawayDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { env, setEnv } from "@/lib/env";
import { ensureBuild } from "./build";
import { intOption, isMain, parseCliArgs, runCli } from "./common";

const USAGE = `Usage: npm run bench:live -- [options]

The live-feed step of \`npm run bench -- --live\` on its own: builds the app into
${BENCH_DIST_DIR}/ (removed afterwards), starts it on a throwaway PostgreSQL and a
free loopback port, opens N signed-in calls-list streams and sends signed
webhooks at a fixed rate. Reports how old each call is when a list hears it and
how many LISTEN connections the database holds. Target: p95 < 2 s, one LISTEN
connection per instance.

  --lists N       open lists (default 50, at most 500)
  --rate N        webhooks per second (default 300, at most 2000)
  --seconds N     seconds of load (default 20, at most 120)
  --port N        port of the server it starts (default: BENCH_INGEST_PORT, else a free port)
  --keep-build    keep ${BENCH_DIST_DIR}/ so the next run skips the build
  -h, --help

Exit code 0 when the target is met, 1 when not (or on an error).`;

async function main(): Promise<number> {
  const v = parseCliArgs(USAGE, {
    lists: { type: "string" },
    rate: { type: "string" },
    seconds: { type: "string" },
    port: { type: "string" },
    "keep-build": { type: "boolean" },
  });
  const lists = intOption("lists", v.lists, 1, 500) ?? 50;
  const rate = intOption("rate", v.rate, 1, 2_000) ?? 300;
  const seconds = intOption("seconds", v.seconds, 1, 120) ?? 20;
  const port = intOption("port", v.port, 1, 65_535) ?? env.BENCH_INGEST_PORT;

  const database = await startThrowawayDatabase();
  let stop = async () => database.stop();
  const cleanBuild = async () => {
    if (!v["keep-build"]) await rm(path.join(process.cwd(), BENCH_DIST_DIR), { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void Promise.all([stop(), ...stopOnExit.map((s) => s())].map((p) => p.catch(() => {})))
        .then(cleanBuild)
        .then(() => process.exit(130));
    });
  }
  try {
    await migrate(database.url);
    await ensureDemoUsers(database.url);
    setEnv("BENCH_DATABASE_URL", database.url);
    const target = await startIngestTarget({ port, log: (line) => console.log(line), build: ensureBuild });
    stop = async () => {
      await target.stop();
      await database.stop();
    };
    const cookie = await signInCookie(target.baseUrl, DEMO_USERS.agent.email, DEMO_USERS.agent.password);
    const result = await runLiveBench({ ...target, cookie, lists, rate, seconds, log: (line) => console.log(line) });
    console.log(formatLiveBench(result));
    return result.passed ? 0 : 1;
  } finally {
    await stop();
    await cleanBuild();
  }
}

if (isMain(import.meta.url)) runCli(main);
