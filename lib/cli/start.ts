import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { startAccountsWorker } from "../accounts/worker";
import { ensureBuild } from "./build";
import { prepareRuntime } from "./runtime";

/**
 * `npm start` (production server) and `npm run dev` (hot reload), both on the
 * embedded PostgreSQL unless DATABASE_URL is set. Ctrl-C stops the app, then
 * PostgreSQL, cleanly.
 */
const dev = process.argv.includes("--dev");
const seedFlag = process.argv.includes("--seed");
const port = Number(process.env.PORT ?? 3000);

async function main() {
  const runtime = await prepareRuntime({ seed: seedFlag ? "if-empty" : undefined });
  // The accounts' derivation worker, in this process (ACCOUNTS_WORKER=off when `npm run worker` runs elsewhere).
  process.env.DATABASE_URL ??= runtime.databaseUrl;
  const worker =
    process.env.ACCOUNTS_WORKER === "off" ? undefined : await startAccountsWorker({ connectionString: runtime.databaseUrl, noHandleSignals: true });
  let child: ChildProcess | undefined;
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child!.once("exit", resolve));
    }
    await worker?.stop().catch(() => {});
    if (runtime.embedded) {
      console.log("Stopping embedded PostgreSQL…");
      await runtime.embedded.stop().catch(() => {});
    }
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    if (!dev) await ensureBuild();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
    return;
  }

  const baseUrl = process.env.BETTER_AUTH_URL ?? `http://localhost:${port}`;
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ...runtime.env, PORT: String(port), BETTER_AUTH_URL: baseUrl, NEXT_TELEMETRY_DISABLED: "1" },
  });
  let announced = false;
  child.stdout!.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /Ready|ready/.test(chunk.toString())) {
      announced = true;
      announce(baseUrl, runtime);
    }
  });
  child.on("exit", (code) => {
    if (!stopping) {
      console.error(`The Next.js server exited (code ${code}).`);
      void shutdown(code ?? 1);
    }
  });
}

function announce(baseUrl: string, runtime: Awaited<ReturnType<typeof prepareRuntime>>) {
  const lines = [
    "",
    `  Dashboard:    ${baseUrl}`,
    `  Database:     ${runtime.demo ? "embedded PostgreSQL (demo mode)" : "DATABASE_URL"}`,
    `  Webhook URL:  ${baseUrl}/api/webhooks/levers`,
  ];
  if (runtime.env.LEVERS_WEBHOOK_SECRET) lines.push(`  Webhook secret: ${runtime.env.LEVERS_WEBHOOK_SECRET}`);
  lines.push(...runtime.notes.map((n) => `  ${n}`), "", "  Press Ctrl-C to stop.", "");
  console.log(lines.join("\n"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
