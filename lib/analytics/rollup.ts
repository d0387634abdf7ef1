import "server-only";
import type pg from "pg";
import { execute, ident, list, Prisma } from "@/lib/db/sql";

/**
 * Maintenance of the analytics rollups (migration 20261128020000_analytics).
 * Triggers on `calls` keep them in step with every INSERT / UPDATE / DELETE /
 * TRUNCATE, whoever makes it (webhook ingestion, replay, demo seed, psql). A
 * bulk load may switch the triggers off for speed and rebuild once afterwards.
 */

const REBUILD = Prisma.sql`SELECT analytics_rebuild_rollups()`;

/** Recomputes every rollup from `calls` (after a bulk load with the triggers disabled); the bench loader passes its own pg client. */
export async function rebuildRollups(client?: pg.ClientBase): Promise<void> {
  if (client) await client.query(REBUILD.text);
  else await execute(REBUILD);
}

export const ROLLUP_TRIGGERS = [
  "analytics_rollup_insert",
  "analytics_rollup_update",
  "analytics_rollup_delete",
  "analytics_rollup_truncate",
] as const;

/** For bulk loads: run `load` with the rollup triggers off, then rebuild once. */
export async function withRollupsRebuiltAfter<T>(load: () => Promise<T>): Promise<T> {
  const alter = (action: "DISABLE" | "ENABLE") =>
    // No values: one simple-protocol round trip for all four statements.
    execute(
      list(
        ROLLUP_TRIGGERS.map((t) => Prisma.sql`ALTER TABLE calls ${Prisma.raw(action)} TRIGGER ${ident(t)};`),
        "\n",
      ),
    );
  await alter("DISABLE");
  try {
    return await load();
  } finally {
    await alter("ENABLE");
    await rebuildRollups();
  }
}
