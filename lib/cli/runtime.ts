import path from "node:path";
import pg from "pg";
import { bootstrapFirstAdmin, bootstrapNotes, demoUserNotes, ensureDemoUsers } from "../auth/bootstrap";
import { type EmbeddedDatabase, openPersistentDatabase, shownPath, startPersistentDatabase } from "../db/embedded";
import { migrate } from "../db/migrate";
import { ensureSetting, generateAuthSecret, generateWebhookSecret } from "../db/settings";
import { type PlayableCall, playableDemoCalls } from "../demo/hints";
import { env, envProblems } from "../env";
import { CliError } from "./common";

/**
 * What `npm start`, `npm run dev`, `db:migrate`, `db:seed` and the webhook
 * commands share: check the environment, find or start the database, migrate
 * it, seed demo data where that is wanted, and work out the environment the
 * Next.js server needs.
 */
export interface PreparedRuntime {
  databaseUrl: string;
  embedded?: EmbeddedDatabase;
  /** True when the embedded database was already running (another `npm start`) and is left running. */
  attached: boolean;
  demo: boolean;
  env: Record<string, string>;
  notes: string[];
  /** Demo calls whose recordings this server can play. */
  playable: PlayableCall[];
}

export type SeedPolicy = "if-empty" | "never" | "always";

export interface PrepareOptions {
  /** Seed demo data into an empty database (default: only for the embedded one). */
  seed?: SeedPolicy;
  /**
   * Short commands: use the embedded database even while `npm start` runs it
   * (and leave it running), instead of refusing. The server itself never
   * shares a data folder with another server.
   */
  attach?: boolean;
  /** Skip migrations (commands that only read, against a database the app already migrated). */
  migrate?: boolean;
  log?: (line: string) => void;
}

export const DEFAULT_EMBEDDED_PORT = 54329;
export const DEFAULT_PORT = 3000;

export function embeddedDataDir(): string {
  return env.EMBEDDED_PG_DIR ?? path.join(process.cwd(), ".data", "postgres");
}

/** Every variable checked at once, before anything is started. */
export function checkEnvironment(): void {
  const problems = envProblems();
  if (problems.length) throw new CliError(problems.map((p) => `Cannot start: ${p}`).join("\n"));
}

/** A URL with its password masked, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(not a URL)";
  }
}

/** Connects once to the database named by `variable`, so a wrong URL is reported as such, not as a bare driver error later. */
export async function checkReachable(url: string, variable: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code || error.name : String(error);
    throw new CliError(
      `Cannot connect to the database in ${variable} (${redactUrl(url)}): ${reason}. ` +
        `Check the host, port, user, password and database name, and that PostgreSQL is running and reachable from here. ` +
        `Unset ${variable} to use the embedded database instead.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

export interface OpenedDatabase {
  databaseUrl: string;
  embedded?: EmbeddedDatabase;
  attached: boolean;
  demo: boolean;
  /** Stops the embedded database if this process started it. */
  release(): Promise<void>;
}

/** DATABASE_URL (checked reachable), else the embedded database: started, or with `attach` the running one. */
export async function openDatabase(options: { attach?: boolean; log?: (line: string) => void } = {}): Promise<OpenedDatabase> {
  const log = options.log ?? console.log;
  checkEnvironment();
  const url = env.DATABASE_URL;
  if (url) {
    await checkReachable(url, "DATABASE_URL");
    return { databaseUrl: url, attached: false, demo: false, release: async () => {} };
  }
  const dataDir = embeddedDataDir();
  const port = env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT;
  const shown = shownPath(dataDir);
  let embedded: EmbeddedDatabase;
  let attached = false;
  if (options.attach) {
    const opened = await openPersistentDatabase({ dataDir, port });
    attached = opened.attached;
    log(
      attached
        ? `Using the embedded PostgreSQL that is already running (data in ${shown}, port ${opened.port}).`
        : `Starting embedded PostgreSQL (data in ${shown}, port ${port})…`,
    );
    embedded = opened;
  } else {
    log(`Starting embedded PostgreSQL (data in ${shown}, port ${port})…`);
    embedded = await startPersistentDatabase({ dataDir, port });
  }
  return {
    databaseUrl: embedded.url,
    embedded,
    attached,
    demo: true,
    release: async () => {
      if (!attached) await embedded.stop().catch(() => {});
    },
  };
}

export async function prepareRuntime(options: PrepareOptions = {}): Promise<PreparedRuntime> {
  const log = options.log ?? console.log;
  const db = await openDatabase({ attach: options.attach, log });
  const { databaseUrl, embedded, attached, demo } = db;

  try {
    if (options.migrate !== false) {
      const { applied } = await migrate(databaseUrl, { log: (line) => log(`  ${line}`) });
      log(applied.length ? `Database migrated (${applied.length} new).` : "Database schema is up to date.");
    }

    const seedPolicy = options.seed ?? (demo ? "if-empty" : "never");
    const notes: string[] = [];
    if (seedPolicy !== "never") {
      const { seedDemoData } = await import("../demo/seed");
      const result = await seedDemoData(databaseUrl, { onlyIfEmpty: seedPolicy === "if-empty", log });
      if (result.seeded) notes.push(...result.notes);
      else log(`Demo data not added: the database already holds ${result.existing.toLocaleString("en-US")} calls.`);
    }

    // Sign-in: demo users in demo mode; otherwise the first admin from ADMIN_EMAIL/ADMIN_PASSWORD
    // (no default passwords). The server itself refuses to start without BETTER_AUTH_SECRET
    // outside demo mode (instrumentation.ts); `npm start` checks it before all this.
    if (demo) {
      const { created } = await ensureDemoUsers(databaseUrl);
      if (created) log(`Created ${created} demo user${created === 1 ? "" : "s"}.`);
      notes.push(...demoUserNotes());
    } else {
      notes.push(...bootstrapNotes(await bootstrapFirstAdmin(databaseUrl)));
    }

    const childEnv: Record<string, string> = { DATABASE_URL: databaseUrl };
    if (demo) {
      childEnv.DEMO_MODE = "1";
      childEnv.LEVERS_WEBHOOK_SECRET =
        env.LEVERS_WEBHOOK_SECRET ?? (await ensureSetting(databaseUrl, "demo_webhook_secret", generateWebhookSecret));
      childEnv.BETTER_AUTH_SECRET = env.BETTER_AUTH_SECRET ?? (await ensureSetting(databaseUrl, "demo_auth_secret", generateAuthSecret));
      childEnv.RECORDINGS_DIR = env.RECORDINGS_DIR ?? path.join(process.cwd(), "lib", "demo", "recordings");
    }
    const localStorage = (env.RECORDINGS_STORAGE ?? (env.RECORDINGS_S3_ENDPOINT ? "s3" : "local")).toLowerCase() === "local";
    const playable = localStorage ? await playableDemoCalls(databaseUrl, childEnv.RECORDINGS_DIR ?? env.RECORDINGS_DIR) : [];
    return { databaseUrl, embedded, attached, demo, env: childEnv, notes, playable };
  } catch (error) {
    await db.release();
    throw error;
  }
}
