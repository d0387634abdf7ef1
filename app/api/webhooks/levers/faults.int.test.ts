import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { testPool, useTestDatabase } from "@/lib/testing/database";
import { buildPayload } from "@/lib/testing/payload-factory";
import { generateTestSecret, signDelivery, signedWebhookRequest, WEBHOOK_URL } from "@/lib/testing/svix";
import { useWebhookSecret } from "@/lib/testing/webhook-secret";
import { POST } from "./route";

/**
 * The webhook when something below it misbehaves: the request body breaks
 * off mid-read, the database hangs, transactions conflict. Each must end in
 * a deliberate answer the sender can act on, and never in a lost or doubled call.
 */
const SECRET = generateTestSecret();

async function answer(response: Response) {
  const body = (await response.json()) as { status?: string; error?: string; callId?: string };
  return { status: response.status, error: body.error, outcome: body.status, retryAfter: response.headers.get("retry-after") };
}

async function count(sql: string, values: unknown[] = []): Promise<number> {
  const { rows } = await testPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, values);
  return rows[0]!.n;
}

describe("POST /api/webhooks/levers under faults", () => {
  const db = useTestDatabase();
  useWebhookSecret(SECRET);
  let other: pg.Client;

  beforeAll(async () => {
    other = new pg.Client({ connectionString: db.url() });
    await other.connect();
    // Refusals are logged; keep the output readable.
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(console, "warn").mockImplementation(() => {});
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await other.end();
  });

  it("answers 400 unreadable_body when the body stream errors mid-read, and stores nothing", async () => {
    const raw = JSON.stringify(buildPayload());
    const half = new TextEncoder().encode(raw.slice(0, 100));
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(half);
        else controller.error(new Error("connection reset by peer"));
      },
    });
    const headers = signDelivery(raw, SECRET);
    const before = await count("webhook_deliveries");
    const response = await POST(new Request(WEBHOOK_URL, { method: "POST", headers, body: stream, duplex: "half" } as RequestInit));
    expect(await answer(response)).toEqual({ status: 400, error: "unreadable_body", outcome: undefined, retryAfter: null });
    expect(pulls).toBeGreaterThan(1); // it did read, then broke
    expect(await count("webhook_deliveries")).toBe(before);
  });

  describe("a hung database", () => {
    afterEach(async () => {
      await other.query("ROLLBACK").catch(() => {});
    });

    it("gives up after the statement timeout with 503 database_unavailable and Retry-After, well inside the sender's 15 s; the retry stores the call once", {
      timeout: 40_000,
    }, async () => {
      const payload = buildPayload();
      const first = signedWebhookRequest(payload, { secret: SECRET });
      // Another session holds the inbox and the calls table: every write waits, as on a hung server.
      await other.query("BEGIN");
      await other.query("LOCK TABLE webhook_deliveries, calls IN ACCESS EXCLUSIVE MODE");
      const started = Date.now();
      const refused = await answer(await POST(first.request));
      const took = Date.now() - started;
      await other.query("ROLLBACK");

      expect(refused).toEqual({ status: 503, error: "database_unavailable", outcome: undefined, retryAfter: "5" });
      expect(took).toBeGreaterThanOrEqual(7_000); // it did wait for the database: the 8 s timeout
      expect(took).toBeLessThan(15_000);

      // Svix retries the same message. Whatever the abandoned statement did once the lock went, one call.
      const retry = signedWebhookRequest(first.raw, { secret: SECRET, id: first.messageId });
      const again = await answer(await POST(retry.request));
      expect(again.status).toBe(200);
      expect(["processed", "duplicate"]).toContain(again.outcome);
      await expect.poll(() => count("calls WHERE provider_call_id = $1", [payload.providerCallId])).toBe(1);
      expect(await count("webhook_deliveries WHERE message_id = $1", [first.messageId])).toBe(1);
    });
  });

  describe("serialization conflicts", () => {
    // A trigger that fails the next `budget` writes to the inbox with 40001
    // (serialization_failure), the error PostgreSQL raises when concurrent
    // transactions conflict. The sequence counts attempts across rollbacks.
    beforeAll(async () => {
      await testPool().query(`
        CREATE TABLE test_conflict_budget (n int NOT NULL);
        INSERT INTO test_conflict_budget VALUES (0);
        CREATE SEQUENCE test_conflict_attempts;
        CREATE FUNCTION test_inject_conflict() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF nextval('test_conflict_attempts') <= (SELECT n FROM test_conflict_budget) THEN
            RAISE EXCEPTION 'injected serialization failure' USING ERRCODE = '40001';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER test_inject_conflict BEFORE INSERT ON webhook_deliveries FOR EACH ROW EXECUTE FUNCTION test_inject_conflict();
      `);
    });
    afterAll(async () => {
      await testPool().query(`DROP TRIGGER test_inject_conflict ON webhook_deliveries; DROP FUNCTION test_inject_conflict();`);
    });
    async function failNext(n: number) {
      await testPool().query(`SELECT setval('test_conflict_attempts', 1, false)`);
      await testPool().query(`UPDATE test_conflict_budget SET n = $1`, [n]);
    }
    async function attempts(): Promise<number> {
      const { rows } = await testPool().query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value, is_called FROM test_conflict_attempts`,
      );
      return rows[0]!.is_called ? Number(rows[0]!.last_value) : 0;
    }

    it("retries a conflicting delivery and stores it once", async () => {
      // The batched first try and two transactions conflict; the third transaction goes through.
      await failNext(3);
      const payload = buildPayload();
      const { request, messageId } = signedWebhookRequest(payload, { secret: SECRET });
      const result = await answer(await POST(request));
      expect(result).toMatchObject({ status: 200, outcome: "processed", retryAfter: null });
      expect(await attempts()).toBe(4);
      expect(await count("calls WHERE provider_call_id = $1", [payload.providerCallId])).toBe(1);
      const { rows } = await testPool().query(
        `SELECT status, call_id IS NOT NULL AS linked FROM webhook_deliveries WHERE message_id = $1`,
        [messageId],
      );
      expect(rows).toEqual([{ status: "processed", linked: true }]);
    });

    it("gives up after three conflicting transactions with 503 and Retry-After, storing nothing", async () => {
      await failNext(1_000);
      const payload = buildPayload();
      const { request, messageId } = signedWebhookRequest(payload, { secret: SECRET });
      expect(await answer(await POST(request))).toEqual({
        status: 503,
        error: "database_unavailable",
        outcome: undefined,
        retryAfter: "5",
      });
      expect(await attempts()).toBe(4); // bounded: the batch, then three transactions
      expect(await count("calls WHERE provider_call_id = $1", [payload.providerCallId])).toBe(0);
      expect(await count("webhook_deliveries WHERE message_id = $1", [messageId])).toBe(0);

      // Once the conflicts stop, the sender's retry is stored.
      await failNext(0);
      const retry = signedWebhookRequest(payload, { secret: SECRET, id: messageId });
      expect(await answer(await POST(retry.request))).toMatchObject({ status: 200, outcome: "processed" });
    });
  });
});
