import { spawn } from "node:child_process";
import path from "node:path";
import { ensureDemoUsers } from "../auth/bootstrap";
import { startThrowawayDatabase } from "../db/embedded";
import { migrate } from "../db/migrate";
import { isLocalDatabase } from "../db/url";
import { childEnv, env, setEnv } from "../env";
import { E2E_AUTH_SECRET, E2E_WEBHOOK_SECRET } from "../testing/e2e-env";
import { parseCliArgs } from "./common";

/**
 * The server Playwright tests run against: the production build on a
 * throwaway PostgreSQL seeded with the demo data. E2E_DATABASE_URL may name an
 * existing database instead, but only a local one: the run writes into it.
 */
const USAGE = `Usage: npx tsx lib/cli/e2e-server.ts

The server Playwright starts (playwright.config.ts): the production build on
E2E_PORT (default 3100), on a throwaway PostgreSQL (or a local
E2E_DATABASE_URL) seeded with the demo data.`;

async function main() {
  parseCliArgs(USAGE, {});
  const port = env.E2E_PORT ?? 3100;
  let url = env.E2E_DATABASE_URL;
  if (url && !isLocalDatabase(url)) {
    throw new Error(`Refusing to run e2e tests against a non-local database (${new URL(url).hostname}).`);
  }
  const server = url ? undefined : await startThrowawayDatabase();
  url ??= server!.url;
  await migrate(url);
  const { seedDemoData } = await import("../demo/seed");
  await seedDemoData(url, { onlyIfEmpty: true, log: () => {} });
  await ensureDemoUsers(url);
  // The accounts' derivation worker, as `npm start` runs it.
  setEnv("DATABASE_URL", url);
  const worker = await (await import("../accounts/worker")).startAccountsWorker({ connectionString: url, noHandleSignals: true });

  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: "inherit",
    env: childEnv({
      NODE_ENV: "production",
      DATABASE_URL: url,
      DEMO_MODE: "1",
      LEVERS_WEBHOOK_SECRET: E2E_WEBHOOK_SECRET,
      BETTER_AUTH_SECRET: E2E_AUTH_SECRET,
      BETTER_AUTH_URL: baseUrl,
      RECORDINGS_DIR: path.join(process.cwd(), "lib", "demo", "recordings"),
      NEXT_TELEMETRY_DISABLED: "1",
      // Every e2e sign-in comes from 127.0.0.1: the suite signs in more often than 30 times a minute.
      AUTH_SIGN_INS_PER_MINUTE_PER_IP: "1000",
    }),
  });
  let stopping = false;
  const stop = async () => {
    stopping = true;
    // The worker beside the server, as npm start does: the database goes down on the same signal.
    const workerStopped = worker.stop().catch(() => {});
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    await workerStopped;
    await server?.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  child.on("exit", async (code) => {
    if (stopping) return;
    await worker.stop().catch(() => {});
    await server?.stop();
    process.exit(code ?? 1);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
