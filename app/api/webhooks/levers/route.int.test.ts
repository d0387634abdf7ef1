import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setEnv } from "@/lib/env";
import { CALLS_CHANNEL, type CallChangedPayload, parseCallChanged } from "@/lib/live/channel";
import { testPool, useTestDatabase } from "@/lib/testing/database";
import { buildPayload, envelope } from "@/lib/testing/payload-factory";
import { asStandardWebhookHeaders, generateTestSecret, signDelivery, signedWebhookRequest, WEBHOOK_URL } from "@/lib/testing/svix";
import { POST } from "./route";

const SECRET = generateTestSecret();
const OTHER_SECRET = generateTestSecret();

async function send(body: unknown, options: Parameters<typeof signedWebhookRequest>[1] = { secret: SECRET }) {
  const { request, messageId, raw } = signedWebhookRequest(body, options);
  const response = await POST(request);
  return { response, status: response.status, json: (await response.json()) as Record<string, unknown>, messageId, raw };
}

async function deliveryByMessage(messageId: string) {
  const { rows } = await testPool().query("SELECT * FROM webhook_deliveries WHERE message_id = $1", [messageId]);
  return rows[0] as Record<string, unknown> | undefined;
}

async function callByProviderId(providerCallId: string) {
  const { rows } = await testPool().query("SELECT * FROM calls WHERE provider_call_id = $1", [providerCallId]);
  return rows as Record<string, unknown>[];
}

describe("POST /api/webhooks/levers", () => {
  const db = useTestDatabase();
  const savedEnv = { secret: process.env.LEVERS_WEBHOOK_SECRET, demo: process.env.DEMO_MODE };

  beforeAll(() => {
    process.env.LEVERS_WEBHOOK_SECRET = SECRET;
  });
  afterEach(() => {
    process.env.LEVERS_WEBHOOK_SECRET = SECRET;
    setEnv("DEMO_MODE", savedEnv.demo);
  });
  afterAll(() => {
    process.env.LEVERS_WEBHOOK_SECRET = savedEnv.secret;
  });

  describe("signatures", () => {
    it("stores a validly signed delivery: the inbox row, the call, linked", async () => {
      const payload = buildPayload({ callOutput: "PAYMENT PROMISE" });
      const { status, json, messageId, raw } = await send(payload);
      expect(status).toBe(200);
      expect(json).toMatchObject({ status: "processed", op: "insert", providerCallId: payload.providerCallId });

      const [call] = await callByProviderId(payload.providerCallId!);
      expect(call).toMatchObject({
        id: json.callId,
        number_from: payload.numberFrom,
        number_to: payload.numberTo,
        duration: payload.duration,
        call_output: "PAYMENT PROMISE",
        sentiment_output: "POSITIVE",
        transcription: payload.transcription,
        recording_url: payload.recordingUrl,
        request_metadata: payload.metadata!.requestMetadata,
        project_id: "proj_123",
      });
      const delivery = await deliveryByMessage(messageId);
      expect(delivery).toMatchObject({
        status: "processed",
        call_id: call!.id,
        raw_body: raw,
        event_type: "phone_call.ended",
        attempts: 1,
      });
      expect((delivery!.headers as Record<string, string>)["svix-id"]).toBe(messageId);
      // delivered_at is the svix-timestamp (second precision).
      expect(Math.abs((call!.delivered_at as Date).getTime() - Date.now())).toBeLessThan(5_000);
    });

    it("refuses a body with one byte changed after signing, and stores nothing", async () => {
      const raw = JSON.stringify(buildPayload({ duration: 61 }));
      const headers = signDelivery(raw, SECRET);
      const tampered = raw.replace('"duration":61', '"duration":62');
      const response = await POST(new Request(WEBHOOK_URL, { method: "POST", headers: { ...headers }, body: tampered }));
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: "invalid_signature", message: "No matching signature." });
      expect(await deliveryByMessage(headers["svix-id"])).toBeUndefined();
    });

    it("refuses a delivery signed with another secret", async () => {
      const payload = buildPayload();
      const { status, messageId } = await send(payload, { secret: OTHER_SECRET });
      expect(status).toBe(401);
      expect(await deliveryByMessage(messageId)).toBeUndefined();
      expect(await callByProviderId(payload.providerCallId!)).toHaveLength(0);
    });

    it.each(["svix-id", "svix-timestamp", "svix-signature"])("refuses a delivery without the %s header", async (name) => {
      const payload = buildPayload();
      const { status, json } = await send(payload, { secret: SECRET, headers: { [name]: undefined } });
      expect(status).toBe(401);
      expect(json.message).toMatch(/Missing/);
      expect(await callByProviderId(payload.providerCallId!)).toHaveLength(0);
    });

    it.each([
      ["6 minutes old", -6 * 60_000, /too old/],
      ["6 minutes ahead", 6 * 60_000, /future/],
    ])("refuses a timestamp %s", async (_label, offset, reason) => {
      const payload = buildPayload();
      const { status, json, messageId } = await send(payload, { secret: SECRET, timestamp: new Date(Date.now() + offset) });
      expect(status).toBe(401);
      expect(json.message).toMatch(reason);
      expect(await deliveryByMessage(messageId)).toBeUndefined();
    });

    it("accepts a timestamp 4 minutes old (inside the tolerance)", async () => {
      const { status } = await send(buildPayload(), { secret: SECRET, timestamp: new Date(Date.now() - 4 * 60_000) });
      expect(status).toBe(200);
    });

    it("accepts a rotation header where only the second signature is valid", async () => {
      const raw = JSON.stringify(buildPayload());
      const valid = signDelivery(raw, SECRET);
      const stale = signDelivery(raw, OTHER_SECRET, { id: valid["svix-id"], timestamp: new Date(Number(valid["svix-timestamp"]) * 1000) });
      const rotated = `${stale["svix-signature"]} ${valid["svix-signature"]}`;
      const response = await POST(
        new Request(WEBHOOK_URL, { method: "POST", headers: { ...valid, "svix-signature": rotated }, body: raw }),
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: "processed" });
    });

    it("refuses a rotation header where no signature is valid", async () => {
      const raw = JSON.stringify(buildPayload());
      const a = signDelivery(raw, OTHER_SECRET);
      const b = signDelivery(raw, generateTestSecret(), { id: a["svix-id"] });
      const headers = { ...a, "svix-signature": `${a["svix-signature"]} ${b["svix-signature"]}` };
      const response = await POST(new Request(WEBHOOK_URL, { method: "POST", headers, body: raw }));
      expect(response.status).toBe(401);
    });

    it("accepts a delivery when the second secret of LEVERS_WEBHOOK_SECRET matches (rotation on our side)", async () => {
      process.env.LEVERS_WEBHOOK_SECRET = `${OTHER_SECRET}, ${SECRET}`;
      const { status, json } = await send(buildPayload());
      expect(status).toBe(200);
      expect(json.status).toBe("processed");
    });

    it("skips an unusable entry in the secret list and still verifies with the others", async () => {
      process.env.LEVERS_WEBHOOK_SECRET = `whsec_%%%not-base64%%%,${SECRET}`;
      const { status } = await send(buildPayload());
      expect(status).toBe(200);
    });

    it("accepts the Standard Webhooks header names (webhook-id, webhook-timestamp, webhook-signature)", async () => {
      const payload = buildPayload();
      const raw = JSON.stringify(payload);
      const headers = asStandardWebhookHeaders(signDelivery(raw, SECRET));
      const response = await POST(new Request(WEBHOOK_URL, { method: "POST", headers, body: raw }));
      expect(response.status).toBe(200);
      expect(await deliveryByMessage(headers["webhook-id"]!)).toMatchObject({ status: "processed" });
      expect(await callByProviderId(payload.providerCallId!)).toHaveLength(1);
    });
  });

  describe("configuration", () => {
    it.each([
      ["outside demo mode", undefined],
      ["in demo mode", "1"],
    ])("answers 503 and stores nothing when no secret is configured (%s)", async (_label, demo) => {
      delete process.env.LEVERS_WEBHOOK_SECRET;
      setEnv("DEMO_MODE", demo);
      const payload = buildPayload();
      const { status, json, response } = await send(payload);
      expect(status).toBe(503);
      expect(json.error).toBe("not_configured");
      expect(response.headers.get("retry-after")).toBeTruthy();
      expect(await callByProviderId(payload.providerCallId!)).toHaveLength(0);
    });
  });

  describe("payload shapes and bad input", () => {
    it("accepts the envelope shape { type, data }", async () => {
      const payload = buildPayload({ sentimentOutput: "NEGATIVE" });
      const { status, json, messageId } = await send(envelope(payload));
      expect(status).toBe(200);
      expect(json.status).toBe("processed");
      const [call] = await callByProviderId(payload.providerCallId!);
      expect(call).toMatchObject({ sentiment_output: "NEGATIVE", number_to: payload.numberTo });
      expect(await deliveryByMessage(messageId)).toMatchObject({ event_type: "phone_call.ended", status: "processed" });
    });

    it("accepts a top-level payload that also names its type", async () => {
      const payload = buildPayload();
      const { status } = await send({ type: "phone_call.ended", ...payload });
      expect(status).toBe(200);
      expect(await callByProviderId(payload.providerCallId!)).toHaveLength(1);
    });

    it("stores unknown outcomes as sent and keeps unknown extra fields in the raw body", async () => {
      const payload = { ...buildPayload({ callOutput: "CALL_RESULT", sentimentOutput: "MIXED" }), agentVersion: "v7" };
      const { status, messageId } = await send(payload);
      expect(status).toBe(200);
      const [call] = await callByProviderId(payload.providerCallId!);
      expect(call).toMatchObject({ call_output: "CALL_RESULT", sentiment_output: "MIXED" });
      const delivery = await deliveryByMessage(messageId);
      expect(JSON.parse(delivery!.raw_body as string).agentVersion).toBe("v7");
    });

    it("accepts a 4 MiB transcript, stores it whole and makes it searchable", async () => {
      const filler = "Agent: we discussed the balance and the payment plan in detail.\n";
      const transcription = `User: zanzibarquokka is my password hint.\n${filler.repeat(Math.ceil((4 * 1024 * 1024) / filler.length))}`;
      const payload = buildPayload({ transcription });
      const { status, raw } = await send(payload);
      expect(raw.length).toBeGreaterThan(4 * 1024 * 1024);
      expect(status).toBe(200);
      const { rows } = await testPool().query(
        `SELECT length(transcription) AS length, search_vector @@ plainto_tsquery('english', 'zanzibarquokka') AS found
           FROM calls WHERE provider_call_id = $1`,
        [payload.providerCallId],
      );
      expect(rows[0]).toEqual({ length: transcription.length, found: true });
    });

    it("answers 413 for a body over 5 MiB, and stores nothing", async () => {
      const payload = buildPayload({ transcription: "x".repeat(5 * 1024 * 1024) });
      const { status, json, messageId } = await send(payload);
      expect(status).toBe(413);
      expect(json.error).toBe("payload_too_large");
      expect(await deliveryByMessage(messageId)).toBeUndefined();
    });

    it("answers 413 when a streamed body without Content-Length grows past 5 MiB", async () => {
      const chunk = new TextEncoder().encode("x".repeat(1024 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          // Far more than the limit is on offer; the reader must stop early.
          if (sent++ < 64) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const headers = signDelivery("irrelevant", SECRET);
      const request = new Request(WEBHOOK_URL, { method: "POST", headers, body: stream, duplex: "half" } as RequestInit);
      const response = await POST(request);
      expect(response.status).toBe(413);
      expect(sent).toBeLessThan(10);
    });

    it("answers 400 for an authentic body that is not JSON, and keeps it as invalid", async () => {
      const { status, json, messageId } = await send("providerCallId=123&duration=5");
      expect(status).toBe(400);
      expect(json).toMatchObject({ status: "invalid", error: "not_json" });
      const delivery = await deliveryByMessage(messageId);
      expect(delivery).toMatchObject({ status: "invalid", raw_body: "providerCallId=123&duration=5" });
      expect((delivery!.error as { kind: string }).kind).toBe("not_json");
    });

    it("answers 422 with every failing path, and keeps the delivery as invalid with the error", async () => {
      const bad = { ...buildPayload(), numberTo: "call me maybe", duration: -3, providerCallId: undefined, metadata: [] };
      const { status, json, messageId } = await send(bad);
      expect(status).toBe(422);
      expect(json.error).toBe("validation_failed");
      const paths = (json.issues as { path: string }[]).map((i) => i.path).sort();
      expect(paths).toEqual(["duration", "metadata", "numberTo", "providerCallId"]);
      const delivery = await deliveryByMessage(messageId);
      expect(delivery).toMatchObject({ status: "invalid", call_id: null });
      expect((delivery!.error as { issues: unknown[] }).issues).toHaveLength(4);
    });

    it("prefixes failing paths with data. for the envelope shape", async () => {
      const { status, json } = await send(envelope({ ...buildPayload(), duration: 1.5 }));
      expect(status).toBe(422);
      expect(json.issues).toEqual([{ path: "data.duration", message: "must be a whole number of seconds" }]);
    });

    it.each([["[1,2,3]"], ["null"], ['"a string"'], ["42"]])("answers 422 for the JSON value %s", async (raw) => {
      const { status, json } = await send(raw);
      expect(status).toBe(422);
      expect(json.issues).toEqual([{ path: "(root)", message: "must be a JSON object" }]);
    });

    it("acknowledges an unknown event type with 200 ignored and keeps it", async () => {
      const { status, json, messageId } = await send({ type: "phone_call.started", data: { providerCallId: "abc" } });
      expect(status).toBe(200);
      expect(json).toMatchObject({ status: "ignored", eventType: "phone_call.started" });
      expect(await deliveryByMessage(messageId)).toMatchObject({ status: "ignored", event_type: "phone_call.started", call_id: null });
      expect(await callByProviderId("abc")).toHaveLength(0);
    });

    it("stores text with NUL characters and lone surrogates (PostgreSQL cannot) without failing", async () => {
      const payload = buildPayload({
        summary: "before\u0000after \ud800",
        metadata: { requestMetadata: { "k\u0000": "v\u0000", project_id: "p\udc00" } },
      });
      const { status } = await send(payload);
      expect(status).toBe(200);
      const [call] = await callByProviderId(payload.providerCallId!);
      expect(call!.summary).toBe("beforeafter \ufffd");
      expect(call!.request_metadata).toEqual({ k: "v", project_id: "p\ufffd" });
    });
  });

  describe("exactly once", () => {
    it("answers a repeated svix-id with 200 duplicate and changes nothing (duplicate storm)", async () => {
      const payload = buildPayload();
      const first = await send(payload);
      expect(first.json.status).toBe("processed");
      const [before] = await callByProviderId(payload.providerCallId!);

      for (let i = 0; i < 25; i++) {
        const retry = await send(payload, { secret: SECRET, id: first.messageId });
        expect(retry.status).toBe(200);
        expect(retry.json).toMatchObject({ status: "duplicate", callId: before!.id });
      }
      const after = await callByProviderId(payload.providerCallId!);
      expect(after).toEqual([before]);
      expect(await deliveryByMessage(first.messageId)).toMatchObject({ status: "processed", attempts: 26 });
    });

    it("20 simultaneous identical deliveries: one call row, 20 × 2xx, one processed", async () => {
      const payload = buildPayload();
      const raw = JSON.stringify(payload);
      const headers = signDelivery(raw, SECRET);
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => POST(new Request(WEBHOOK_URL, { method: "POST", headers: { ...headers }, body: raw }))),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
      const statuses = await Promise.all(responses.map(async (r) => ((await r.json()) as { status: string }).status));
      expect(statuses.filter((s) => s === "processed")).toHaveLength(1);
      expect(statuses.filter((s) => s === "duplicate")).toHaveLength(19);
      expect(await callByProviderId(payload.providerCallId!)).toHaveLength(1);
      expect(await deliveryByMessage(headers["svix-id"])).toMatchObject({ attempts: 20, status: "processed" });
    });

    it("20 simultaneous different messages for one call: one call row, all processed", async () => {
      const payload = buildPayload();
      const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => send({ ...payload, duration: i })));
      expect(responses.map((r) => r.json.status)).toEqual(Array(20).fill("processed"));
      expect(responses.filter((r) => r.json.op === "insert")).toHaveLength(1);
      expect(await callByProviderId(payload.providerCallId!)).toHaveLength(1);
    });

    it("a later delivery for a known call updates that call; a later null never erases a known value", async () => {
      const first = buildPayload({ summary: "First summary", endedReason: "customer-ended-call", callOutput: "CALL BACK REQUESTED" });
      const a = await send(first);
      const [created] = await callByProviderId(first.providerCallId!);

      const later = {
        ...first,
        summary: null,
        endedReason: undefined,
        callOutput: "PAYMENT PROMISE",
        duration: 120,
        metadata: { requestMetadata: { extra_id: "changed" } },
      };
      const b = await send(later, { secret: SECRET, timestamp: new Date(Date.now() + 2_000) });
      expect(b.json).toMatchObject({ status: "processed", op: "update", callId: a.json.callId });

      const rows = await callByProviderId(first.providerCallId!);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        summary: "First summary",
        ended_reason: "customer-ended-call",
        call_output: "PAYMENT PROMISE",
        duration: 120,
        request_metadata: { project_id: "proj_123", extra_id: "changed" },
        received_at: created!.received_at,
      });
      expect((rows[0]!.delivered_at as Date).getTime()).toBeGreaterThan((created!.delivered_at as Date).getTime());
      expect((rows[0]!.updated_at as Date).getTime()).toBeGreaterThanOrEqual((created!.updated_at as Date).getTime());
    });

    it("a retry of an invalid delivery (same svix-id) is taken again, not answered as duplicate", async () => {
      const payload = buildPayload();
      const bad = await send({ ...payload, duration: "53" });
      expect(bad.status).toBe(422);
      const again = await send({ ...payload, duration: "53" }, { secret: SECRET, id: bad.messageId });
      expect(again.status).toBe(422);
      expect(await deliveryByMessage(bad.messageId)).toMatchObject({ status: "invalid", attempts: 2 });

      // The sender's fixed payload arrives under the same message id.
      const fixed = await send(payload, { secret: SECRET, id: bad.messageId });
      expect(fixed.json).toMatchObject({ status: "processed", op: "insert" });
      expect(await deliveryByMessage(bad.messageId)).toMatchObject({ status: "processed", error: null, attempts: 3 });
      expect(await callByProviderId(payload.providerCallId!)).toHaveLength(1);
    });
  });

  describe("live signal", () => {
    let listener: pg.Client;
    const heard: CallChangedPayload[] = [];

    beforeAll(async () => {
      listener = new pg.Client({ connectionString: db.url() });
      await listener.connect();
      listener.on("notification", (n) => {
        const parsed = n.channel === CALLS_CHANNEL ? parseCallChanged(n.payload) : null;
        if (parsed) heard.push(parsed);
      });
      await listener.query(`LISTEN ${CALLS_CHANNEL}`);
    });
    afterAll(async () => {
      await listener.end();
    });

    async function heardFor(providerCallId: string, count: number) {
      for (let i = 0; i < 50 && heard.filter((h) => h.providerCallId === providerCallId).length < count; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      return heard.filter((h) => h.providerCallId === providerCallId);
    }

    it("notifies calls_changed on insert and on update, once per stored delivery, nothing for duplicates", async () => {
      const payload = buildPayload();
      const first = await send(payload);
      await send(payload, { secret: SECRET, id: first.messageId });
      await send({ ...payload, duration: 99 });

      const events = await heardFor(payload.providerCallId!, 2);
      expect(events).toHaveLength(2);
      const [call] = await callByProviderId(payload.providerCallId!);
      expect(events[0]).toEqual({
        id: call!.id,
        providerCallId: payload.providerCallId,
        receivedAt: (call!.received_at as Date).toISOString(),
        op: "insert",
      });
      expect(events[1]).toMatchObject({ id: call!.id, op: "update" });
    });

    it("does not notify for invalid or ignored deliveries", async () => {
      const payload = buildPayload();
      await send({ ...payload, numberTo: "nope" });
      await send({ type: "other.event", data: payload });
      await new Promise((r) => setTimeout(r, 200));
      expect(heard.filter((h) => h.providerCallId === payload.providerCallId)).toHaveLength(0);
    });
  });
});

describe("routing", () => {
  it("no proxy matcher covers the webhook (a proxy would buffer the raw body)", async () => {
    const { config } = await import("@/proxy");
    const sources = (config.matcher as (string | { source: string })[]).map((m) => (typeof m === "string" ? m : m.source));
    for (const source of sources) {
      const pattern = new RegExp(`^${source}$`);
      expect(pattern.test("/api/webhooks/levers"), source).toBe(false);
      // The matcher is not vacuous: it does cover pages.
      expect(pattern.test("/calls")).toBe(true);
    }
  });
});
