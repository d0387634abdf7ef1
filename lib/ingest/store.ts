import "server-only";
import DataLoader from "dataloader";
import { CALL_COLUMNS, type CallField, INGEST_FIELDS, type IngestField } from "@/lib/calls/columns";
import { getPrisma, namedStatement } from "@/lib/db/client";
import { databaseMessage, isDatabaseUnavailable, isRetryableConflict, sqlState } from "@/lib/db/errors";
import { CONNECTION_WAIT_MS, type Db, execute, ident, list, Prisma, queryRows } from "@/lib/db/sql";
import { notifyCallChangedSql } from "@/lib/live/channel";
import type { Classified } from "./classify";
import { DatabaseUnavailableError, type DeliveryError, type DeliveryStatus, type IngestOutcome } from "./errors";
import type { PhoneCallEnded } from "./payload-schema";
import { pgJson, pgText } from "./pg-safe";

/**
 * The inbox and the call upsert. First deliveries of new calls (nearly all
 * traffic) are stored in batches, one autocommitted statement per batch
 * (insertNewCalls); everything else takes one interactive transaction per
 * delivery. Hand-written SQL through Prisma: `INSERT … ON CONFLICT` with
 * per-column rules says exactly what happens under concurrent deliveries.
 *
 * Exactly once: the inbox row (unique message_id = svix-id) is inserted or, if
 * it exists, locked first. Concurrent copies of one message therefore queue on
 * that row; the first stores the call, the rest see `processed` and answer
 * "duplicate". Deliveries of different messages for one call meet on the
 * calls' unique provider_call_id instead, where ON CONFLICT merges them.
 */

export interface IncomingDelivery {
  messageId: string;
  /** svix-timestamp. */
  sentAt: Date;
  /** The headers worth keeping (signature headers, content type, user agent). */
  headers: Record<string, string>;
  rawBody: string;
}

// A hung database must not hold a delivery past the sender's 15 s timeout
// (each statement is also capped at 8 s by the client's statement_timeout).
const TRANSACTION_TIMEOUT_MS = 8_000;

/** Runs `fn` in a transaction; serialization failures and deadlocks are retried twice. */
async function inTransaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getPrisma().$transaction(fn, { maxWait: CONNECTION_WAIT_MS, timeout: TRANSACTION_TIMEOUT_MS });
    } catch (error) {
      if (isRetryableConflict(error) && attempt < 3) continue;
      throw error;
    }
  }
}

/** Stores one verified delivery and, when it is a call, the call. */
export async function ingestDelivery(delivery: IncomingDelivery, classified: Classified): Promise<IngestOutcome> {
  try {
    if (classified.kind === "call") {
      const stored = await insertNewCall(delivery, classified);
      if (stored) return stored;
    }
    return await inTransaction(async (tx) => {
      const row = await insertOrLockDelivery(tx, delivery, classified);
      if (!row.inserted) {
        if (row.status === "processed" || row.status === "ignored") {
          return { status: "duplicate", deliveryId: row.id, callId: row.call_id };
        }
        // A retry of a delivery that was invalid or failed before: take it again.
        await overwriteDelivery(tx, row.id, delivery, classified);
      }
      return applyClassified(tx, row.id, classified, { deliveredAt: delivery.sentAt, receivedAt: null });
    });
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) throw error;
    if (isDatabaseUnavailable(error)) throw new DatabaseUnavailableError(error);
    return recordFailure(delivery, classified, error);
  }
}

const KEPT_STATUS: Record<Classified["kind"], DeliveryStatus> = { call: "processed", ignored: "ignored", invalid: "invalid" };

function deliveryColumns(classified: Classified) {
  return {
    eventType: pgText(classified.eventType),
    status: KEPT_STATUS[classified.kind],
    error: classified.kind === "invalid" ? JSON.stringify(pgJson(classified.error)) : null,
    providerCallId: pgText(
      classified.kind === "call" ? classified.call.providerCallId : classified.kind === "invalid" ? classified.providerCallId : null,
    ),
  };
}

// Only non-JSON bodies can hold a raw U+0000 (JSON escapes it); PostgreSQL
// text cannot, so it is kept visibly replaced.
function storableBody(rawBody: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matches U+0000 on purpose, to replace what PostgreSQL text cannot hold
  return rawBody.includes("\u0000") ? rawBody.replace(/\u0000/g, "\uFFFD") : rawBody;
}

interface DeliveryRow {
  id: string;
  status: DeliveryStatus;
  call_id: string | null;
  attempts: number;
}

async function insertOrLockDelivery(tx: Db, delivery: IncomingDelivery, classified: Classified) {
  const c = deliveryColumns(classified);
  // Every conflict bumps attempts, so attempts = 1 means "this statement inserted it".
  const rows = await queryRows<DeliveryRow>(
    namedStatement(
      "ingest_insert_delivery",
      Prisma.sql`INSERT INTO webhook_deliveries (message_id, event_type, status, error, headers, raw_body, provider_call_id, sent_at, processed_at)
     VALUES (${pgText(delivery.messageId)}, ${c.eventType}, ${c.status}, ${c.error}::jsonb, ${JSON.stringify(pgJson(delivery.headers))}::jsonb,
             ${storableBody(delivery.rawBody)}, ${c.providerCallId}, ${delivery.sentAt}, now())
     ON CONFLICT (message_id) DO UPDATE SET attempts = webhook_deliveries.attempts + 1
     RETURNING id, status, call_id, attempts`,
    ),
    tx,
  );
  const row = rows[0]!;
  return { ...row, inserted: row.attempts === 1 };
}

async function overwriteDelivery(tx: Db, id: string, delivery: IncomingDelivery, classified: Classified) {
  const c = deliveryColumns(classified);
  await execute(
    Prisma.sql`UPDATE webhook_deliveries
        SET event_type = ${c.eventType}, status = ${c.status}, error = ${c.error}::jsonb, headers = ${JSON.stringify(pgJson(delivery.headers))}::jsonb,
            raw_body = ${storableBody(delivery.rawBody)}, provider_call_id = ${c.providerCallId}, sent_at = ${delivery.sentAt},
            call_id = NULL, processed_at = now()
      WHERE id = ${id}::uuid`,
    tx,
  );
}

// The call columns a delivery fills (lib/calls/columns.ts), by how a later delivery merges into them.
const byRule = (rule: "required" | "optional" | "json") => INGEST_FIELDS.filter((f) => CALL_COLUMNS[f].ingest === rule);
const REQUIRED = byRule("required");
const OPTIONAL = byRule("optional");
const JSON_FIELDS = byRule("json");
const SCALARS = [...REQUIRED, ...OPTIONAL];
const col = (field: CallField) => ident(CALL_COLUMNS[field].column);
const cols = (fields: readonly CallField[], alias?: string) =>
  list(fields.map((f) => (alias ? ident(alias, CALL_COLUMNS[f].column) : col(f))));

type CallParam = IngestField | "providerCallId" | "deliveredAt" | "receivedAt" | "deliveryId";
type CallValues = Record<CallParam, unknown>;

/*
 * The two statements below bind the same values; each use of a value is a
 * placeholder of its own (Prisma numbers them in order), so the text of each
 * statement never changes and it stays prepared per connection.
 */
const typed = (v: CallValues, name: CallParam, type: string) => Prisma.sql`${v[name]}::${ident(type)}`;
const value = (v: CallValues, field: IngestField) => typed(v, field, CALL_COLUMNS[field].pgType);
const jsonValue = (v: CallValues, field: IngestField) => Prisma.sql`COALESCE(${value(v, field)}, '{}'::jsonb)`;
const delivered = (v: CallValues) => typed(v, "deliveredAt", "timestamptz");
const received = (v: CallValues) => Prisma.sql`COALESCE(${typed(v, "receivedAt", "timestamptz")}, now())`;

// Link the inbox row to the stored call and queue the NOTIFY (sent by
// PostgreSQL only if the transaction commits), in the same statement.
const linkAndNotify = (v: CallValues) => Prisma.sql`
linked AS (
  UPDATE webhook_deliveries SET call_id = stored.id FROM stored WHERE webhook_deliveries.id = ${typed(v, "deliveryId", "uuid")} RETURNING webhook_deliveries.id
)
SELECT stored.id, stored.provider_call_id, stored.inserted, (SELECT count(*) FROM linked)::int AS linked,
       (${notifyCallChangedSql({ id: Prisma.sql`stored.id`, providerCallId: Prisma.sql`stored.provider_call_id`, receivedAt: Prisma.sql`stored.received_at`, inserted: Prisma.sql`stored.inserted` })})::text AS notified
  FROM stored`;

/*
 * New calls (the common case) take a plain insert; only when the call exists
 * does a second statement merge into it. ON CONFLICT DO NOTHING waits for a
 * concurrent insert of the same call and then yields, so the merge that
 * follows sees it. (An upsert with DO UPDATE would also fire the calls'
 * statement-level UPDATE triggers, the analytics rollups, for every new call.)
 */
const insertCall = (v: CallValues) =>
  namedStatement(
    "ingest_insert_call",
    Prisma.sql`
WITH stored AS (
  INSERT INTO calls (provider_call_id, ${cols([...SCALARS, ...JSON_FIELDS])}, delivered_at, received_at, updated_at)
  VALUES (${typed(v, "providerCallId", "text")}, ${list(SCALARS.map((f) => value(v, f)))}, ${list(JSON_FIELDS.map((f) => jsonValue(v, f)))},
          ${delivered(v)}, ${received(v)}, now())
  ON CONFLICT (provider_call_id) DO NOTHING
  RETURNING id, provider_call_id, received_at, true AS inserted
),${linkAndNotify(v)}`,
  );

/**
 * The merge into a known call. Per column: a value from the newer delivery
 * wins, a null never erases a known value, and an older delivery (say, an
 * invalid one replayed after a fix) only fills gaps. JSON objects merge key
 * by key, the newer delivery's keys winning. received_at stays the first receipt.
 */
const mergeCall = (v: CallValues) => {
  const newer = Prisma.sql`(${delivered(v)} IS NULL OR c.delivered_at IS NULL OR ${delivered(v)} >= c.delivered_at)`;
  const old = (f: IngestField) => ident("c", CALL_COLUMNS[f].column);
  return namedStatement(
    "ingest_merge_call",
    Prisma.sql`
WITH stored AS (
  UPDATE calls c SET
    ${list(
      [
        ...REQUIRED.map((f) => Prisma.sql`${col(f)} = CASE WHEN ${newer} THEN ${value(v, f)} ELSE ${old(f)} END`),
        ...OPTIONAL.map(
          (f) =>
            Prisma.sql`${col(f)} = CASE WHEN ${newer} THEN COALESCE(${value(v, f)}, ${old(f)}) ELSE COALESCE(${old(f)}, ${value(v, f)}) END`,
        ),
        ...JSON_FIELDS.map(
          (f) => Prisma.sql`${col(f)} = CASE WHEN ${newer} THEN ${old(f)} || ${jsonValue(v, f)} ELSE ${jsonValue(v, f)} || ${old(f)} END`,
        ),
      ],
      ",\n    ",
    )},
    delivered_at = GREATEST(c.delivered_at, ${delivered(v)}),
    received_at = LEAST(c.received_at, ${received(v)}),
    updated_at = now()
  WHERE c.provider_call_id = ${typed(v, "providerCallId", "text")}
  RETURNING id, provider_call_id, received_at, false AS inserted
),${linkAndNotify(v)}`,
  );
};

/** A payload field as its column stores it: pg-safe text, JSON text for jsonb (null when absent). */
function ingestValue(call: PhoneCallEnded, field: IngestField): unknown {
  const raw: unknown = field === "requestMetadata" ? call.metadata?.requestMetadata : call[field];
  if (CALL_COLUMNS[field].pgType === "jsonb") return raw ? JSON.stringify(pgJson(raw)) : null;
  return typeof raw === "string" ? pgText(raw) : (raw ?? null);
}

function callValues(call: PhoneCallEnded, deliveredAt: Date | null, receivedAt: Date | null): Omit<CallValues, "deliveryId"> {
  const values = { providerCallId: pgText(call.providerCallId), deliveredAt, receivedAt } as Omit<CallValues, "deliveryId">;
  for (const field of INGEST_FIELDS) values[field] = ingestValue(call, field);
  return values;
}

/** After the inbox row holds `classified`'s status: store the call (if any) and tell listeners. */
async function applyClassified(
  tx: Db,
  deliveryId: string,
  classified: Classified,
  times: { deliveredAt: Date | null; receivedAt: Date | null },
): Promise<IngestOutcome> {
  switch (classified.kind) {
    case "ignored":
      return { status: "ignored", deliveryId, eventType: classified.eventType };
    case "invalid":
      return { status: "invalid", deliveryId, error: classified.error };
    case "call": {
      const values: CallValues = { ...callValues(classified.call, times.deliveredAt, times.receivedAt), deliveryId };
      type Stored = { id: string; provider_call_id: string; inserted: boolean; linked: number };
      // Named: prepared once per connection, so the hot path skips parsing and planning.
      const call = (await queryRows<Stored>(insertCall(values), tx))[0] ?? (await queryRows<Stored>(mergeCall(values), tx))[0];
      if (call?.linked !== 1) throw new Error(`The call or delivery ${deliveryId} vanished while the call was stored.`);
      return {
        status: "processed",
        deliveryId,
        callId: call.id,
        providerCallId: call.provider_call_id,
        op: call.inserted ? "insert" : "update",
      };
    }
  }
}

/*
 * The common case, a message never seen before bringing a call never seen
 * before, in one autocommitted statement for a whole batch of deliveries
 * (group commit). Per row: the call is inserted only if no inbox row for the
 * message exists, and the inbox row only with the call, so the statement
 * stores both or neither. A row that yields nothing (a retry, a known call, a
 * concurrent copy that got there first) takes the general transaction in
 * ingestDelivery. Concurrent copies of one new call meet on the calls' unique
 * index: the second waits for the first, then inserts nothing. Rows go in key
 * order, so two batches never wait on each other in a cycle.
 *
 * Why batch: at a few hundred deliveries a second the fixed cost of a
 * statement (a round trip, executor start-up, the analytics rollup trigger,
 * a commit) was as large as the row's own work; a batch pays it once.
 */
type BatchParam = Exclude<CallParam, "receivedAt" | "deliveryId"> | "messageId" | "eventType" | "headers" | "rawBody";
const BATCH_FIELDS: [BatchParam, string, string][] = [
  ["providerCallId", "provider_call_id", "text"],
  ...INGEST_FIELDS.map((f): [BatchParam, string, string] => [f, CALL_COLUMNS[f].column, CALL_COLUMNS[f].pgType]),
  ["deliveredAt", "delivered_at", "timestamptz"],
  ["messageId", "message_id", "text"],
  ["eventType", "event_type", "text"],
  ["headers", "headers", "jsonb"],
  ["rawBody", "raw_body", "text"],
];
const BATCH_COLUMNS = list(BATCH_FIELDS.map(([, column]) => ident(column)));

/** One array per column (unnest takes them side by side), each bound once. */
const insertNewCallsSql = (columns: Record<BatchParam, unknown[]>) =>
  namedStatement(
    "ingest_insert_new_calls",
    Prisma.sql`
WITH input AS (
  SELECT * FROM unnest(${list(BATCH_FIELDS.map(([name, , type]) => Prisma.sql`${columns[name]}::${ident(type)}[]`))})
    AS i(${BATCH_COLUMNS})
),
stored AS (
  INSERT INTO calls (provider_call_id, ${cols(INGEST_FIELDS)}, delivered_at, updated_at)
  SELECT i.provider_call_id, ${cols(SCALARS, "i")}, ${list(JSON_FIELDS.map((f) => Prisma.sql`COALESCE(${ident("i", CALL_COLUMNS[f].column)}, '{}'::jsonb)`))}, i.delivered_at, now()
    FROM input i
   WHERE NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.message_id = i.message_id)
   ORDER BY i.provider_call_id
  ON CONFLICT (provider_call_id) DO NOTHING
  RETURNING id, provider_call_id, received_at
),
kept AS (
  INSERT INTO webhook_deliveries (message_id, event_type, status, headers, raw_body, provider_call_id, sent_at, processed_at, call_id)
  SELECT i.message_id, i.event_type, 'processed', i.headers, i.raw_body, s.provider_call_id, i.delivered_at, now(), s.id
    FROM stored s JOIN input i ON i.provider_call_id = s.provider_call_id
   ORDER BY i.message_id
  -- Only if the message was kept as failed by a concurrent attempt meanwhile: this success supersedes it.
  ON CONFLICT (message_id) DO UPDATE
    SET status = 'processed', error = NULL, event_type = EXCLUDED.event_type, headers = EXCLUDED.headers, raw_body = EXCLUDED.raw_body,
        provider_call_id = EXCLUDED.provider_call_id, sent_at = EXCLUDED.sent_at, call_id = EXCLUDED.call_id,
        attempts = webhook_deliveries.attempts + 1, processed_at = now()
  RETURNING id, message_id, call_id
)
SELECT kept.message_id, kept.id AS delivery_id, stored.id, stored.provider_call_id,
       (${notifyCallChangedSql({ id: Prisma.sql`stored.id`, providerCallId: Prisma.sql`stored.provider_call_id`, receivedAt: Prisma.sql`stored.received_at`, inserted: Prisma.sql`true` })})::text AS notified
  FROM kept JOIN stored ON stored.id = kept.call_id`,
  );

interface NewCall {
  delivery: IncomingDelivery;
  classified: Extract<Classified, { kind: "call" }>;
}

/** One row of the batch statement, by parameter name. */
function newCallRow({ delivery, classified }: NewCall): Record<BatchParam, unknown> {
  const { receivedAt: _receivedAt, ...call } = callValues(classified.call, delivery.sentAt, null);
  return {
    ...call,
    messageId: pgText(delivery.messageId),
    eventType: pgText(classified.eventType),
    headers: JSON.stringify(pgJson(delivery.headers)),
    rawBody: storableBody(delivery.rawBody),
  };
}

/**
 * Stores a batch with INSERT_NEW_CALLS. Per item: the outcome, or null when
 * the item must take the general path (see above). A second copy of a
 * message or call within one batch is not sent (one statement cannot insert
 * a key twice) and takes the general path, where it waits for the first.
 */
async function insertNewCalls(items: readonly NewCall[]): Promise<(IngestOutcome | null)[]> {
  const messages = new Set<string>();
  const calls = new Set<string>();
  const sent = new Set(
    items.filter(({ delivery, classified }) => {
      const messageId = pgText(delivery.messageId)!;
      const callId = pgText(classified.call.providerCallId)!;
      if (messages.has(messageId) || calls.has(callId)) return false;
      messages.add(messageId);
      calls.add(callId);
      return true;
    }),
  );
  const rows = [...sent].map(newCallRow);
  // unnest takes one array per column.
  const columns = Object.fromEntries(BATCH_FIELDS.map(([name]) => [name, rows.map((row) => row[name])])) as Record<BatchParam, unknown[]>;
  const stored = await queryRows<{ message_id: string; delivery_id: string; id: string; provider_call_id: string }>(
    insertNewCallsSql(columns),
  );
  const byMessage = new Map(stored.map((row) => [row.message_id, row]));
  return items.map((item) => {
    const row = sent.has(item) ? byMessage.get(pgText(item.delivery.messageId)!) : undefined;
    return row
      ? { status: "processed", deliveryId: row.delivery_id, callId: row.id, providerCallId: row.provider_call_id, op: "insert" }
      : null;
  });
}

// Batches in flight at once: enough to keep PostgreSQL busy on every core
// while the next batch gathers; more would only make batches smaller.
const MAX_BATCHES_IN_FLIGHT = 2;
const MAX_BATCH_SIZE = 32;

/**
 * Group commit for new calls: a delivery waits for nothing when a batch slot
 * is free (it goes out on the next turn of the event loop with whatever
 * arrived in the same turn); when all slots are busy, deliveries gather and
 * leave together as soon as one frees. DataLoader does the gathering and the
 * fan-out of results; the slot count is ours.
 */
function createNewCallBatcher(): DataLoader<NewCall, IngestOutcome | null> {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  return new DataLoader<NewCall, IngestOutcome | null>(
    async (items) => {
      try {
        return await insertNewCalls(items);
      } catch (error) {
        // Every item learns the failure and takes its own path with it (a 503, or the general transaction).
        return items.map(() => (error instanceof Error ? error : new Error(String(error))));
      } finally {
        inFlight--;
        waiting.shift()?.();
      }
    },
    {
      cache: false,
      maxBatchSize: MAX_BATCH_SIZE,
      batchScheduleFn: (dispatch) => {
        if (inFlight < MAX_BATCHES_IN_FLIGHT) {
          inFlight++;
          setImmediate(dispatch);
        } else {
          waiting.push(() => {
            inFlight++;
            dispatch();
          });
        }
      },
    },
  );
}

const globalForBatcher = globalThis as unknown as { leversNewCallBatcher?: DataLoader<NewCall, IngestOutcome | null> };

// A body this large (real ones are a few KB; the cap is 5 MiB) goes in a
// statement of its own, so no batch statement grows past ~32 × 2 × 256 KiB.
const MAX_BATCHED_BODY_CHARS = 256 * 1024;

/** The first attempt at a new call: batched with its neighbours. Null: take the general path. */
async function insertNewCall(delivery: IncomingDelivery, classified: Extract<Classified, { kind: "call" }>): Promise<IngestOutcome | null> {
  try {
    if (delivery.rawBody.length > MAX_BATCHED_BODY_CHARS) return (await insertNewCalls([{ delivery, classified }]))[0] ?? null;
    globalForBatcher.leversNewCallBatcher ??= createNewCallBatcher();
    return await globalForBatcher.leversNewCallBatcher.load({ delivery, classified });
  } catch (error) {
    if (isDatabaseUnavailable(error) && !isRetryableConflict(error)) throw error;
    // Anything else (a row the batch could not take, a deadlock): the general path, alone.
    return null;
  }
}

function processingError(cause: unknown): DeliveryError {
  const code = sqlState(cause);
  return { kind: "processing", message: `Storing the call failed: ${databaseMessage(cause)}${code ? ` (${code})` : ""}` };
}

/**
 * The transaction failed for a reason a retry will not fix. Keep the raw
 * delivery as `failed` (for replay after a fix) in a transaction of its own,
 * so nothing is lost; if even that fails, 503 makes the sender retry.
 */
async function recordFailure(delivery: IncomingDelivery, classified: Classified, cause: unknown): Promise<IngestOutcome> {
  const error = processingError(cause);
  console.error(`[webhooks] delivery ${delivery.messageId} kept as failed: ${error.message}`);
  try {
    return await inTransaction(async (tx) => {
      const rows = await queryRows<{ id: string }>(
        Prisma.sql`INSERT INTO webhook_deliveries (message_id, event_type, status, error, headers, raw_body, provider_call_id, sent_at, processed_at)
         VALUES (${pgText(delivery.messageId)}, ${pgText(classified.eventType)}, 'failed', ${JSON.stringify(pgJson(error))}::jsonb,
                 ${JSON.stringify(pgJson(delivery.headers))}::jsonb, ${storableBody(delivery.rawBody)}, ${deliveryColumns(classified).providerCallId},
                 ${delivery.sentAt}, now())
         ON CONFLICT (message_id) DO UPDATE
           SET status = 'failed', error = EXCLUDED.error, headers = EXCLUDED.headers, raw_body = EXCLUDED.raw_body,
               sent_at = EXCLUDED.sent_at, attempts = webhook_deliveries.attempts + 1, processed_at = now()
           WHERE webhook_deliveries.status NOT IN ('processed', 'ignored')
         RETURNING id`,
        tx,
      );
      if (rows[0]) return { status: "failed", deliveryId: rows[0].id, error } satisfies IngestOutcome;
      // A concurrent copy of this message was stored meanwhile.
      const existing = await queryRows<{ id: string; call_id: string | null }>(
        Prisma.sql`SELECT id, call_id FROM webhook_deliveries WHERE message_id = ${pgText(delivery.messageId)}`,
        tx,
      );
      return { status: "duplicate", deliveryId: existing[0]!.id, callId: existing[0]!.call_id } satisfies IngestOutcome;
    });
  } catch (secondError) {
    throw new DatabaseUnavailableError(secondError);
  }
}

export interface StoredDeliveryResult {
  found: boolean;
  before?: DeliveryStatus;
  outcome?: IngestOutcome;
  error?: DeliveryError;
}

/**
 * Re-runs classification and storage for one stored delivery (replay). A
 * delivery that is already processed is left alone, so replay is idempotent.
 * Uses the delivery's own times, so an old delivery never overrides newer
 * data, and a call first created by replay keeps its original receipt time.
 */
export async function reprocessStoredDelivery(id: string, classify: (rawBody: string) => Classified): Promise<StoredDeliveryResult> {
  let before: DeliveryStatus | undefined;
  try {
    return await inTransaction(async (tx) => {
      const rows = await queryRows<{ status: DeliveryStatus; raw_body: string; sent_at: Date | null; received_at: Date }>(
        Prisma.sql`SELECT status, raw_body, sent_at, received_at FROM webhook_deliveries WHERE id = ${id}::uuid FOR UPDATE`,
        tx,
      );
      const row = rows[0];
      if (!row) return { found: false };
      before = row.status;
      if (row.status === "processed") return { found: true, before };
      const classified = classify(row.raw_body);
      const c = deliveryColumns(classified);
      await execute(
        Prisma.sql`UPDATE webhook_deliveries
            SET event_type = ${c.eventType}, status = ${c.status}, error = ${c.error}::jsonb, provider_call_id = COALESCE(${c.providerCallId}, provider_call_id),
                call_id = NULL, processed_at = now()
          WHERE id = ${id}::uuid`,
        tx,
      );
      const outcome = await applyClassified(tx, id, classified, { deliveredAt: row.sent_at, receivedAt: row.received_at });
      return { found: true, before, outcome };
    });
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) throw error;
    if (isDatabaseUnavailable(error)) throw new DatabaseUnavailableError(error);
    const failure = processingError(error);
    await execute(
      Prisma.sql`UPDATE webhook_deliveries SET status = 'failed', error = ${JSON.stringify(pgJson(failure))}::jsonb, processed_at = now()
                  WHERE id = ${id}::uuid AND status <> 'processed'`,
    ).catch((secondError: unknown) => {
      throw new DatabaseUnavailableError(secondError);
    });
    return { found: true, before, error: failure };
  }
}
