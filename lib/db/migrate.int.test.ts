import { cp, mkdtemp, rm, writeFile, appendFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/database";
import { migrate, MigrationError, MIGRATIONS_DIR, readMigrations } from "./migrate";

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
      expect(row.checksum).toBe(files[i]!.checksum);
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
