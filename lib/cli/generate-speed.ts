/**
 * How fast the demo generator is, by hand (not part of `npm test`):
 *
 *   npm run bench:generator -- [--rows 100000] [--min 1000 --max 5000] [--copy]
 *
 * Prints rows/s (wall clock, and per CPU-second of this process) for
 * generating payloads and for encoding them as COPY lines.
 * With --copy it also loads them into a throwaway embedded PostgreSQL (migrated,
 * so with every index and trigger) through `copyLines`, the path the benchmark's
 * bulk load uses, and prints that rate too.
 */
import pg from "pg";
import { CALL_COPY_COLUMNS, callCopyLine, copyLines } from "../demo/copy";
import { generateCalls } from "../demo/generate";
import { intOption, parseCliArgs } from "./common";

const USAGE = `Usage: npm run bench:generator -- [--rows N] [--min N --max N] [--copy]

How fast the demo generator is (rows/s, wall clock and per CPU-second).

  --rows N         rows to generate (default 100000)
  --min N --max N  transcript length in characters (default 1000-5000)
  --copy           also COPY them into a throwaway, migrated PostgreSQL
  -h, --help`;
const values = parseCliArgs(USAGE, {
  rows: { type: "string" },
  min: { type: "string" },
  max: { type: "string" },
  copy: { type: "boolean" },
});
const rows = intOption("rows", values.rows, 1) ?? 100_000;
const transcriptLength = [intOption("min", values.min, 1) ?? 1000, intOption("max", values.max, 1) ?? 5000] as const;
const options = { seed: 1, count: rows, days: 365, now: new Date(), transcriptLength };

let cpuAtStart = process.cpuUsage();

// CPU time beside wall time: on a shared machine wall time mostly measures the neighbours.
function rate(label: string, started: number, extra = ""): void {
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const perSecond = (s: number) => Math.round(rows / s).toLocaleString("en-US");
  console.log(
    `${label}: ${rows.toLocaleString("en-US")} rows in ${seconds.toFixed(2)} s = ${perSecond(seconds)} rows/s ` +
      `(${perSecond(cpuSeconds)} rows per CPU-second of this process)${extra}`,
  );
}

let started = performance.now();
let bytes = 0;
for (const call of generateCalls(options)) bytes += call.payload.transcription?.length ?? 0;
rate("generate", started, `, average transcript ${Math.round(bytes / rows)} characters`);

started = performance.now();
cpuAtStart = process.cpuUsage();
let copyBytes = 0;
for (const call of generateCalls(options)) copyBytes += callCopyLine(call).length;
rate("generate + COPY encoding", started, `, ${(copyBytes / 1048576).toFixed(0)} MB of COPY text`);

if (values.copy) {
  const { startThrowawayDatabase } = await import("../db/embedded");
  const { migrate } = await import("../db/migrate");
  const db = await startThrowawayDatabase();
  try {
    await migrate(db.url, { log: () => {} });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    started = performance.now();
    cpuAtStart = process.cpuUsage();
    function* lines() {
      for (const call of generateCalls(options)) yield callCopyLine(call);
    }
    const loaded = await copyLines(client, "calls", CALL_COPY_COLUMNS, lines());
    rate("generate + COPY into calls (indexes, generated columns, triggers)", started, `, ${loaded} rows reported`);
    await client.end();
  } finally {
    await db.stop();
  }
}
