import path from "node:path";
import { startPersistentDatabase, type EmbeddedDatabase } from "../db/embedded";
import { migrate } from "../db/migrate";
import { ensureSetting, generateAuthSecret, generateWebhookSecret } from "../db/settings";
import { bootstrapFirstAdmin, bootstrapNotes, demoUserNotes, ensureDemoUsers } from "../auth/bootstrap";

/**
 * What `npm start`, `npm run dev` and the e2e server share: find or start the
 * database, migrate it, seed demo data where that is wanted, and work out the
 * environment the Next.js server needs.
 */
export interface PreparedRuntime {
  databaseUrl: string;
  embedded?: EmbeddedDatabase;
  demo: boolean;
  env: Record<string, string>;
  notes: string[];
}

export type SeedPolicy = "if-empty" | "never" | "always";

export interface PrepareOptions {
  /** Seed demo data into an empty database (default: only for the embedded one). */
  seed?: SeedPolicy;
  log?: (line: string) => void;
}

export async function prepareRuntime(options: PrepareOptions = {}): Promise<PreparedRuntime> {
  const log = options.log ?? console.log;
  let databaseUrl = process.env.DATABASE_URL;
  let embedded: EmbeddedDatabase | undefined;
  const demo = !databaseUrl;

  if (!databaseUrl) {
    const dataDir = process.env.EMBEDDED_PG_DIR ?? path.join(process.cwd(), ".data", "postgres");
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    log(`Starting embedded PostgreSQL (data in ${path.relative(process.cwd(), dataDir) || dataDir}, port ${port})…`);
    embedded = await startPersistentDatabase({ dataDir, port });
    databaseUrl = embedded.url;
  }

  try {
    const { applied } = await migrate(databaseUrl, { log: (line) => log(`  ${line}`) });
    log(applied.length ? `Database migrated (${applied.length} new).` : "Database schema is up to date.");

    const seedPolicy = options.seed ?? (demo ? "if-empty" : "never");
    const notes: string[] = [];
    if (seedPolicy !== "never") {
      const { seedDemoData } = await import("../demo/seed");
      const result = await seedDemoData(databaseUrl, { onlyIfEmpty: seedPolicy === "if-empty", log });
      if (result.seeded) log(`Seeded ${result.calls} demo calls.`);
      notes.push(...result.notes);
    }

    // Sign-in: demo users in demo mode; otherwise the first admin from ADMIN_EMAIL/ADMIN_PASSWORD
    // (no default passwords). The server itself refuses to start without BETTER_AUTH_SECRET
    // outside demo mode (instrumentation.ts).
    if (demo) {
      const { created } = await ensureDemoUsers(databaseUrl);
      if (created) log(`Created ${created} demo user${created === 1 ? "" : "s"}.`);
      notes.push(...demoUserNotes());
    } else {
      notes.push(...bootstrapNotes(await bootstrapFirstAdmin(databaseUrl)));
    }

    const env: Record<string, string> = { DATABASE_URL: databaseUrl };
    if (demo) {
      env.DEMO_MODE = "1";
      env.LEVERS_WEBHOOK_SECRET =
        process.env.LEVERS_WEBHOOK_SECRET ?? (await ensureSetting(databaseUrl, "demo_webhook_secret", generateWebhookSecret));
      env.BETTER_AUTH_SECRET =
        process.env.BETTER_AUTH_SECRET ?? (await ensureSetting(databaseUrl, "demo_auth_secret", generateAuthSecret));
      env.RECORDINGS_DIR = process.env.RECORDINGS_DIR ?? path.join(process.cwd(), "lib", "demo", "recordings");
    }
    return { databaseUrl, embedded, demo, env, notes };
  } catch (error) {
    await embedded?.stop().catch(() => {});
    throw error;
  }
}
