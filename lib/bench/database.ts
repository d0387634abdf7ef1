import pg from "pg";
import { type EmbeddedDatabase, freePort, startPersistentDatabase, startThrowawayDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { isLocalDatabase } from "@/lib/db/url";

/**
 * The database the benchmark loads and measures: a throwaway embedded
 * PostgreSQL (the default) or BENCH_DATABASE_URL. The benchmark drops and
 * recreates indexes and loads a million rows, so a non-local URL is refused
 * unless the caller says --allow-remote.
 */

/**
 * Server settings for the throwaway server, chosen to match the raw-SQL
 * raw-SQL reference figures (measured with shared_buffers=2GB) and to let
 * the bulk load and index builds run in memory. Durability stays on (fsync,
 * synchronous_commit): ingestion is measured with real commits.
 */
export const BENCH_POSTGRES_SETTINGS: Record<string, string> = {
  shared_buffers: "2GB",
  effective_cache_size: "8GB",
  work_mem: "32MB",
  maintenance_work_mem: "1GB",
  // A million multi-kilobyte rows write several GB of WAL; checkpoints mid-load only slow it down.
  max_wal_size: "16GB",
  checkpoint_timeout: "30min",
  random_page_cost: "1.1",
  max_connections: "100",
};

export function postgresFlags(settings: Record<string, string> = BENCH_POSTGRES_SETTINGS): string[] {
  return Object.entries(settings).flatMap(([key, value]) => ["-c", `${key}=${value}`]);
}

export interface BenchDatabase {
  url: string;
  /** "embedded (throwaway)" or the URL's host. */
  kind: string;
  stop(): Promise<void>;
}

export class BenchDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BenchDatabaseError";
  }
}

/** Describes a URL without its password (for logs and the results file). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}

export async function openBenchDatabase(options: {
  url?: string;
  allowRemote?: boolean;
  /** Keep the embedded server's data here (kept after the run, so a later run can --reuse the loaded calls). */
  dataDir?: string;
  log?: (line: string) => void;
}): Promise<BenchDatabase> {
  const log = options.log ?? (() => {});
  let embedded: EmbeddedDatabase | undefined;
  let url = options.url;
  if (url && options.dataDir) throw new BenchDatabaseError("Give either BENCH_DATABASE_URL or --data-dir, not both.");
  if (options.dataDir) {
    log(`Starting the embedded PostgreSQL kept in ${options.dataDir}…`);
    embedded = await startPersistentDatabase({ dataDir: options.dataDir, port: await freePort(), postgresFlags: postgresFlags() });
    url = embedded.url;
  } else if (url) {
    if (!isLocalDatabase(url) && !options.allowRemote) {
      throw new BenchDatabaseError(
        `Refusing to benchmark against a non-local database (${redactUrl(url)}): the benchmark drops and rebuilds indexes and loads ` +
          `millions of rows. Pass --allow-remote if that is really what you want.`,
      );
    }
    log(`Using BENCH_DATABASE_URL ${redactUrl(url)}.`);
  } else {
    log(
      `Starting a throwaway PostgreSQL (${Object.entries(BENCH_POSTGRES_SETTINGS)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ")})…`,
    );
    embedded = await startThrowawayDatabase({ postgresFlags: postgresFlags() });
    url = embedded.url;
  }
  try {
    const result = await migrate(url);
    if (result.applied.length) log(`Migrated: ${result.applied.length} migration(s) applied.`);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    url,
    kind: options.dataDir ? `embedded (kept in ${options.dataDir})` : embedded ? "embedded (throwaway)" : new URL(url).host,
    stop: async () => {
      await embedded?.stop();
    },
  };
}

export interface ServerFacts {
  version: string;
  settings: Record<string, string>;
}

/** The server version and the settings that shape the figures, for the report. */
export async function serverFacts(url: string): Promise<ServerFacts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const version = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? "?";
    const names = ["shared_buffers", "work_mem", "effective_cache_size", "random_page_cost", "max_parallel_workers_per_gather", "jit"];
    const { rows } = await client.query<{ name: string; setting: string }>(
      "SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1::text[])",
      [names],
    );
    return { version, settings: Object.fromEntries(rows.map((r) => [r.name, r.setting])) };
  } finally {
    await client.end();
  }
}
