import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Logger, runMigrations as runWorkerMigrations } from "graphile-worker";
import pg from "pg";

/**
 * Applies `prisma/migrations/<name>/migration.sql` files the way
 * `prisma migrate deploy` does, without Prisma's native schema engine:
 * the same `_prisma_migrations` bookkeeping (checksum = sha256 hex of the file)
 * and the same advisory-lock key, so the two tools exclude each other and agree
 * about what has been applied.
 *
 * graphile-worker's own schema (`graphile_worker`, the accounts' job queue) is
 * installed first, with graphile-worker's own migrations: the accounts
 * migration's trigger on `calls` queues jobs there, so the schema must exist
 * before any call is written, on every path that migrates (start, tests, e2e).
 */
export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma", "migrations");

// The key `prisma migrate` itself locks on.
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

const QUIET_LOGGER = new Logger(() => () => {});

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies every pending migration, each in its own transaction, while holding
 * the advisory lock: a second instance starting at the same moment waits, then
 * finds nothing left to do.
 */
export async function migrate(databaseUrl: string, options: { dir?: string; log?: (line: string) => void } = {}): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const files = await readMigrations(options.dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    try {
      await runWorkerMigrations({ connectionString: databaseUrl, logger: QUIET_LOGGER });
      await client.query(CREATE_TABLE);
      const { rows } = await client.query<AppliedRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at
           FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
      );
      const applied = new Map(rows.map((r) => [r.migration_name, r]));

      for (const row of rows) {
        if (row.finished_at === null) {
          throw new MigrationError(
            `Migration "${row.migration_name}" was started but never finished (a failed \`prisma migrate deploy\`?). ` +
              `Fix the database by hand, then mark it with \`prisma migrate resolve\` or delete its row from "_prisma_migrations".`,
          );
        }
      }

      const result: MigrateResult = { applied: [], alreadyApplied: [] };
      for (const file of files) {
        const done = applied.get(file.name);
        if (done) {
          if (done.checksum !== file.checksum) {
            throw new MigrationError(
              `Migration "${file.name}" was already applied to this database, but its file has changed since ` +
                `(checksum ${done.checksum.slice(0, 12)}… in the database, ${file.checksum.slice(0, 12)}… on disk). ` +
                `Applied migrations must never be edited: restore the file and put the change in a new migration.`,
            );
          }
          result.alreadyApplied.push(file.name);
          continue;
        }
        const id = randomUUID();
        await client.query("BEGIN");
        try {
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
             VALUES ($1, $2, $3, now(), 0)`,
            [id, file.checksum, file.name],
          );
          await client.query(file.sql);
          await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          const reason = error instanceof Error ? error.message : String(error);
          throw new MigrationError(`Migration "${file.name}" failed and was rolled back: ${reason}`);
        }
        log(`applied migration ${file.name}`);
        result.applied.push(file.name);
      }
      return result;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}
