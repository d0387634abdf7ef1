import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/levers/route";
import { testPool, useTestDatabase } from "@/lib/testing/database";
import { buildPayload } from "@/lib/testing/payload-factory";
import { generateTestSecret, signDelivery, signedWebhookRequest, WEBHOOK_URL } from "@/lib/testing/svix";
import { useWebhookSecret } from "@/lib/testing/webhook-secret";
import type { PhoneCallEndedPayload } from "./payload-schema";

/*
 * Group commit: concurrent first deliveries of new calls share one INSERT
 * (lib/ingest/store.ts, insertNewCalls). What a sender and a reader of the
 * calls must still see: every delivery stored exactly once, complete, linked
 * to its call and counted by the analytics rollups; one bad row never takes
 * its neighbours down.
 */

const SECRET = generateTestSecret();

async function send(body: PhoneCallEndedPayload, id?: string) {
  const { request, messageId } = signedWebhookRequest(body, { secret: SECRET, id });
  const response = await POST(request);
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, messageId };
}

describe("webhook ingestion under concurrency (group commit)", () => {
  useTestDatabase();
  useWebhookSecret(SECRET);

  it("stores 40 simultaneous new calls complete and linked, several to a statement, and the rollups count every one", async () => {
    const outcomes = ["PAYMENT PROMISE", "CALL BACK REQUESTED", "WRONG NUMBER", "REFUSED TO PAY"];
    const payloads = Array.from({ length: 40 }, (_, i) =>
      buildPayload({
        callOutput: outcomes[i % outcomes.length]!,
        duration: 10 + i,
        transcription: `AI: Hello.\nUser: Call ${i}, ${randomUUID()}.`,
      }),
    );
    const results = await Promise.all(payloads.map((p) => send(p)));
    expect(results.map((r) => [r.status, r.json.status, r.json.op])).toEqual(Array(40).fill([200, "processed", "insert"]));

    const { rows } = await testPool().query<{
      provider_call_id: string;
      call_output: string;
      duration: number;
      transcription: string;
      call_xmin: string;
      message_id: string;
      status: string;
      delivery_xmin: string;
    }>(
      `SELECT c.provider_call_id, c.call_output, c.duration, c.transcription, c.xmin::text AS call_xmin,
              d.message_id, d.status, d.xmin::text AS delivery_xmin
         FROM calls c JOIN webhook_deliveries d ON d.call_id = c.id
        WHERE c.provider_call_id = ANY($1::text[])`,
      [payloads.map((p) => p.providerCallId)],
    );
    expect(rows).toHaveLength(40);
    const byCall = new Map(rows.map((r) => [r.provider_call_id, r]));
    payloads.forEach((p, i) => {
      const row = byCall.get(p.providerCallId!)!;
      expect(row).toMatchObject({ call_output: p.callOutput, duration: p.duration, transcription: p.transcription, status: "processed" });
      expect(row.message_id).toBe(results[i]!.messageId);
      // The call and its inbox row commit together.
      expect(row.delivery_xmin).toBe(row.call_xmin);
    });
    // One transaction per delivery would give 40 different xmins.
    const transactions = new Set(rows.map((r) => r.call_xmin)).size;
    expect(transactions).toBeLessThanOrEqual(20);

    // The rollup trigger is per statement: a multi-row statement must count every row.
    const { rows: counts } = await testPool().query<{ call_output: string; calls: number; rolled: number }>(
      `SELECT c.call_output, c.calls, coalesce(r.calls, 0) AS rolled
         FROM (SELECT call_output, count(*)::int AS calls FROM calls GROUP BY 1) c
         LEFT JOIN (SELECT call_output, sum(calls)::int AS calls FROM analytics_call_rollup GROUP BY 1) r USING (call_output)`,
    );
    for (const row of counts) expect(row.rolled, row.call_output).toBe(row.calls);
  });

  it("copies of one message and several messages for one call, all in flight with new calls: each stored once", async () => {
    const repeated = buildPayload();
    const shared = buildPayload({ duration: 5 });
    const others = Array.from({ length: 12 }, () => buildPayload());
    const raw = JSON.stringify(repeated);
    const headers = signDelivery(raw, SECRET);
    const [copies, forShared, forOthers] = await Promise.all([
      Promise.all(
        Array.from({ length: 4 }, async () => {
          const response = await POST(new Request(WEBHOOK_URL, { method: "POST", headers: { ...headers }, body: raw }));
          return ((await response.json()) as { status: string }).status;
        }),
      ),
      Promise.all([0, 1, 2].map((i) => send({ ...shared, duration: 5 + i }))),
      Promise.all(others.map((p) => send(p))),
    ]);

    expect(copies.sort()).toEqual(["duplicate", "duplicate", "duplicate", "processed"]);
    expect(forShared.map((r) => r.json.status)).toEqual(["processed", "processed", "processed"]);
    expect(forShared.filter((r) => r.json.op === "insert")).toHaveLength(1);
    expect(forOthers.map((r) => r.json.status)).toEqual(Array(12).fill("processed"));

    const { rows } = await testPool().query<{ provider_call_id: string; calls: number; deliveries: number }>(
      `SELECT c.provider_call_id, count(DISTINCT c.id)::int AS calls, count(d.id)::int AS deliveries
         FROM calls c LEFT JOIN webhook_deliveries d ON d.call_id = c.id
        WHERE c.provider_call_id = ANY($1::text[])
        GROUP BY 1`,
      [[repeated, shared, ...others].map((p) => p.providerCallId)],
    );
    const found = Object.fromEntries(rows.map((r) => [r.provider_call_id, [r.calls, r.deliveries]]));
    expect(found[repeated.providerCallId!]).toEqual([1, 1]);
    expect(found[shared.providerCallId!]).toEqual([1, 3]);
    for (const p of others) expect(found[p.providerCallId!]).toEqual([1, 1]);
    const { rows: inbox } = await testPool().query(`SELECT attempts, status FROM webhook_deliveries WHERE message_id = $1`, [
      headers["svix-id"],
    ]);
    expect(inbox).toEqual([{ attempts: 4, status: "processed" }]);
  });

  it("a very large delivery is stored in a statement of its own, so batches stay small; the small ones still batch", async () => {
    const big = buildPayload({ transcription: `AI: Hello.\nUser: ${"I will pay next week. ".repeat(40_000)}` }); // ~880 KB
    const small = Array.from({ length: 20 }, () => buildPayload());
    const results = await Promise.all([big, ...small].map((p) => send(p)));
    expect(results.map((r) => r.json.status)).toEqual(Array(21).fill("processed"));

    const { rows } = await testPool().query<{ provider_call_id: string; xmin: string; length: number }>(
      `SELECT provider_call_id, xmin::text AS xmin, length(transcription) AS length FROM calls WHERE provider_call_id = ANY($1::text[])`,
      [[big, ...small].map((p) => p.providerCallId)],
    );
    const bigRow = rows.find((r) => r.provider_call_id === big.providerCallId)!;
    expect(bigRow.length).toBe(big.transcription!.length);
    const smallRows = rows.filter((r) => r.provider_call_id !== big.providerCallId);
    expect(smallRows.map((r) => r.xmin)).not.toContain(bigRow.xmin);
    expect(new Set(smallRows.map((r) => r.xmin)).size).toBeLessThan(20);
  });

  it("a call the database refuses is kept as failed for replay, and the calls sent with it are stored", async () => {
    const pool = testPool();
    await pool.query(`
      CREATE FUNCTION test_refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.provider_call_id LIKE 'poison-%' THEN RAISE EXCEPTION 'refused by the test'; END IF;
        RETURN NEW;
      END $$`);
    await pool.query(`CREATE TRIGGER test_refuse_poison BEFORE INSERT ON calls FOR EACH ROW EXECUTE FUNCTION test_refuse_poison()`);
    try {
      const poison = buildPayload({ providerCallId: `poison-${randomUUID()}` });
      const good = Array.from({ length: 15 }, () => buildPayload());
      const [bad, ...fine] = await Promise.all([poison, ...good].map((p) => send(p)));

      expect(bad!.status).toBe(202);
      expect(bad!.json).toMatchObject({ status: "failed" });
      expect(String(bad!.json.message)).toContain("refused by the test");
      const { rows: kept } = await pool.query(`SELECT status, call_id FROM webhook_deliveries WHERE message_id = $1`, [bad!.messageId]);
      expect(kept).toEqual([{ status: "failed", call_id: null }]);

      expect(fine.map((r) => [r.status, r.json.status])).toEqual(Array(15).fill([200, "processed"]));
      const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM calls WHERE provider_call_id = ANY($1::text[])`, [
        good.map((p) => p.providerCallId),
      ]);
      expect(rows[0]!.n).toBe(15);
    } finally {
      await pool.query(`DROP TRIGGER test_refuse_poison ON calls`);
      await pool.query(`DROP FUNCTION test_refuse_poison()`);
    }
  });
});
