import pg from "pg";
import { ROLLUP_TRIGGERS, rebuildRollups } from "@/lib/analytics/rollup";
import { CALL_COPY_COLUMNS, callCopyLine, copyLines } from "@/lib/demo/copy";
import { type GeneratedCall, generateCalls } from "@/lib/demo/generate";

/**
 * The benchmark's bulk load: N synthetic calls from the demo generator
 * (realistic outcome/sentiment mixes, transcripts of 1–5 KB for connected
 * calls) streamed with COPY over several connections, the way a restore or a
 * migration from another system would load them:
 *
 *   1. drop the secondary indexes of `calls` and switch the analytics rollup
 *      triggers off (maintaining 9 indexes, a GIN among them, and 4 rollups row
 *      by row costs far more than building them once);
 *   2. COPY, one stream per connection, all fed by one generator;
 *   3. recreate the indexes (GIN on one connection, the btrees on another);
 *   4. switch the triggers back on and rebuild the rollups from `calls`
 *      (lib/analytics/zones.ts, the analytics module's own rebuild);
 *   5. VACUUM (ANALYZE): statistics for the planner and the visibility map
 *      (autovacuum would do the same after a bulk insert).
 *
 * Each phase is timed. On failure the indexes and triggers are put back
 * (best effort) so a BENCH_DATABASE_URL database is not left half-built.
 */

export interface LoadPhase {
  name: string;
  ms: number;
  detail?: string;
}

export interface LoadResult {
  rows: number;
  copyBytes: number;
  phases: LoadPhase[];
  totalMs: number;
  tableBytes: number;
  indexBytes: number;
}

export interface LoadOptions {
  count: number;
  seed: number;
  days: number;
  now: Date;
  connections: number;
  /** Transcript length range of connected calls (characters). */
  transcriptLength: readonly [number, number];
  log?: (line: string) => void;
}

export const DEFAULT_TRANSCRIPT_LENGTH: readonly [number, number] = [1000, 5000];

interface IndexDef {
  name: string;
  definition: string;
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Indexes of `calls` that no constraint owns (the primary key stays: ids arrive in no particular order but it is cheap, and foreign keys need it). */
export async function secondaryIndexes(client: pg.ClientBase): Promise<IndexDef[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = 'calls'::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
      ORDER BY i.relname`,
  );
  return rows;
}

async function setTriggers(client: pg.ClientBase, action: "ENABLE" | "DISABLE"): Promise<void> {
  const { rows } = await client.query<{ tgname: string }>(
    `SELECT tgname FROM pg_trigger WHERE tgrelid = 'calls'::regclass AND NOT tgisinternal AND tgname = ANY($1::text[])`,
    // The accounts queue triggers too: a COPY would queue one job naming every loaded call. The bench
    // derives the accounts afterwards with crm:rebuild (lib/bench/accounts.ts), as an operator would.
    [[...ROLLUP_TRIGGERS, "crm_queue_insert", "crm_queue_update"]],
  );
  for (const { tgname } of rows) await client.query(`ALTER TABLE calls ${action} TRIGGER "${tgname}"`);
}

/** Spreads index builds over the connections, biggest first (the GIN index is most of the work). */
export function planIndexBuilds(indexes: IndexDef[], connections: number): IndexDef[][] {
  const weight = (d: IndexDef) => (/USING gin/i.test(d.definition) ? 10 : 1);
  const lanes: { load: number; items: IndexDef[] }[] = Array.from({ length: Math.max(1, connections) }, () => ({ load: 0, items: [] }));
  for (const def of [...indexes].sort((a, b) => weight(b) - weight(a) || a.name.localeCompare(b.name))) {
    const lane = lanes.reduce((min, l) => (l.load < min.load ? l : min), lanes[0]!);
    lane.items.push(def);
    lane.load += weight(def);
  }
  return lanes.map((l) => l.items).filter((l) => l.length > 0);
}

export async function countCalls(url: string): Promise<number> {
  const client = await connect(url);
  try {
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM calls");
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

export async function loadCalls(url: string, options: LoadOptions): Promise<LoadResult> {
  const log = options.log ?? (() => {});
  const phases: LoadPhase[] = [];
  const started = performance.now();
  const timed = async <T>(name: string, fn: () => Promise<T>, detail?: (r: T) => string): Promise<T> => {
    const t = performance.now();
    const result = await fn();
    const phase: LoadPhase = { name, ms: performance.now() - t, detail: detail?.(result) };
    phases.push(phase);
    log(`  ${name}: ${(phase.ms / 1000).toFixed(1)} s${phase.detail ? ` (${phase.detail})` : ""}`);
    return result;
  };

  const clients = await Promise.all(Array.from({ length: Math.max(1, options.connections) }, () => connect(url)));
  const main = clients[0]!;
  let dropped: IndexDef[] = [];
  let restored = false;
  try {
    for (const client of clients) {
      // Per session only: the load's own commits need not wait for the disk; nothing else changes.
      await client.query("SET synchronous_commit = off");
      await client.query("SET maintenance_work_mem = '1GB'");
    }
    await timed(
      "drop indexes + rollup triggers off",
      async () => {
        dropped = await secondaryIndexes(main);
        await setTriggers(main, "DISABLE");
        for (const def of dropped) await main.query(`DROP INDEX "${def.name}"`);
        return dropped.length;
      },
      (n) => `${n} indexes`,
    );

    let copyBytes = 0;
    let generated = 0;
    const shared: Iterator<GeneratedCall> = generateCalls({
      seed: options.seed,
      count: options.count,
      days: options.days,
      now: options.now,
      transcriptLength: options.transcriptLength,
    });
    function* lines(): Generator<string> {
      for (;;) {
        const next = shared.next();
        if (next.done) return;
        const line = callCopyLine(next.value);
        copyBytes += line.length;
        generated++;
        yield line;
      }
    }
    const rows = await timed(
      "COPY",
      async () => {
        const ticker = setInterval(() => log(`    … ${generated.toLocaleString("en-US")} rows sent`), 15_000);
        try {
          const counts = await Promise.all(clients.map((client) => copyLines(client, "calls", CALL_COPY_COLUMNS, lines())));
          return counts.reduce((a, b) => a + b, 0);
        } finally {
          clearInterval(ticker);
        }
      },
      (n) => `${n.toLocaleString("en-US")} rows, ${(copyBytes / 1e9).toFixed(2)} GB of COPY text, ${clients.length} connections`,
    );
    if (rows !== options.count) throw new Error(`COPY stored ${rows} rows, expected ${options.count}`);

    // The rebuild reads `calls` under a SHARE lock, which CREATE INDEX also
    // takes and does not conflict with, so it runs beside the index builds on
    // the lane with the lighter plan, the btrees (switching the triggers on needs a
    // stronger lock, so it comes first, while nothing else holds the table).
    await timed("rollup triggers on", async () => setTriggers(main, "ENABLE"));
    const laneTimes: string[] = [];
    await timed(
      "recreate indexes + rebuild rollups",
      async () => {
        const lanes = planIndexBuilds(dropped, Math.min(2, clients.length));
        if (lanes.length === 0) lanes.push([]); // no index to build: the rollups still need their rebuild
        const lighter = lanes.length - 1; // planIndexBuilds puts the GIN index first
        await Promise.all(
          lanes.map(async (lane, i) => {
            const client = clients[i]!;
            const t = performance.now();
            for (const def of lane) await client.query(def.definition);
            const parts = [`${lane.length} ${lane.length === 1 ? "index" : "indexes"} ${((performance.now() - t) / 1000).toFixed(1)} s`];
            if (i === lighter) {
              const r = performance.now();
              await rebuildRollups(client);
              parts.push(`rollups ${((performance.now() - r) / 1000).toFixed(1)} s`);
            }
            laneTimes[i] = parts.join(", then ");
          }),
        );
        restored = true;
        return dropped.length;
      },
      () => laneTimes.join(" ‖ "),
    );

    await timed("VACUUM (ANALYZE)", async () => {
      await main.query("VACUUM (ANALYZE)");
    });

    const sizes = await main.query<{ table_bytes: string; index_bytes: string }>(
      `SELECT pg_table_size('calls') AS table_bytes, pg_indexes_size('calls') AS index_bytes`,
    );
    return {
      rows,
      copyBytes,
      phases,
      totalMs: performance.now() - started,
      tableBytes: Number(sizes.rows[0]?.table_bytes ?? 0),
      indexBytes: Number(sizes.rows[0]?.index_bytes ?? 0),
    };
  } catch (error) {
    if (!restored && dropped.length) {
      log("  load failed: putting the indexes and triggers back…");
      for (const def of dropped)
        await main.query(def.definition.replace(/^CREATE (UNIQUE )?INDEX /i, "CREATE $1INDEX IF NOT EXISTS ")).catch(() => {});
    }
    await setTriggers(main, "ENABLE").catch(() => {});
    throw error;
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  }
}
