import { stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import { importCalls } from "../accounts/import";
import { disconnectPrisma, getPrisma } from "../db/client";
import { connectAppDatabase } from "./accounts-cli";

/**
 * `npm run calls:import -- file.jsonl`: brings a team's call history in. One
 * phone_call.ended payload per line plus `receivedAt` (ISO 8601). Bad lines
 * are reported by number and skipped; exit code 1 when there were any.
 */
const USAGE = `Usage: npm run calls:import -- <file.jsonl> [--quiet]
  One phone_call.ended payload per line, each with "receivedAt" (ISO 8601, e.g. 2026-03-02T15:04:05Z).
  Stored as webhook deliveries would be (idempotent on providerCallId); accounts are derived by the worker.`;

async function main() {
  let parsed: ReturnType<
    typeof parseArgs<{ options: { quiet: { type: "boolean" }; help: { type: "boolean"; short: "h" } }; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({
      options: { quiet: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    process.exit(2);
  }
  if (parsed.values.help) return console.log(USAGE);
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length) {
    console.error(file ? "Give exactly one file." : "Which file? Give the path of a .jsonl file.");
    console.error(USAGE);
    process.exit(2);
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    console.error(`${file}: no such file.`);
    process.exit(2);
  }
  const db = await connectAppDatabase();
  try {
    const summary = await importCalls(getPrisma(), file, {
      onProgress: parsed.values.quiet ? undefined : (s) => process.stdout.write(`\r  ${s.lines} lines read, ${s.imported} imported…`),
    });
    if (!parsed.values.quiet) process.stdout.write("\n");
    for (const e of summary.errors) console.error(`line ${e.line}: ${e.message}`);
    if (summary.invalid > summary.errors.length) console.error(`… and ${summary.invalid - summary.errors.length} more bad lines.`);
    const rate = summary.seconds > 0 ? Math.round((summary.imported + summary.alreadyKnown) / summary.seconds) : 0;
    console.log(
      `Imported ${summary.imported} calls (${summary.alreadyKnown} already known, ${summary.invalid} bad lines) from ${summary.lines} lines in ${summary.seconds.toFixed(1)} s (${rate} calls/s). ` +
        "Accounts are derived by the worker (npm start, or npm run worker).",
    );
    if (summary.invalid) process.exitCode = 1;
  } finally {
    await disconnectPrisma();
    await db.release();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
