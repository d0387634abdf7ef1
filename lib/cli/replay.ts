import { parseArgs } from "node:util";
import { disconnectPrisma } from "../db/client";
import { setEnv } from "../env";
import { type ReplayOptions, type ReplaySummary, replayDeliveries } from "../ingest/replay";
import { isMain, runCli } from "./common";
import { openDatabase } from "./runtime";

/**
 * `npm run webhooks:replay [--status invalid|failed] [--id <delivery id>]…`
 * Re-processes stored webhook deliveries and prints what changed. Without
 * options it takes every invalid and failed delivery. Works against
 * DATABASE_URL, or the embedded database (running under `npm start` or not).
 */
const USAGE = `Usage: npm run webhooks:replay -- [--status invalid|failed] [--id <delivery id>]...
  --status invalid|failed  replay every delivery with this status (default: both)
  --id <id>                replay this delivery (repeatable; combined with --status if given)`;

export function parseReplayArgs(argv: string[]): ReplayOptions {
  let values: { status?: string; id?: string[]; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { status: { type: "string" }, id: { type: "string", multiple: true }, help: { type: "boolean", short: "h" } },
    }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
      throw new UsageError(`${/--\w+/.exec(message)?.[0] ?? "The option"} needs a value.`);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/s, "."));
  }
  if (values.help) throw new UsageError("");
  const options: ReplayOptions = {};
  if (values.status !== undefined) {
    if (values.status !== "invalid" && values.status !== "failed")
      throw new UsageError(`--status must be "invalid" or "failed", not "${values.status}".`);
    options.status = values.status;
  }
  if (values.id?.length) {
    if (values.id.some((id) => !id.trim())) throw new UsageError("--id needs a value.");
    options.ids = values.id;
  }
  return options;
}

class UsageError extends Error {}

export function formatReplay(summary: ReplaySummary): string {
  const lines: string[] = [];
  for (const item of summary.items) {
    const transition = item.changed ? `${item.before} -> ${item.after}` : `${item.after} (unchanged)`;
    const extra = [item.callId ? `call ${item.callId}` : "", item.error ?? ""].filter(Boolean).join("  ");
    lines.push(`  ${item.id}  ${transition}${extra ? `  ${extra}` : ""}`);
  }
  const t = summary.totals;
  lines.push(
    summary.items.length ? "" : "  Nothing to replay.",
    `Replayed ${t.selected} deliveries: ${t.changed} changed, ${t.unchanged} unchanged ` +
      `(now processed ${t.processed}, ignored ${t.ignored}, invalid ${t.invalid}, failed ${t.failed}${t.missing ? `, not found ${t.missing}` : ""}).`,
  );
  return lines.join("\n");
}

/** The app's database: DATABASE_URL, else the embedded one (the running one when `npm start` has it, else started for the run). */
async function connectDatabase(): Promise<() => Promise<void>> {
  const db = await openDatabase({ attach: true, log: () => {} });
  setEnv("DATABASE_URL", db.databaseUrl);
  return db.release;
}

async function main() {
  let options: ReplayOptions;
  try {
    options = parseReplayArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) console.error(error.message);
      (error.message ? console.error : console.log)(USAGE);
      process.exit(error.message ? 2 : 0);
    }
    throw error;
  }
  const release = await connectDatabase();
  try {
    const summary = await replayDeliveries(options);
    console.log(formatReplay(summary));
    if (summary.totals.failed) process.exitCode = 1;
  } finally {
    await disconnectPrisma();
    await release();
  }
}

if (isMain(import.meta.url)) runCli(main);
