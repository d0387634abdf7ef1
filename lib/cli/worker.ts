import { parseArgs } from "node:util";
import { startAccountsWorker, yieldCpuToRequests } from "../accounts/worker";
import { disconnectPrisma } from "../db/client";
import { env } from "../env";
import { connectAppDatabase } from "./accounts-cli";

/**
 * `npm run worker`: the accounts' derivation worker on its own, for an
 * operator scaling out (`npm start` already runs one in-process). Any number
 * may run against one database; graphile-worker gives each job to one of them.
 */
const USAGE = `Usage: npm run worker -- [--concurrency N] [--no-cron]
  Runs the accounts derivation worker against DATABASE_URL (or the embedded database).
  --concurrency N  jobs at once in this process (default 4, or ACCOUNTS_WORKER_CONCURRENCY)
  --no-cron        skip the periodic tasks (broken-promise maturing, stale-lock unlock, the per-agent My work recount)
  --help           show this help`;

async function main() {
  let values: { concurrency?: string; "no-cron"?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { concurrency: { type: "string" }, "no-cron": { type: "boolean" }, help: { type: "boolean", short: "h" } },
      strict: true,
    }));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)) {
    console.error("--concurrency must be a whole number from 1 to 64.");
    process.exit(2);
  }
  const db = await connectAppDatabase();
  // Beside a web server on the same machine, the webhooks' answers come first.
  yieldCpuToRequests(console.log);
  // Signals are ours: the worker stops (running jobs finish or go back to the queue) before an embedded database does.
  const runner = await startAccountsWorker({ connectionString: db.url, concurrency, cron: !values["no-cron"], noHandleSignals: true });
  console.log(`Accounts worker running (concurrency ${concurrency ?? env.ACCOUNTS_WORKER_CONCURRENCY ?? 4}). Ctrl-C to stop.`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await runner.stop().catch(() => {});
    await disconnectPrisma();
    await db.release();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  await runner.promise;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
