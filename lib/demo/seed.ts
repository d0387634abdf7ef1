import pg from "pg";
import { PHONE_CALL_ENDED, phoneCallEndedSchema } from "../ingest/payload-schema";
import { complianceDemoCalls } from "./compliance";
import { CALL_COPY_COLUMNS, callCopyLine, copyField, copyLines } from "./copy";
import { type GeneratedCall, generateCalls } from "./generate";
import { HISTORY_CALLS, historyCalls } from "./histories";
import { seedDemoReviews } from "./reviews";
import { base62, intBetween, mixSeed, mulberry32, type Rng, uuid7 } from "./rng";
import { SHOWCASE_CALLS, showcaseCalls } from "./showcase";

/**
 * Demo data for an empty database (`npm start` on the embedded PostgreSQL,
 * `npm run db:seed`, the e2e server): realistic calls over the last 120 days,
 * each with the inbox row of the webhook delivery that brought it, plus a few
 * invalid and ignored deliveries for the admin pages. Loaded with COPY in one
 * transaction; deterministic for a given `now`; safe to run twice (unique keys).
 */

export const DEMO_DAYS = 120;
export const DEFAULT_DEMO_CALLS = 2400;
const DEMO_SEED = 0x1e7e25;
// Two processes seeding one database at once wait for each other.
const SEED_LOCK = "7347202611280001";
const USER_AGENT = "Svix-Webhooks/1.62.0 (sender-2x4Lk; +https://www.svix.com/http-sender/)";

export interface SeedOptions {
  onlyIfEmpty: boolean;
  log: (line: string) => void;
  calls?: number;
  now?: Date;
}

export interface SeedResult {
  seeded: boolean;
  /** Calls added by this run. */
  calls: number;
  /** Calls generated but already in the database (same providerCallId), so left alone. */
  skipped: number;
  /** With onlyIfEmpty: the calls already there, which is why nothing was seeded. */
  existing: number;
  notes: string[];
}

const DELIVERY_COLUMNS = [
  "message_id",
  "event_type",
  "status",
  "error",
  "headers",
  "raw_body",
  "provider_call_id",
  "sent_at",
  "received_at",
  "processed_at",
  "attempts",
] as const;

export interface DeliveryRow {
  messageId: string;
  eventType: string | null;
  status: "processed" | "invalid" | "ignored";
  error: unknown;
  rawBody: string;
  providerCallId: string | null;
  sentAt: Date;
  receivedAt: Date;
  attempts: number;
}

function deliveryCopyLine(d: DeliveryRow): string {
  // No svix-signature: a signature is only meaningful against the endpoint
  // secret, which demo mode creates after seeding, and stored deliveries are
  // never re-verified (Svix's 5-minute window has long passed).
  const headers = {
    "content-type": "application/json",
    "svix-id": d.messageId,
    "svix-timestamp": String(Math.floor(d.sentAt.getTime() / 1000)),
    "user-agent": USER_AGENT,
  };
  // Processing takes a few milliseconds; varied (deterministically) so the admin page does not show one constant.
  const processedAt = new Date(d.receivedAt.getTime() + 4 + (d.messageId.charCodeAt(5) % 30));
  const fields = [
    copyField(d.messageId),
    copyField(d.eventType),
    d.status,
    copyField(d.error === undefined ? null : JSON.stringify(d.error)),
    copyField(JSON.stringify(headers)),
    copyField(d.rawBody),
    copyField(d.providerCallId),
    d.sentAt.toISOString(),
    d.receivedAt.toISOString(),
    processedAt.toISOString(),
    String(d.attempts),
  ];
  return `${fields.join("\t")}\n`;
}

/** The inbox row of the delivery that brought a call: top-level fields mostly, the `{ type, data }` envelope sometimes. */
function processedDelivery(call: GeneratedCall, rng: Rng): DeliveryRow {
  const envelope = rng() < 0.2;
  return {
    messageId: call.messageId,
    eventType: PHONE_CALL_ENDED,
    status: "processed",
    error: undefined,
    rawBody: JSON.stringify(envelope ? { type: PHONE_CALL_ENDED, data: call.payload } : call.payload),
    providerCallId: call.payload.providerCallId,
    sentAt: call.sentAt,
    receivedAt: call.receivedAt,
    // A few arrived on Svix's retry after an earlier attempt failed.
    attempts: rng() < 0.02 ? 2 : 1,
  };
}

/** Deliveries the webhook rejected (422) or acknowledged without storing a call, with their errors. */
function rejectedDeliveries(template: GeneratedCall, now: Date, rng: Rng): DeliveryRow[] {
  const base = template.payload;
  const variants: Array<{ minutesAgo: number; body: Record<string, unknown> }> = [
    { minutesAgo: 55, body: { ...base, numberTo: "+1 (555) 01X-9921" } },
    { minutesAgo: 190, body: { ...base, duration: -12 } },
    { minutesAgo: 640, body: { ...base, providerCallId: undefined, duration: "95" } },
    { minutesAgo: 1500, body: { ...base, numberFrom: "n/a" } },
    { minutesAgo: 2900, body: { ...base, duration: 42.5 } },
    { minutesAgo: 4300, body: { ...base, callOutput: "", sentimentOutput: 7 } },
  ];
  const rows: DeliveryRow[] = variants.map(({ minutesAgo, body }) => {
    const receivedAt = new Date(now.getTime() - minutesAgo * 60_000 - intBetween(rng, 0, 59_000));
    if ("providerCallId" in body && body.providerCallId !== undefined) body.providerCallId = uuid7(rng, receivedAt.getTime() - 90_000);
    const result = phoneCallEndedSchema.safeParse(body);
    if (result.success) throw new Error("A demo 'invalid' delivery passed validation; the payload schema changed");
    return {
      messageId: `msg_${base62(rng, 27)}`,
      eventType: PHONE_CALL_ENDED,
      status: "invalid",
      error: {
        issues: result.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })),
      },
      rawBody: JSON.stringify(body),
      providerCallId: typeof body.providerCallId === "string" ? body.providerCallId : null,
      sentAt: new Date(Math.floor(receivedAt.getTime() / 1000) * 1000),
      receivedAt,
      attempts: 1,
    };
  });
  const ignored: Array<{ minutesAgo: number; type: string; data: Record<string, unknown> }> = [
    {
      minutesAgo: 95,
      type: "phone_call.started",
      data: { providerCallId: uuid7(rng, now.getTime() - 95 * 60_000), numberFrom: base.numberFrom, numberTo: base.numberTo },
    },
    {
      minutesAgo: 3100,
      type: "message.attempt.exhausted",
      data: {
        appId: `app_${base62(rng, 27)}`,
        msgId: `msg_${base62(rng, 27)}`,
        endpointId: `ep_${base62(rng, 27)}`,
        lastAttempt: {
          id: `atmpt_${base62(rng, 27)}`,
          responseStatusCode: 503,
          timestamp: new Date(now.getTime() - 3100 * 60_000).toISOString(),
        },
      },
    },
  ];
  for (const { minutesAgo, type, data } of ignored) {
    const receivedAt = new Date(now.getTime() - minutesAgo * 60_000);
    rows.push({
      messageId: `msg_${base62(rng, 27)}`,
      eventType: type,
      status: "ignored",
      error: undefined,
      rawBody: JSON.stringify({ type, data }),
      providerCallId: typeof data.providerCallId === "string" ? data.providerCallId : null,
      sentAt: new Date(Math.floor(receivedAt.getTime() / 1000) * 1000),
      receivedAt,
      attempts: 1,
    });
  }
  return rows;
}

/**
 * The calls and inbox rows the seed writes for `now`. Deterministic for a given
 * minute (tests recompute it); a forced reseed at another time adds new calls
 * instead of colliding with the first ones.
 */
export function buildDemoData(now: Date, total: number): { calls: GeneratedCall[]; deliveries: DeliveryRow[] } {
  const seed = mixSeed(DEMO_SEED, Math.floor(now.getTime() / 60_000));
  const compliance = complianceDemoCalls(now);
  const calls = [
    ...generateCalls({ seed, count: Math.max(0, total - SHOWCASE_CALLS.length - HISTORY_CALLS - compliance.length), days: DEMO_DAYS, now }),
    ...showcaseCalls(now),
    ...historyCalls(now),
    ...compliance,
  ];
  const rng = mulberry32(mixSeed(seed, 1));
  const deliveries = [...calls.map((c) => processedDelivery(c, rng)), ...rejectedDeliveries(calls[0]!, now, rng)];
  return { calls, deliveries };
}

export async function seedDemoData(databaseUrl: string, options: SeedOptions): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const total = Math.max(options.calls ?? DEFAULT_DEMO_CALLS, SHOWCASE_CALLS.length + HISTORY_CALLS);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1::bigint)", [SEED_LOCK]);
    if (options.onlyIfEmpty) {
      const { rows } = await client.query<{ has: boolean }>("SELECT EXISTS (SELECT 1 FROM calls) AS has");
      if (rows[0]?.has) {
        const count = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM calls");
        await client.query("ROLLBACK");
        return { seeded: false, calls: 0, skipped: 0, existing: count.rows[0]!.n, notes: [] };
      }
    }
    options.log(`Seeding demo data: ${total.toLocaleString("en-US")} calls over the last ${DEMO_DAYS} days…`);

    const { calls, deliveries } = buildDemoData(now, total);

    await client.query("CREATE TEMP TABLE demo_calls (LIKE calls INCLUDING DEFAULTS) ON COMMIT DROP");
    await client.query("CREATE TEMP TABLE demo_deliveries (LIKE webhook_deliveries INCLUDING DEFAULTS) ON COMMIT DROP");
    await copyLines(client, "demo_calls", CALL_COPY_COLUMNS, calls.map(callCopyLine));
    await copyLines(client, "demo_deliveries", DELIVERY_COLUMNS, deliveries.map(deliveryCopyLine));

    const columns = CALL_COPY_COLUMNS.map((c) => `"${c}"`).join(", ");
    const inserted = await client.query(
      `INSERT INTO calls (${columns}) SELECT ${columns} FROM demo_calls ORDER BY received_at ON CONFLICT (provider_call_id) DO NOTHING`,
    );
    const deliveryColumns = DELIVERY_COLUMNS.map((c) => `"${c}"`).join(", ");
    const insertedDeliveries = await client.query(
      `INSERT INTO webhook_deliveries (${deliveryColumns}, call_id)
       SELECT ${DELIVERY_COLUMNS.map((c) => `d."${c}"`).join(", ")}, c.id
       FROM demo_deliveries d
       LEFT JOIN calls c ON c.provider_call_id = d.provider_call_id AND d.status = 'processed'
       ORDER BY d.received_at
       ON CONFLICT (message_id) DO NOTHING`,
    );
    const qa = await seedDemoReviews(client, now);
    await client.query("COMMIT");
    // Fresh statistics, so the planner (and the list's estimated totals) see the new rows at once.
    await client.query("ANALYZE calls, webhook_deliveries");

    const seeded = inserted.rowCount ?? 0;
    const skipped = calls.length - seeded;
    const deliveryCount = insertedDeliveries.rowCount ?? 0;
    const notes = [
      `Demo data: added ${seeded.toLocaleString("en-US")} calls over the last ${DEMO_DAYS} days and ` +
        `${deliveryCount.toLocaleString("en-US")} webhook deliveries${deliveryCount >= deliveries.length ? " (6 invalid, 2 ignored)" : ""}.`,
    ];
    if (qa.reviews) notes.push(`Demo QA: ${qa.reviews} scored calls and ${qa.overrides} agents' corrections (Review, Analytics).`);
    if (skipped) {
      notes.push(
        `${skipped.toLocaleString("en-US")} of the ${calls.length.toLocaleString("en-US")} generated calls were already in the database ` +
          "(same providerCallId: the showcase calls always keep theirs), so they were left as they were.",
      );
    }
    return { seeded: true, calls: seeded, skipped, existing: 0, notes };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
