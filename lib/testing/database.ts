import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { disconnectPrisma } from "../db/client";
import { env, setEnv } from "../env";

/**
 * Gives a test file its own database, cloned from the migrated one the global
 * setup prepared, and points DATABASE_URL (and so the app's Prisma client and
 * testPool) at it. Dropped again after the file.
 */
const globalForTest = globalThis as unknown as { testPool?: pg.Pool };

/**
 * A plain pg pool for a test's own fixture and assertion SQL (the app itself
 * reaches the database only through Prisma). Closed with the test database.
 */
export function testPool(): pg.Pool {
  globalForTest.testPool ??= new pg.Pool({ connectionString: env.DATABASE_URL, max: 10 });
  return globalForTest.testPool;
}

export function useTestDatabase(options: { migrated?: boolean } = {}): { url: () => string } {
  let url = "";
  let name = "";
  const baseUrl = inject("testDatabaseUrl");

  beforeAll(async () => {
    name = `t_${randomBytes(6).toString("hex")}`;
    // An empty database (template0) for tests of the migration runner itself.
    const template = options.migrated === false ? "template0" : new URL(baseUrl).pathname.slice(1);
    await admin(baseUrl, async (client) => {
      // CREATE DATABASE … TEMPLATE needs the template to have no other sessions;
      // retry briefly when another file is cloning at the same moment.
      for (let attempt = 0; ; attempt++) {
        try {
          await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
          break;
        } catch (error) {
          if (attempt > 50) throw error;
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
        }
      }
    });
    const parsed = new URL(baseUrl);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    setEnv("DATABASE_URL", url);
  });

  afterAll(async () => {
    await disconnectPrisma();
    await globalForTest.testPool?.end();
    globalForTest.testPool = undefined;
    // Both pools are ended, but their sockets may still be closing: a forced drop would terminate them
    // mid-close (an uncaught 57P01 in the test process). Wait for them briefly; force only as a last resort.
    await admin(baseUrl, async (client) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        try {
          await client.query(`DROP DATABASE IF EXISTS "${name}"`);
          return;
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  });

  return { url: () => url };
}

async function admin<T>(baseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const parsed = new URL(baseUrl);
  parsed.pathname = "/postgres";
  const client = new pg.Client({ connectionString: parsed.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
