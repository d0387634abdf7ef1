import "server-only";
import { cache } from "react";
import { requireRole, type Viewer } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { getPrisma, prisma } from "@/lib/db/client";
import type { Call } from "@/lib/db/generated/client";
import { type Db, Prisma, queryRows } from "@/lib/db/sql";
import { CALL_COLUMNS, type CallField } from "./columns";
import { whereWithTsQuery } from "./count";
import type { Cursor } from "./cursor";
import type { CallFilters, CallQuery } from "./filters";
import { planSearch } from "./list-query";
import { keysetSql, ORDERINGS, type Ordering, orderBySql, rankKey, scanDescending } from "./list-sql";

/**
 * One call for the detail page and GET /api/calls/[id], and its previous/next
 * within the list the agent came from. Every function starts with the access
 * guard; the raw webhook bodies are only read for admins.
 */

/** Every stored column but the search vector; request metadata always an object. */
export type CallRecord = Omit<Pick<Call, CallField>, "requestMetadata"> & {
  requestMetadata: Record<string, unknown>;
  accountId: string | null;
};

export interface RawDelivery {
  id: string;
  messageId: string;
  status: string;
  receivedAt: Date;
  /** The body as received: parsed JSON when it is JSON, else the text. */
  body: unknown;
}

export interface CallDetail {
  call: CallRecord;
  /** The inbox rows for this call (newest first); null unless the viewer is an admin. */
  deliveries: RawDelivery[] | null;
  viewer: Viewer;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids that cannot be a call are "not found", not a database error. */
export function isCallId(id: string): boolean {
  return UUID.test(id);
}

const CALL_SELECT = Object.fromEntries(Object.keys(CALL_COLUMNS).map((field) => [field, true])) as Record<CallField, true>;

// Per request (React cache): the detail layout's existence check and the page share one read.
const findCall = cache(async (id: string): Promise<CallRecord | null> => {
  if (!isCallId(id)) return null;
  const [row, link] = await Promise.all([
    prisma.call.findUnique({ where: { id }, select: CALL_SELECT }),
    prisma.crmCallLink.findUnique({ where: { callId: id }, select: { accountId: true } }),
  ]);
  if (!row) return null;
  const requestMetadata = row.requestMetadata;
  return {
    ...row,
    accountId: link?.accountId ?? null,
    requestMetadata:
      requestMetadata && typeof requestMetadata === "object" && !Array.isArray(requestMetadata)
        ? (requestMetadata as Record<string, unknown>)
        : {},
  };
});

/**
 * Whether a call with this id exists (for the detail page's layout, which
 * answers 404 before anything streams). Guarded like every read.
 */
export async function callExists(id: string): Promise<boolean> {
  await requireRole("agent");
  return (await findCall(id)) !== null;
}

/** The call, or null when the id is unknown or not a uuid. Admins also get the raw deliveries. */
export async function getCall(id: string, options: { deliveries?: boolean } = {}): Promise<CallDetail | null> {
  const viewer = await requireRole("agent");
  const call = await findCall(id);
  if (!call) return null;
  const deliveries = (options.deliveries ?? true) && hasRole(viewer.role, "admin") ? await findDeliveries(call) : null;
  return { call, deliveries, viewer };
}

async function findDeliveries(call: CallRecord): Promise<RawDelivery[]> {
  const rows = await prisma.webhookDelivery.findMany({
    // Deliveries that failed before the call row existed only know the providerCallId.
    where: { OR: [{ callId: call.id }, { providerCallId: call.providerCallId }] },
    select: { id: true, messageId: true, status: true, receivedAt: true, rawBody: true },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: 20,
  });
  return rows.map(({ rawBody, ...rest }) => ({ ...rest, body: parseBody(rawBody) }));
}

function parseBody(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export interface CallNeighbours {
  /** The call above this one in the list (newer, for the default order). */
  previous: string | null;
  /** The call below this one. */
  next: string | null;
}

/**
 * Previous/next of `call` in the list described by `query` (its filters and
 * sort; the page cursor is irrelevant). Two keyset lookups, each LIMIT 1 on
 * the list's own ordering and keyset condition (lib/calls/list-sql.ts), so
 * they cost what a list page costs and never an OFFSET scan (a relevance
 * sort first reads the call's own rank: one more single-row query). A search is
 * planned as the list plans it (lib/calls/list-query.ts): a rare term is
 * matched through the GIN index first, a relevance sort over a common term
 * falls back to newest first, exactly as the list then shows it.
 */
export async function getCallNeighbours(
  call: Pick<CallRecord, "id" | "receivedAt" | "duration">,
  query: Pick<CallQuery, "filters" | "page">,
): Promise<CallNeighbours> {
  await requireRole("agent");
  const db = getPrisma();
  const { filters } = query;
  const search = await planSearch(db, filters.q, query.page.sort);
  if (search.empty) return { previous: null, next: null };
  const { ordering, tsQuery, materialise } = search;
  let anchorRank: string | null = null;
  if (ordering === "relevance" && tsQuery) {
    // The call's rank exactly as the list computes and prints it (a cursor key), so equal ranks compare equal.
    const rows = await queryRows<{ rank: string }>(
      Prisma.sql`SELECT ts_rank(search_vector, ${tsQuery}::tsquery)::text AS rank FROM calls WHERE id = ${call.id}::uuid`,
      db,
    );
    anchorRank = rows[0]?.rank ?? "0";
  }
  const plan = { filters, ordering, tsQuery, materialise, anchorRank };
  const [previous, next] = await Promise.all([neighbour(db, call, plan, "prev"), neighbour(db, call, plan, "next")]);
  return { previous, next };
}

interface NeighbourPlan {
  filters: CallFilters;
  ordering: Ordering;
  tsQuery: string | null;
  materialise: boolean;
  anchorRank: string | null;
}

async function neighbour(
  db: Db,
  call: Pick<CallRecord, "id" | "receivedAt" | "duration">,
  plan: NeighbourPlan,
  direction: "prev" | "next",
): Promise<string | null> {
  const { ordering } = plan;
  const where = whereWithTsQuery(plan.filters, plan.tsQuery, "c", { searchDriven: plan.materialise });
  const spec = ORDERINGS[ordering];
  let rank = Prisma.sql`0::real`;
  let value: string | number;
  if (spec.key === "rank") {
    rank = Prisma.sql`ts_rank(c.search_vector, ${plan.tsQuery}::tsquery)`;
    value = rankKey(plan.anchorRank ?? "0", call.receivedAt);
  } else {
    value = spec.key === "duration" ? call.duration : call.receivedAt.toISOString();
  }
  const cursor: Cursor = { sort: ordering, direction, key: { value, id: call.id } };
  const descending = scanDescending(ordering, cursor);
  const keyset = keysetSql(ordering, plan.materialise ? "m" : "c", cursor, descending);
  const sql = plan.materialise
    ? Prisma.sql`WITH m AS MATERIALIZED (
         SELECT c.id, c.received_at, c.duration, ${rank} AS rank FROM calls c WHERE ${where}
       )
       SELECT m.id FROM m WHERE ${keyset} ORDER BY ${orderBySql(ordering, "m", descending)} LIMIT 1`
    : Prisma.sql`SELECT c.id FROM calls c WHERE ${where} AND ${keyset} ORDER BY ${orderBySql(ordering, "c", descending)} LIMIT 1`;
  const rows = await queryRows<{ id: string }>(sql, db);
  return rows[0]?.id ?? null;
}

export interface CallRecordingSource {
  viewer: Viewer;
  callId: string;
  recordingUrl: string | null;
  receivedAt: Date;
}

/** What the recording endpoint needs: the location and a name for downloads. Null for an unknown call. */
export async function getCallRecordingSource(id: string): Promise<CallRecordingSource | null> {
  const viewer = await requireRole("agent");
  if (!isCallId(id)) return null;
  const row = await prisma.call.findUnique({ where: { id }, select: { id: true, recordingUrl: true, receivedAt: true } });
  return row ? { viewer, callId: row.id, recordingUrl: row.recordingUrl, receivedAt: row.receivedAt } : null;
}
