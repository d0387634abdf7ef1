import pg from "pg";
import { disconnectPrisma } from "../db/client";
import { embeddedUrl } from "../db/embedded";
import { replayDeliveries, type ReplayOptions, type ReplaySummary } from "../ingest/replay";
import { prepareRuntime } from "./runtime";

/**
 * `npm run webhooks:replay [--status invalid|failed] [--id <delivery id>]…`
 * Re-processes stored webhook deliveries and prints what changed. Without
 * options it takes every invalid and failed delivery. Works against
 * DATABASE_URL, or the embedded database (running or not).
 */
const USAGE = `Usage: npm run webhooks:replay -- [--status invalid|failed] [--id <delivery id>]...
  --status invalid|failed  replay every delivery with this status (default: both)
  --id <id>                replay this delivery (repeatable; combined with --status if given)`;

export function parseReplayArgs(argv: string[]): ReplayOptions {
  const options: ReplayOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (!v) throw new UsageError(`${flag} needs a value.`);
      return v;
    };
    if (flag === "--status") {
      const status = value();
      if (status !== "invalid" && status !== "failed") throw new UsageError(`--status must be "invalid" or "failed", not "${status}".`);
      options.status = status;
    } else if (flag === "--id") {
      (options.ids ??= []).push(value());
    } else if (flag === "--help" || flag === "-h") {
      throw new UsageError("");
    } else {
      throw new UsageError(`Unknown option ${arg}.`);
    }
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

/** The app's database: DATABASE_URL, else the embedded one if it is running, else start it for the run. */
async function connectDatabase(): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) return async () => {};
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const url = embeddedUrl(port);
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await probe.connect();
    await probe.end();
    process.env.DATABASE_URL = url;
    return async () => {};
  } catch {
    await probe.end().catch(() => {});
  }
  const runtime = await prepareRuntime({ seed: "never", log: () => {} });
  process.env.DATABASE_URL = runtime.databaseUrl;
  return async () => {
    await runtime.embedded?.stop();
  };
}

async function main() {
  let options: ReplayOptions;
  try {
    options = parseReplayArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) console.error(error.message);
      console.error(USAGE);
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

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
