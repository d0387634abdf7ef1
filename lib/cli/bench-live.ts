import { parseArgs } from "node:util";
import { ensureDemoUsers } from "@/lib/auth/bootstrap";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import { signInCookie } from "@/lib/bench/http";
import { formatLiveBench, runLiveBench } from "@/lib/bench/live";
import { startThrowawayDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { startIngestTarget } from "./bench-ingest";

/**
 * `npm run bench:live -- [--lists N] [--rate N] [--seconds N] [--port N]`: the
 * live-feed step of `npm run bench -- --live` on its own, against a throwaway
 * database and this machine's production build (loopback only).
 */
async function main() {
  const { values } = parseArgs({
    options: { lists: { type: "string" }, rate: { type: "string" }, seconds: { type: "string" }, port: { type: "string" } },
    strict: true,
  });
  const num = (raw: string | undefined, fallback: number, max: number, name: string) => {
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}.`);
    return n;
  };
  const lists = num(values.lists, 50, 500, "lists");
  const rate = num(values.rate, 300, 2_000, "rate");
  const seconds = num(values.seconds, 20, 120, "seconds");
  const port = num(values.port, 3108, 65_535, "port");

  const database = await startThrowawayDatabase();
  let stop = async () => database.stop();
  try {
    await migrate(database.url);
    await ensureDemoUsers(database.url);
    process.env.BENCH_DATABASE_URL = database.url;
    const target = await startIngestTarget({ port, log: (line) => console.log(line) });
    stop = async () => {
      await target.stop();
      await database.stop();
    };
    const cookie = await signInCookie(target.baseUrl, DEMO_USERS.agent.email, DEMO_USERS.agent.password);
    const result = await runLiveBench({ ...target, cookie, lists, rate, seconds, log: (line) => console.log(line) });
    console.log(formatLiveBench(result));
    process.exitCode = result.passed ? 0 : 1;
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
