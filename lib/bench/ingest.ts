import { type ChildProcess, spawn } from "node:child_process";
import { createHmac, randomInt } from "node:crypto";
import http from "node:http";
import path from "node:path";
import pg from "pg";
import { type EmbeddedDatabase, freePort, portInUse, startThrowawayDatabase } from "../db/embedded";
import { migrate } from "../db/migrate";
import { generateCalls } from "../demo/generate";
import { childEnv, env, setEnv } from "../env";
import { generateTestSecret, newMessageId, type SignedHeaders } from "../testing/svix";

/**
 * The webhook ingestion load test (`npm run bench:ingest`, lib/cli/bench-ingest.ts,
 * and the ingestion figure of `npm run bench`): signed `phone_call.ended`
 * deliveries against a production build, at a sustained rate with bounded
 * concurrency, from this (client) process. Prints sustained deliveries/s, acknowledgement times and
 * how many calls were lost or duplicated (checked in the database afterwards).
 *
 * Target (2-core machine): ≥ 300 deliveries/s sustained, p99 < 250 ms, 0 lost,
 * 0 duplicated. The pieces are exported so the performance benchmark can run
 * the same load against its own server and database.
 */

export interface IngestLoadOptions {
  /** e.g. http://127.0.0.1:3102 */
  baseUrl: string;
  /** The server's LEVERS_WEBHOOK_SECRET (one `whsec_` secret). */
  secret: string;
  durationSeconds: number;
  /** Deliveries started per second (open loop: the schedule does not wait for answers). */
  rate: number;
  /** At most this many deliveries in flight; when reached, the schedule falls behind (reported). */
  concurrency: number;
  /** Share of deliveries sent again under the same svix-id (as a Svix retry would), to prove dedupe under load. */
  retryShare?: number;
  /** Deliveries sent before measuring (JIT, connection pools), excluded from the figures. */
  warmup?: number;
  log?: (line: string) => void;
}

export interface SentMessage {
  messageId: string;
  providerCallId: string;
  /** HTTP status of each attempt, in order. */
  statuses: number[];
}

export interface IngestLoadResult {
  messages: SentMessage[];
  attempts: number;
  acknowledged: number;
  statusCounts: Record<string, number>;
  elapsedSeconds: number;
  /** Acknowledged (2xx) deliveries per second over the measured window. */
  sustainedPerSecond: number;
  ackMs: { p50: number; p90: number; p99: number; max: number };
  /** How far the schedule fell behind at its worst (concurrency cap reached), ms. */
  maxScheduleLagMs: number;
}

export interface IngestCheck {
  /** Messages that were acknowledged but have no processed inbox row and call. */
  lost: number;
  /** Calls or inbox rows beyond one per message. */
  duplicated: number;
  /** Messages never acknowledged (any attempt); they are not counted as lost, since the sender would retry them. */
  unacknowledged: number;
  calls: number;
  deliveries: number;
}

export interface IngestBenchResult extends IngestLoadResult, IngestCheck {
  target: { rate: number; concurrency: number; durationSeconds: number };
  passed: boolean;
}

const TARGET = { perSecond: 300, p99Ms: 250 };

/**
 * The Standard Webhooks signature (what svix's Webhook.sign computes) with
 * node's native HMAC: the load generator shares two cores with the server, so
 * the sender's side is kept cheap. bench-ingest.test.ts checks it against svix.
 */
export function fastSigner(secret: string): (raw: string, messageId: string) => SignedHeaders {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return (raw, messageId) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac("sha256", key).update(`${messageId}.${timestamp}.${raw}`).digest("base64");
    return { "svix-id": messageId, "svix-timestamp": timestamp, "svix-signature": `v1,${signature}` };
  };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Sends the load and measures acknowledgement times. */
export async function driveIngestLoad(options: IngestLoadOptions): Promise<IngestLoadResult> {
  const log = options.log ?? (() => {});
  const url = new URL("/api/webhooks/levers", options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const retryShare = options.retryShare ?? 0.05;
  const warmup = options.warmup ?? 200;
  const total = Math.round(options.durationSeconds * options.rate);
  // Realistic payloads (0.8–3 KB transcripts), a fresh seed per run so runs never collide. Serialised
  // up front: a real sender runs elsewhere, so its work should not eat the server's two cores.
  const bodies: { raw: string; providerCallId: string }[] = [];
  for (const { payload } of generateCalls({ seed: randomInt(2 ** 31), count: warmup + total, days: 1, now: new Date() })) {
    bodies.push({ raw: JSON.stringify(payload), providerCallId: payload.providerCallId });
  }

  const sign = fastSigner(options.secret);
  const post = (raw: string, messageId: string): Promise<number> => {
    const headers = sign(raw, messageId);
    return new Promise((resolve) => {
      const request = http.request(
        url,
        {
          method: "POST",
          agent,
          headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(raw) },
        },
        (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
          response.on("error", () => resolve(0));
        },
      );
      request.setTimeout(15_000, () => request.destroy(new Error("timeout")));
      request.on("error", () => resolve(0));
      request.end(raw);
    });
  };

  let nextBody = 0;
  const nextMessage = () => {
    const { raw, providerCallId } = bodies[nextBody++]!;
    return { raw, message: { messageId: newMessageId(), providerCallId, statuses: [] } as SentMessage };
  };

  // Warm-up: compile the route, fill the pools, let the JIT settle.
  const warm: Promise<number>[] = [];
  for (let i = 0; i < warmup; i++) {
    const { raw, message } = nextMessage();
    warm.push(post(raw, message.messageId));
    if (warm.length >= 8) await Promise.all(warm.splice(0));
  }
  await Promise.all(warm);

  const messages: SentMessage[] = [];
  const sentBodies = new Map<string, string>();
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let inFlight = 0;
  let attempts = 0;
  let acknowledged = 0;
  let maxLag = 0;
  let wake: (() => void) | undefined;

  const send = async (raw: string, message: SentMessage) => {
    inFlight++;
    attempts++;
    const started = performance.now();
    const status = await post(raw, message.messageId);
    latencies.push(performance.now() - started);
    message.statuses.push(status);
    statusCounts[status] = (statusCounts[status] ?? 0) + 1;
    if (status >= 200 && status < 300) acknowledged++;
    inFlight--;
    wake?.();
  };

  const interval = 1000 / options.rate;
  const start = performance.now();
  const running: Promise<void>[] = [];
  let lastReport = start;
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const now = performance.now();
    if (due > now) await new Promise((r) => setTimeout(r, due - now));
    while (inFlight >= options.concurrency) await new Promise<void>((r) => (wake = r));
    maxLag = Math.max(maxLag, performance.now() - due);

    let raw: string;
    let message: SentMessage;
    if (messages.length > 10 && Math.random() < retryShare) {
      // A retry of an earlier message: same svix-id and body, signed afresh.
      message = messages[randomInt(messages.length)]!;
      raw = sentBodies.get(message.messageId)!;
    } else {
      ({ raw, message } = nextMessage());
      messages.push(message);
      sentBodies.set(message.messageId, raw);
    }
    running.push(send(raw, message));
    if (performance.now() - lastReport > 5_000) {
      lastReport = performance.now();
      log(`  ${((lastReport - start) / 1000).toFixed(0)} s: ${attempts} sent, ${acknowledged} acknowledged, ${inFlight} in flight`);
    }
  }
  await Promise.all(running);
  const elapsedSeconds = (performance.now() - start) / 1000;
  agent.destroy();

  latencies.sort((a, b) => a - b);
  return {
    messages,
    attempts,
    acknowledged,
    statusCounts,
    elapsedSeconds,
    sustainedPerSecond: acknowledged / elapsedSeconds,
    ackMs: { p50: percentile(latencies, 50), p90: percentile(latencies, 90), p99: percentile(latencies, 99), max: latencies.at(-1) ?? 0 },
    maxScheduleLagMs: maxLag,
  };
}

/** Compares what was sent with what the database holds. */
export async function checkIngested(databaseUrl: string, messages: SentMessage[]): Promise<IngestCheck> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const ids = messages.map((m) => m.messageId);
    const callIds = messages.map((m) => m.providerCallId);
    const deliveries = await client.query<{ message_id: string; status: string; has_call: boolean; n: number }>(
      `SELECT d.message_id, d.status, (c.id IS NOT NULL) AS has_call, count(*) OVER (PARTITION BY d.message_id)::int AS n
         FROM webhook_deliveries d LEFT JOIN calls c ON c.id = d.call_id
        WHERE d.message_id = ANY($1::text[])`,
      [ids],
    );
    const calls = await client.query<{ provider_call_id: string; n: number }>(
      "SELECT provider_call_id, count(*)::int AS n FROM calls WHERE provider_call_id = ANY($1::text[]) GROUP BY provider_call_id",
      [callIds],
    );
    const stored = new Map(deliveries.rows.map((r) => [r.message_id, r]));
    const callCounts = new Map(calls.rows.map((r) => [r.provider_call_id, r.n]));
    let lost = 0;
    let unacknowledged = 0;
    for (const message of messages) {
      const acked = message.statuses.some((s) => s >= 200 && s < 300);
      if (!acked) {
        unacknowledged++;
        continue;
      }
      const row = stored.get(message.messageId);
      if (row?.status !== "processed" || !row.has_call || !callCounts.get(message.providerCallId)) lost++;
    }
    const duplicated = deliveries.rows.filter((r) => r.n > 1).length + calls.rows.reduce((sum, r) => sum + Math.max(0, r.n - 1), 0);
    return { lost, duplicated, unacknowledged, calls: calls.rows.length, deliveries: deliveries.rows.length };
  } finally {
    await client.end();
  }
}

export interface IngestTarget {
  baseUrl: string;
  databaseUrl: string;
  secret: string;
  stop(): Promise<void>;
}

/** The build folder both benchmarks share (the CLIs remove it afterwards unless --keep-build). */
export const BENCH_DIST_DIR = ".next-bench";

/**
 * A production build (in BENCH_DIST_DIR) on its own throwaway PostgreSQL (or
 * BENCH_DATABASE_URL), with a fresh webhook secret, on `port` (default: a free one).
 */
/** Builds the production app into NEXT_DIST_DIR when needed: the command passes lib/cli/build.ts's ensureBuild (lib/ never imports lib/cli). */
export type BuildApp = (options: { log: (line: string) => void }) => Promise<unknown>;

export async function startIngestTarget(options: { port?: number; log?: (line: string) => void; build: BuildApp }): Promise<IngestTarget> {
  const log = options.log ?? console.log;
  const port = options.port || (await freePort());
  if (!env.NEXT_DIST_DIR) setEnv("NEXT_DIST_DIR", BENCH_DIST_DIR);
  if (env.SKIP_TYPECHECK === undefined) setEnv("SKIP_TYPECHECK", "1");
  await options.build({ log });

  let database: EmbeddedDatabase | undefined;
  let databaseUrl = env.BENCH_DATABASE_URL;
  if (!databaseUrl) {
    log("Starting a throwaway PostgreSQL…");
    database = await startThrowawayDatabase();
    databaseUrl = database.url;
  }
  await migrate(databaseUrl);
  const secret = generateTestSecret();
  const baseUrl = `http://127.0.0.1:${port}`;
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  if (await portInUse(port)) {
    await database?.stop();
    throw new Error(`Port ${port} is already in use; stop what runs there or pass --port.`);
  }
  // Its own process group: `next start` forks the server, and both must go when the bench stops.
  const child: ChildProcess = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: childEnv({
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      LEVERS_WEBHOOK_SECRET: secret,
      BETTER_AUTH_SECRET: env.BETTER_AUTH_SECRET ?? "bench-auth-secret-not-for-production-0123456789",
      BETTER_AUTH_URL: baseUrl,
      NEXT_TELEMETRY_DISABLED: "1",
    }),
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  // The CRM on, as in `npm start`: the accounts worker derives what the webhooks store (here as its own
  // process, `npm run worker`, since `next start` runs no worker). ACCOUNTS_WORKER=off measures without it.
  const worker: ChildProcess | null =
    env.ACCOUNTS_WORKER === "off"
      ? null
      : spawn(process.execPath, ["--import", "tsx", "lib/cli/worker.ts", "--no-cron"], {
          detached: true,
          stdio: ["ignore", "ignore", "inherit"],
          env: childEnv({ DATABASE_URL: databaseUrl }),
        });
  const stop = async () => {
    if (worker && worker.exitCode === null && worker.signalCode === null) {
      const gone = new Promise((r) => worker.once("exit", r));
      try {
        process.kill(-worker.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5_000))]);
    }
    const group = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    };
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      group("SIGTERM");
      // Open keep-alive sockets can hold the server up; do not wait forever.
      const timer = setTimeout(() => group("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    group("SIGKILL");
    await database?.stop();
  };
  try {
    await waitForHealth(`${baseUrl}/api/health`, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  log(`Server up at ${baseUrl} (build ${env.NEXT_DIST_DIR})${worker ? ", accounts worker beside it" : ", no accounts worker"}.`);
  return { baseUrl, databaseUrl, secret, stop };
}

async function waitForHealth(url: string, child: ChildProcess, stderr: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (code ${child.exitCode}).\n${stderr()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server did not become healthy within 60 s.\n${stderr()}`);
}

/** What a signal handler must stop (servers and databases this process started). */
export const stopOnExit: (() => Promise<void>)[] = [];

export interface IngestBenchOptions {
  durationSeconds?: number;
  rate?: number;
  concurrency?: number;
  retryShare?: number;
  /** Use this running server (with `secret` and `databaseUrl`) instead of starting one. */
  target?: Omit<IngestTarget, "stop">;
  port?: number;
  log?: (line: string) => void;
  /** How to build the app (needed unless `target` is given). */
  build?: BuildApp;
}

/** Everything: start (or use) a server, send the load, check the database. */
export async function runIngestBench(options: IngestBenchOptions = {}): Promise<IngestBenchResult> {
  const log = options.log ?? console.log;
  const durationSeconds = options.durationSeconds ?? 30;
  const rate = options.rate ?? 350;
  const concurrency = options.concurrency ?? 24;
  if (!options.target && !options.build) throw new Error("runIngestBench needs a build function to start its own server.");
  const started = options.target ? undefined : await startIngestTarget({ port: options.port, log, build: options.build! });
  if (started) stopOnExit.push(started.stop);
  const target = options.target ?? started!;
  try {
    log(`Sending ${rate}/s for ${durationSeconds} s, at most ${concurrency} in flight…`);
    const load = await driveIngestLoad({ ...target, durationSeconds, rate, concurrency, retryShare: options.retryShare, log });
    const check = await checkIngested(target.databaseUrl, load.messages);
    const passed =
      load.sustainedPerSecond >= TARGET.perSecond &&
      load.ackMs.p99 < TARGET.p99Ms &&
      check.lost === 0 &&
      check.duplicated === 0 &&
      check.unacknowledged === 0;
    return { ...load, ...check, target: { rate, concurrency, durationSeconds }, passed };
  } finally {
    await started?.stop();
  }
}

export function formatIngestBench(result: IngestBenchResult): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  return [
    "",
    "Webhook ingestion benchmark",
    `  load:        ${result.target.rate}/s offered for ${result.target.durationSeconds} s, ≤ ${result.target.concurrency} in flight`,
    `  sent:        ${result.attempts} deliveries (${result.messages.length} messages, ${result.attempts - result.messages.length} retries of one)`,
    `  answers:     ${Object.entries(result.statusCounts)
      .map(([s, n]) => `${s}×${n}`)
      .join(", ")}`,
    `  sustained:   ${result.sustainedPerSecond.toFixed(1)} deliveries/s acknowledged (target ≥ ${TARGET.perSecond})`,
    `  ack time:    p50 ${ms(result.ackMs.p50)}, p90 ${ms(result.ackMs.p90)}, p99 ${ms(result.ackMs.p99)} (target < ${TARGET.p99Ms} ms), max ${ms(result.ackMs.max)}`,
    `  schedule:    fell behind by at most ${ms(result.maxScheduleLagMs)}`,
    `  database:    ${result.calls} calls, ${result.deliveries} inbox rows for ${result.messages.length} messages`,
    `  lost:        ${result.lost}   duplicated: ${result.duplicated}   unacknowledged: ${result.unacknowledged}`,
    `  result:      ${result.passed ? "PASS" : "FAIL"}`,
    "",
  ].join("\n");
}
