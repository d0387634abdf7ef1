import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/database";
import { MIGRATIONS_DIR, MigrationError, migrate, readMigrations } from "./migrate";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migration runner", () => {
  const db = useTestDatabase({ migrated: false });

  it("applies every pending migration once, recording it as prisma migrate deploy would", async () => {
    const files = await readMigrations();
    const first = await migrate(db.url());
    expect(first.applied).toEqual(files.map((f) => f.name));
    const second = await migrate(db.url());
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(files.map((f) => f.name));

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      db.url(),
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      // What `prisma migrate deploy` stores and compares: sha256 of the file's bytes, hex.
      const bytes = await readFile(path.join(MIGRATIONS_DIR, files[i]!.name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });
});

describe("migration runner under concurrency", () => {
  const db = useTestDatabase({ migrated: false });

  it("lets several instances start at once: each migration is applied exactly once", async () => {
    const results = await Promise.all([migrate(db.url()), migrate(db.url()), migrate(db.url()), migrate(db.url())]);
    const appliedEverywhere = results.flatMap((r) => r.applied);
    const files = await readMigrations();
    expect(appliedEverywhere.sort()).toEqual(files.map((f) => f.name).sort());
    const rows = await query<{ n: string }>(db.url(), `SELECT count(*)::text AS n FROM "_prisma_migrations"`);
    expect(Number(rows[0]!.n)).toBe(files.length);
  });
});

describe("migration runner and edited files", () => {
  const db = useTestDatabase({ migrated: false });

  it("refuses, with a message naming the migration, when an applied file has changed", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "migrations-"));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      await migrate(db.url(), { dir });
      const [first] = await readMigrations(dir);
      await appendFile(path.join(dir, first!.name, "migration.sql"), "\n-- edited after it was applied\n");
      const error = await migrate(db.url(), { dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toContain(first!.name);
      expect((error as Error).message).toMatch(/file has changed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("rolls a failing migration back completely and does not record it", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "migrations-"));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      const broken = path.join(dir, "99990101000000_broken");
      await cp(path.join(dir, (await readMigrations(dir))[0]!.name), broken, { recursive: true });
      await writeFile(path.join(broken, "migration.sql"), `CREATE TABLE half_done (id int);\nSELECT no_such_function();\n`);
      await expect(migrate(db.url(), { dir })).rejects.toThrow(/99990101000000_broken.*rolled back/);
      const tables = await query(db.url(), `SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
      expect(tables).toHaveLength(0);
      const recorded = await query(db.url(), `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99990101000000_broken'`);
      expect(recorded).toHaveLength(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** A copy of the real migrations plus one small extra one at the end, in a temp dir. */
async function withExtraMigration(fn: (dir: string, name: string) => Promise<void>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "migrations-"));
  const name = "99990101000000_extra";
  try {
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    await cp(path.join(dir, (await readMigrations(dir))[0]!.name), path.join(dir, name), { recursive: true });
    await writeFile(path.join(dir, name, "migration.sql"), "CREATE TABLE extra_table (id int);\n");
    await fn(dir, name);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("migration runner and the bookkeeping of earlier runs", () => {
  const db = useTestDatabase({ migrated: false });

  it("refuses to go on past a migration that was started but never finished, naming it", async () => {
    await withExtraMigration(async (dir, name) => {
      await migrate(db.url(), { dir });
      // What a `prisma migrate deploy` that died half-way leaves: a row with no finished_at.
      await query(db.url(), `UPDATE "_prisma_migrations" SET finished_at = NULL, applied_steps_count = 0 WHERE migration_name = '${name}'`);
      const error = await migrate(db.url(), { dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toContain(name);
      expect((error as Error).message).toMatch(/started but never finished/);
      // And it stays refused: nothing was "fixed" behind the operator's back.
      await expect(migrate(db.url(), { dir })).rejects.toThrow(/never finished/);
      await query(db.url(), `DELETE FROM "_prisma_migrations" WHERE migration_name = '${name}'`);
      await query(db.url(), `DROP TABLE extra_table`);
    });
  });

  it("applies again a migration whose row was marked rolled back (prisma migrate resolve --rolled-back)", async () => {
    await withExtraMigration(async (dir, name) => {
      await migrate(db.url(), { dir });
      // The operator undid it by hand and marked the row rolled back.
      await query(db.url(), `DROP TABLE extra_table`);
      await query(db.url(), `UPDATE "_prisma_migrations" SET finished_at = NULL, rolled_back_at = now() WHERE migration_name = '${name}'`);
      const result = await migrate(db.url(), { dir });
      expect(result.applied).toEqual([name]);
      expect(await query(db.url(), `SELECT 1 FROM information_schema.tables WHERE table_name = 'extra_table'`)).toHaveLength(1);
      const rows = await query<{ finished: boolean; rolled_back: boolean }>(
        db.url(),
        `SELECT finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
           FROM "_prisma_migrations" WHERE migration_name = '${name}' ORDER BY started_at`,
      );
      // The old row is kept as history; the new one is the applied migration.
      expect(rows).toEqual([
        { finished: false, rolled_back: true },
        { finished: true, rolled_back: false },
      ]);
      expect((await migrate(db.url(), { dir })).applied).toEqual([]);
    });
  });
});

describe("npm run db:migrate (lib/cli/migrate.ts)", () => {
  const db = useTestDatabase({ migrated: false });
  const run = (env: Record<string, string>) =>
    promisify(execFile)(process.execPath, ["--import", "tsx", "lib/cli/migrate.ts"], {
      cwd: process.cwd(),
      env: { ...process.env, ...env },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it("migrates DATABASE_URL, says so, and exits 1 with the runner's message when it must refuse", { timeout: 60_000 }, async () => {
    const files = await readMigrations();
    const first = await run({ DATABASE_URL: db.url() });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`Applied ${files.length} migration(s).`);
    for (const file of files) expect(first.stdout).toContain(`applied migration ${file.name}`);

    const second = await run({ DATABASE_URL: db.url() });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("Nothing to apply: the schema is up to date.");

    const last = files.at(-1)!.name;
    await query(db.url(), `UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = '${last}'`);
    const refused = await run({ DATABASE_URL: db.url() });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Migration "${last}" was started but never finished`);
    expect(refused.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
