import "server-only";
import { Prisma, queryRows } from "@/lib/db/sql";
import { classifyDelivery, parseRawBody } from "./classify";
import { DatabaseUnavailableError, type DeliveryStatus } from "./errors";
import { reprocessStoredDelivery } from "./store";

/**
 * Re-processes stored deliveries: after a schema fix, `invalid` ones can
 * become calls; `failed` ones (an unexpected fault while storing) get another
 * go. Each delivery runs in its own transaction with the same rules as a live
 * delivery. Already-processed deliveries are left alone, so running replay
 * twice changes nothing the second time.
 *
 * Callers check permissions themselves (the admin page wraps this in a server
 * action behind requireRole; the CLI is run by an operator).
 */

export type ReplayStatus = "invalid" | "failed";

export interface ReplayOptions {
  /** Delivery ids (webhook_deliveries.id). Combined with `status` when both are given. */
  ids?: string[];
  /** Which deliveries to take; both invalid and failed when neither this nor `ids` is given. */
  status?: ReplayStatus;
}

export interface ReplayItem {
  id: string;
  /** Status before the replay; "missing" for an id that names no delivery. */
  before: DeliveryStatus | "missing";
  after: DeliveryStatus | "missing";
  changed: boolean;
  callId?: string;
  /** Why it is (still) not processed. */
  error?: string;
}

export interface ReplaySummary {
  items: ReplayItem[];
  totals: {
    selected: number;
    changed: number;
    unchanged: number;
    processed: number;
    ignored: number;
    invalid: number;
    failed: number;
    missing: number;
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function selectIds(options: ReplayOptions): Promise<{ found: string[]; missing: string[] }> {
  const statuses: ReplayStatus[] = options.status ? [options.status] : ["invalid", "failed"];
  try {
    if (options.ids) {
      const wanted = [...new Set(options.ids.map((id) => id.trim()).filter(Boolean))];
      const valid = wanted.filter((id) => UUID.test(id));
      const rows = await queryRows<{ id: string; status: DeliveryStatus }>(
        Prisma.sql`SELECT id, status FROM webhook_deliveries WHERE id = ANY(${valid}::uuid[])`,
      );
      const known = new Map(rows.map((r) => [r.id.toLowerCase(), r.status]));
      const found = wanted.filter((id) => {
        const status = known.get(id.toLowerCase());
        return status !== undefined && (!options.status || status === options.status);
      });
      const missing = wanted.filter((id) => !known.has(id.toLowerCase()));
      return { found, missing };
    }
    // Oldest first, so a newer delivery of the same call is applied last.
    const rows = await queryRows<{ id: string }>(
      Prisma.sql`SELECT id FROM webhook_deliveries WHERE status = ANY(${statuses}::text[]) ORDER BY received_at, id`,
    );
    return { found: rows.map((r) => r.id), missing: [] };
  } catch (error) {
    throw new DatabaseUnavailableError(error, `The database is unavailable (${error instanceof Error ? error.message : String(error)}).`);
  }
}

export async function replayDeliveries(options: ReplayOptions = {}): Promise<ReplaySummary> {
  const { found, missing } = await selectIds(options);
  const items: ReplayItem[] = [];

  for (const id of found) {
    const result = await reprocessStoredDelivery(id, (raw) => classifyDelivery(parseRawBody(raw))).catch((error: unknown) => {
      const cause = error instanceof DatabaseUnavailableError && error.cause instanceof Error ? error.cause.message : String(error);
      throw new DatabaseUnavailableError(error, `The database became unavailable during the replay (${cause}); run it again.`);
    });
    if (!result.found || !result.before) {
      items.push({ id, before: "missing", after: "missing", changed: false, error: "No such delivery." });
      continue;
    }
    const { before, outcome } = result;
    if (!outcome) {
      if (result.error) {
        items.push({ id, before, after: "failed", changed: before !== "failed", error: result.error.message });
      } else {
        items.push({ id, before, after: before, changed: false });
      }
      continue;
    }
    const after: DeliveryStatus = outcome.status === "duplicate" ? before : outcome.status;
    const item: ReplayItem = { id, before, after, changed: before !== after };
    if (outcome.status === "processed") item.callId = outcome.callId;
    if (outcome.status === "invalid" || outcome.status === "failed") item.error = outcome.error.message;
    items.push(item);
  }
  for (const id of missing) items.push({ id, before: "missing", after: "missing", changed: false, error: "No such delivery." });

  const count = (status: ReplayItem["after"]) => items.filter((i) => i.after === status).length;
  return {
    items,
    totals: {
      selected: items.length,
      changed: items.filter((i) => i.changed).length,
      unchanged: items.filter((i) => !i.changed).length,
      processed: count("processed"),
      ignored: count("ignored"),
      invalid: count("invalid"),
      failed: count("failed"),
      missing: count("missing"),
    },
  };
}
