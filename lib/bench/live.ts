import http from "node:http";
import pg from "pg";
import { LISTENER_APPLICATION_NAME } from "@/lib/live/channel";
import { driveIngestLoad } from "./ingest";
import { percentile, type Summary } from "./stats";

/**
 * The live feed's cost under ingestion: `lists` open calls lists (SSE streams
 * on GET /api/calls/stream, signed in) while webhooks arrive at `rate`/s.
 * Measured per announced row: its age when the list got it (now − the call's
 * received_at, both on this machine's clock), and per list how many of the
 * acknowledged calls it heard. Also the number of LISTEN connections the
 * server holds (one per instance is the design). Loopback only: the server is
 * the bench's own production build.
 */
export interface LiveBenchOptions {
  baseUrl: string;
  databaseUrl: string;
  secret: string;
  cookie: string;
  lists: number;
  rate: number;
  seconds: number;
  log?: (line: string) => void;
}

export interface LiveBenchResult {
  lists: number;
  rate: number;
  seconds: number;
  acknowledged: number;
  /** Row deliveries to lists (rows × lists). */
  deliveries: number;
  ageMs: Summary;
  /** Fewest and most distinct calls one list heard, against `acknowledged`. */
  heardPerList: { min: number; max: number };
  listenConnections: number;
  passed: boolean;
}

export const LIVE_TARGET = { p95AgeMs: 2_000, listenConnections: 1 };

interface OpenList {
  seen: Set<string>;
  ready: Promise<void>;
  close(): void;
}

function openList(baseUrl: string, cookie: string, ages: number[]): OpenList {
  const seen = new Set<string>();
  let markReady!: () => void;
  let fail!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    fail = reject;
  });
  const request = http.get(new URL("/api/calls/stream", baseUrl), { headers: { cookie, accept: "text/event-stream" } }, (response) => {
    if (response.statusCode !== 200) {
      fail(new Error(`stream answered ${response.statusCode}`));
      response.resume();
      return;
    }
    response.setEncoding("utf8");
    let buffer = "";
    response.on("data", (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith("event: ready")) markReady();
        else if (block.startsWith("event: calls")) {
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!data) continue;
          const now = Date.now();
          for (const row of (JSON.parse(data) as { matched: { id: string; receivedAt: string }[] }).matched) {
            if (seen.has(row.id)) continue;
            seen.add(row.id);
            ages.push(now - Date.parse(row.receivedAt));
          }
        }
      }
    });
  });
  request.on("error", (error) => fail(error));
  return { seen, ready, close: () => request.destroy() };
}

/** Like stats.summarize, without spreading hundreds of thousands of samples into Math.min/max. */
function summarizeAges(ages: number[]): Summary {
  const sorted = [...ages].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    n,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    min: sorted[0] ?? Number.NaN,
    max: sorted[n - 1] ?? Number.NaN,
    mean: n ? sorted.reduce((a, b) => a + b, 0) / n : Number.NaN,
  };
}

export async function runLiveBench(options: LiveBenchOptions): Promise<LiveBenchResult> {
  const log = options.log ?? (() => {});
  const ages: number[] = [];
  const lists = Array.from({ length: options.lists }, () => openList(options.baseUrl, options.cookie, ages));
  const db = new pg.Client({ connectionString: options.databaseUrl });
  await db.connect();
  try {
    await Promise.race([
      Promise.all(lists.map((l) => l.ready)),
      new Promise((_, reject) => setTimeout(() => reject(new Error("the lists did not all get `ready` within 30 s")), 30_000)),
    ]);
    log(`${options.lists} lists live; sending ${options.rate}/s for ${options.seconds} s…`);
    const load = await driveIngestLoad({
      baseUrl: options.baseUrl,
      secret: options.secret,
      durationSeconds: options.seconds,
      rate: options.rate,
      concurrency: 24,
      retryShare: 0,
      warmup: 0,
    });
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`, [
      LISTENER_APPLICATION_NAME,
    ]);
    const listenConnections = rows[0]?.n ?? 0;
    // Let the last batches arrive.
    await new Promise((r) => setTimeout(r, 2_000));
    const heard = lists.map((l) => l.seen.size);
    const result: LiveBenchResult = {
      lists: options.lists,
      rate: options.rate,
      seconds: options.seconds,
      acknowledged: load.acknowledged,
      deliveries: ages.length,
      ageMs: summarizeAges(ages),
      heardPerList: { min: Math.min(...heard), max: Math.max(...heard) },
      listenConnections,
      passed: false,
    };
    result.passed =
      result.ageMs.p95 < LIVE_TARGET.p95AgeMs &&
      listenConnections === LIVE_TARGET.listenConnections &&
      result.heardPerList.min >= load.acknowledged;
    return result;
  } finally {
    for (const l of lists) l.close();
    await db.end();
  }
}

export function formatLiveBench(r: LiveBenchResult): string {
  return [
    `live feed: ${r.lists} lists, ${r.rate}/s offered for ${r.seconds} s, ${r.acknowledged} calls acknowledged`,
    `  event age at the list: p50 ${r.ageMs.p50.toFixed(0)} ms, p95 ${r.ageMs.p95.toFixed(0)} ms, max ${r.ageMs.max.toFixed(0)} ms (${r.deliveries} row deliveries)`,
    `  calls heard per list: ${r.heardPerList.min}–${r.heardPerList.max} of ${r.acknowledged}; LISTEN connections on the database: ${r.listenConnections}`,
    `  ${r.passed ? "✓" : "✗"} target: p95 < ${LIVE_TARGET.p95AgeMs} ms, every call heard by every list, ${LIVE_TARGET.listenConnections} LISTEN connection per instance`,
  ].join("\n");
}
