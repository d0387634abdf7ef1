import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { disconnectPrisma } from "../db/client";
import { startThrowawayDatabase } from "../db/embedded";
import { migrate } from "../db/migrate";
import { generateCalls } from "../demo/generate";
import { childEnv, setEnv } from "../env";
import { classifyDelivery } from "../ingest/classify";

/**
 * `npm run bench:accounts`: how far behind the accounts are under webhook
 * load. Stores deliveries through the webhook's own store (ingestDelivery,
 * the batched insert path, no HTTP) at a fixed open-loop rate on a throwaway
 * PostgreSQL while `npm run worker` processes run beside it (as in
 * production, where the worker never shares the web server's event loop), and measures,
 * per call, the time from the delivery's acknowledgement to its account's
 * derived rows being committed (the link is written in the derivation's
 * transaction). Then the same load with the queue trigger disabled, for the
 * trigger's cost on the acknowledgement times.
 *
 * Target: p95 catch-up ≤ 2 s at 300 deliveries/s.
 */
const USAGE = `Usage: npm run bench:accounts -- [--rate 300] [--seconds 20] [--workers 1] [--concurrency 4] [--no-baseline]`;

function startWorker(url: string, concurrency: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/worker.ts", "--no-cron", "--concurrency", String(concurrency)], {
    env: childEnv({ DATABASE_URL: url }),
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve) => child.stdout!.once("data", () => resolve(child)));
}

/**
 * CPU seconds used so far by the processes of the run, per kind: the worker processes, PostgreSQL's, and this one
 * (the webhook's store and the load, the deliveries generated beforehand). Read from /proc; {} where there is none.
 * A process that ends between two readings (a PostgreSQL backend or autovacuum worker) drops out of the difference,
 * so a figure can come out low (one run printed PostgreSQL 13.0 s where the others printed ~20 s).
 */
function cpuByProcess(): Record<string, number> {
  const out: Record<string, number> = {};
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      const kind = cmd.includes("lib/cli/worker.ts")
        ? "worker"
        : cmd.startsWith("postgres") || cmd.includes("/bin/postgres")
          ? "postgres"
          : Number(pid) === process.pid
            ? "bench"
            : null;
      if (!kind) continue;
      // utime and stime, the 14th and 15th fields, in clock ticks (100 per second on Linux).
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      out[`${kind}:${pid}`] = (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // The process ended meanwhile.
    }
  }
  return out;
}

function cpuBetween(before: Record<string, number>, after: Record<string, number>): string {
  const kinds: Record<string, number> = {};
  for (const [key, seconds] of Object.entries(after)) {
    const kind = key.split(":")[0]!;
    kinds[kind] = (kinds[kind] ?? 0) + seconds - (before[key] ?? 0);
  }
  return Object.entries(kinds)
    .map(([kind, seconds]) => `${kind} ${seconds.toFixed(1)} s`)
    .join(", ");
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The deliveries of one load, generated before it starts (generating them is not the system's work). */
function payloadsFor(rate: number, seconds: number, seed: number) {
  return [...generateCalls({ seed, count: rate * seconds, days: 30, now: new Date() })].map((c) => c.payload);
}

async function load(rate: number, payloads: ReturnType<typeof payloadsFor>) {
  const { ingestDelivery } = await import("../ingest/store");
  const total = payloads.length;
  const acks = new Map<string, { at: number; ms: number }>();
  const inflight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const payload = payloads[i]!;
    const rawBody = JSON.stringify(payload);
    const classified = classifyDelivery({ json: payload });
    const t0 = performance.now();
    inflight.push(
      ingestDelivery({ messageId: `msg_${randomUUID()}`, sentAt: new Date(), headers: {}, rawBody }, classified).then((outcome) => {
        if (outcome.status === "processed") acks.set(outcome.callId, { at: performance.now(), ms: performance.now() - t0 });
      }),
    );
  }
  await Promise.all(inflight);
  return { acks, elapsed: (performance.now() - start) / 1000, total, startedAt: start };
}

async function main() {
  const { values } = parseArgs({
    options: {
      rate: { type: "string", default: "300" },
      seconds: { type: "string", default: "20" },
      concurrency: { type: "string", default: "4" },
      workers: { type: "string", default: "1" },
      "no-baseline": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return console.log(USAGE);
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const concurrency = Number(values.concurrency);
  const workerCount = Number(values.workers);
  const server = await startThrowawayDatabase();
  setEnv("DATABASE_URL", server.url);
  const client = new pg.Client({ connectionString: server.url });
  try {
    await migrate(server.url);
    await client.connect();

    // Baseline first: the trigger off, no worker.
    if (!values["no-baseline"]) {
      await client.query("ALTER TABLE calls DISABLE TRIGGER crm_queue_insert, DISABLE TRIGGER crm_queue_update");
      const base = await load(rate, payloadsFor(rate, seconds, 1));
      const ms = [...base.acks.values()].map((a) => a.ms).sort((a, b) => a - b);
      console.log(
        `without the trigger: ${base.acks.size}/${base.total} stored in ${base.elapsed.toFixed(1)} s; ack p50 ${pct(ms, 50).toFixed(1)} ms, p99 ${pct(ms, 99).toFixed(1)} ms`,
      );
      await client.query("ALTER TABLE calls ENABLE TRIGGER crm_queue_insert, ENABLE TRIGGER crm_queue_update");
      await client.query("TRUNCATE calls, webhook_deliveries CASCADE");
    }

    const workers = await Promise.all(Array.from({ length: workerCount }, () => startWorker(server.url, concurrency)));
    const seen = new Map<string, number>();
    let done = false;
    const poller = (async () => {
      let since = new Date(0);
      while (!done) {
        const { rows } = await client.query<{ call_id: string; derived_at: Date }>(
          `SELECT l.call_id, a.derived_at FROM crm_call_links l JOIN crm_accounts a ON a.id = l.account_id WHERE a.derived_at > $1`,
          [since],
        );
        const now = performance.now();
        for (const r of rows) {
          if (!seen.has(r.call_id)) seen.set(r.call_id, now);
          if (r.derived_at > since) since = new Date(Math.max(since.getTime(), r.derived_at.getTime() - 5_000));
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const payloads = payloadsFor(rate, seconds, 2);
    const cpuAtStart = cpuByProcess();
    const run = await load(rate, payloads);
    const cpuAtEnd = cpuByProcess();
    // Wait for the tail (at most 60 s).
    const deadline = performance.now() + 60_000;
    while (performance.now() < deadline && [...run.acks.keys()].some((id) => !seen.has(id))) await new Promise((r) => setTimeout(r, 100));
    done = true;
    await poller;
    const cpuAfterTail = cpuByProcess();
    const lags = [...run.acks.entries()]
      .filter(([id]) => seen.has(id))
      .map(([id, a]) => seen.get(id)! - a.at)
      .sort((a, b) => a - b);
    const ms = [...run.acks.values()].map((a) => a.ms).sort((a, b) => a - b);
    const missingIds = [...run.acks.keys()].filter((id) => !seen.has(id));
    const missing = missingIds.length;
    if (missing) {
      const why = await client.query(
        `SELECT c.id, c.number_to, c.request_metadata, l.account_id FROM calls c LEFT JOIN crm_call_links l ON l.call_id = c.id WHERE c.id = ANY($1::uuid[])`,
        [missingIds.slice(0, 5)],
      );
      console.log("not derived:", JSON.stringify(why.rows));
    }
    const { rows } = await client.query<{ accounts: number; promises: number; callbacks: number; jobs: number }>(
      `SELECT (SELECT count(*) FROM crm_accounts)::int AS accounts, (SELECT count(*) FROM crm_promises)::int AS promises,
              (SELECT count(*) FROM crm_callbacks)::int AS callbacks, (SELECT count(*) FROM graphile_worker.jobs)::int AS jobs`,
    );
    console.log(
      `with the trigger:    ${run.acks.size}/${run.total} stored in ${run.elapsed.toFixed(1)} s; ack p50 ${pct(ms, 50).toFixed(1)} ms, p99 ${pct(ms, 99).toFixed(1)} ms`,
    );
    console.log(
      `accounts caught up (ack → derived, ±50 ms polling): p50 ${pct(lags, 50).toFixed(0)} ms, p95 ${pct(lags, 95).toFixed(0)} ms, p99 ${pct(lags, 99).toFixed(0)} ms, max ${pct(lags, 100).toFixed(0)} ms; ` +
        `never derived: ${missing}; ${JSON.stringify(rows[0])} (${workerCount} worker process(es), concurrency ${concurrency})`,
    );
    // Per second of the load: a slow start (a cold worker) or a stall mid-load shows where the tail comes from.
    const bySecond: number[][] = [];
    for (const [id, ack] of run.acks) {
      if (!seen.has(id)) continue;
      const second = Math.floor((ack.at - run.startedAt) / 1000);
      bySecond[second] = [...(bySecond[second] ?? []), seen.get(id)! - ack.at];
    }
    console.log(
      `catch-up p95 per second of the load (ms): ${bySecond
        .map((l) =>
          pct(
            l.sort((a, b) => a - b),
            95,
          ).toFixed(0),
        )
        .join(" ")}`,
    );
    if (Object.keys(cpuAtStart).length)
      console.log(
        `CPU used while the load ran (${run.elapsed.toFixed(1)} s × ${availableParallelism()} cores): ${cpuBetween(cpuAtStart, cpuAtEnd)}; after it, until caught up: ${cpuBetween(cpuAtEnd, cpuAfterTail)}`,
      );
    if (missing || pct(lags, 95) > 2000) process.exitCode = 1;
    for (const w of workers) {
      w.kill("SIGTERM");
      await new Promise((r) => w.once("exit", r));
    }
  } finally {
    await client.end().catch(() => {});
    await disconnectPrisma();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
