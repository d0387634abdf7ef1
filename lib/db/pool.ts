import pg from "pg";
import { databaseUrl } from "./url";
import { env } from "../env";

/**
 * A plain `pg` pool beside Prisma for what Prisma does not do well: raw keyset
 * queries with typed rows, COPY, LISTEN/NOTIFY. Parked on globalThis like the
 * Prisma client.
 */
const globalForPool = globalThis as unknown as { pgPool?: pg.Pool };

export function getPool(): pg.Pool {
  if (!globalForPool.pgPool) {
    const pool = new pg.Pool({
      connectionString: databaseUrl(),
      max: env.DATABASE_POOL_SIZE ?? 10,
      connectionTimeoutMillis: 5_000,
    });
    // An idle client whose server went away emits "error" on the pool; with no
    // listener Node would crash the whole process instead of answering 503.
    pool.on("error", (error) => console.error(`[db] idle connection lost: ${error.message}`));
    globalForPool.pgPool = pool;
  }
  return globalForPool.pgPool;
}

export async function closePool(): Promise<void> {
  if (globalForPool.pgPool) {
    await globalForPool.pgPool.end();
    globalForPool.pgPool = undefined;
  }
}
