import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/levers/route";
import { testPool, useTestDatabase } from "@/lib/testing/database";
import { buildPayload, envelope } from "@/lib/testing/payload-factory";
import { generateTestSecret, signedWebhookRequest, WEBHOOK_URL } from "@/lib/testing/svix";
import { useWebhookSecret } from "@/lib/testing/webhook-secret";

/**
 * Property: whatever an authentic sender posts, the endpoint answers with a
 * deliberate 2xx/4xx (never a 5xx: the database is up), keeps the delivery in
 * the inbox, and stores a call exactly when it answered "processed".
 */
const SECRET = generateTestSecret();

interface Observation {
  status: number;
  body: { status?: string; callId?: string; providerCallId?: string };
  messageId: string;
}

async function deliver(raw: string): Promise<Observation> {
  const { request, messageId } = signedWebhookRequest(raw, { secret: SECRET });
  const response = await POST(request);
  return { status: response.status, body: (await response.json()) as Observation["body"], messageId };
}

async function callCount(): Promise<number> {
  const { rows } = await testPool().query<{ n: number }>("SELECT count(*)::int AS n FROM calls");
  return rows[0]!.n;
}

/** How often each side of "a call iff processed" was checked: a property that never reaches one side proves nothing about it. */
interface Branches {
  processed: number;
  notProcessed: number;
}
const newBranches = (): Branches => ({ processed: 0, notProcessed: 0 });

async function checkInvariants(raw: string, branches: Branches = newBranches()) {
  const before = await callCount();
  const { status, body, messageId } = await deliver(raw);
  expect(status, `answer to ${raw.slice(0, 200)}`).toBeLessThan(500);
  expect([200, 202, 400, 422]).toContain(status);

  const { rows } = await testPool().query<{ status: string; call_id: string | null; raw_body: string }>(
    "SELECT status, call_id, raw_body FROM webhook_deliveries WHERE message_id = $1",
    [messageId],
  );
  // Every authentic delivery is in the inbox, as sent.
  expect(rows).toHaveLength(1);
  const delivery = rows[0]!;
  if (!raw.includes("\u0000")) expect(delivery.raw_body).toBe(raw);
  expect(delivery.status).toBe(body.status);

  const after = await callCount();
  if (body.status === "processed") {
    branches.processed++;
    // A call row exists (new or merged) and the inbox points at it.
    expect(status).toBe(200);
    const call = await testPool().query("SELECT provider_call_id FROM calls WHERE id = $1", [body.callId]);
    expect(call.rows).toHaveLength(1);
    expect(delivery.call_id).toBe(body.callId);
    expect(after - before).toBeLessThanOrEqual(1);
  } else {
    branches.notProcessed++;
    // No partial row: nothing was added to calls.
    expect(after).toBe(before);
    expect(delivery.call_id).toBeNull();
  }
}

const valid = () => buildPayload();
const FIELDS = Object.keys(buildPayload()) as (keyof ReturnType<typeof buildPayload>)[];

/** JSON-ish values including the awkward ones: NUL, lone surrogates, huge numbers, deep nesting. */
const nasty = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom("", " ", "\u0000", "a\u0000b", "\ud800", "\udfff", "+", "+0000000", "CALL_RESULT", "-1", "1e309", "__proto__"),
  fc.constantFrom(-1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER, 7 * 24 * 3600 + 1, 0),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer({ min: 1, max: 40 }).map((depth) => {
    let value: unknown = "leaf";
    for (let i = 0; i < depth; i++) value = { nested: value };
    return value;
  }),
);

// Hundreds of real deliveries per property: generous time on a busy 2-core CI machine.
describe("ingestion properties (fast-check)", { timeout: 180_000 }, () => {
  useTestDatabase();
  useWebhookSecret(SECRET);
  beforeAll(() => {
    // Hundreds of deliberately bad payloads: keep the log readable.
    vi.spyOn(console, "warn").mockImplementation(() => {});
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it("arbitrary JSON bodies: never a 5xx, always kept, a call iff processed", async () => {
    const branches = newBranches();
    // Arbitrary JSON alone is never a valid call; valid calls with arbitrary extra fields are (the processed side).
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }).map((extra) => ({ ...extra, ...valid() })),
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        await checkInvariants(JSON.stringify(value), branches);
      }),
      { numRuns: 150 },
    );
    expect(branches.processed, "runs that stored a call").toBeGreaterThan(10);
    expect(branches.notProcessed, "runs that stored none").toBeGreaterThan(10);
  });

  it("arbitrary strings as bodies (mostly not JSON): never a 5xx, always kept", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 200 }), async (raw) => {
        await checkInvariants(raw);
      }),
      { numRuns: 100 },
    );
  });

  it("mutations of a valid payload (fields replaced, removed or added; either shape): never a 5xx, a call iff processed", async () => {
    const mutation = fc.record({
      replace: fc.dictionary(fc.constantFrom(...FIELDS), nasty, { maxKeys: 4 }),
      remove: fc.subarray(FIELDS, { maxLength: 3 }),
      extra: fc.dictionary(fc.string({ maxLength: 10 }), nasty, { maxKeys: 2 }),
      requestMetadata: fc.option(fc.dictionary(fc.string({ unit: "binary", maxLength: 8 }), nasty, { maxKeys: 3 })),
      shape: fc.constantFrom("top-level", "envelope", "typed top-level"),
      reuseCall: fc.boolean(),
    });
    let previous = valid();
    const branches = newBranches();
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const payload: Record<string, unknown> = { ...(m.reuseCall ? { ...valid(), providerCallId: previous.providerCallId } : valid()) };
        if (m.requestMetadata) payload.metadata = { requestMetadata: m.requestMetadata };
        Object.assign(payload, m.extra, m.replace);
        for (const field of m.remove) delete payload[field];
        const body =
          m.shape === "envelope" ? envelope(payload) : m.shape === "typed top-level" ? { type: "phone_call.ended", ...payload } : payload;
        await checkInvariants(JSON.stringify(body), branches);
        previous = valid();
      }),
      { numRuns: 200 },
    );
    expect(branches.processed, "runs that stored a call").toBeGreaterThan(10);
    expect(branches.notProcessed, "runs that stored none").toBeGreaterThan(10);
  });

  it("arbitrary unsigned or wrongly signed requests: 401 and nothing stored", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 100 }),
        fc.dictionary(
          fc.constantFrom("svix-id", "svix-timestamp", "svix-signature", "webhook-id", "webhook-signature"),
          fc.string({ unit: "grapheme-ascii", maxLength: 30 }),
        ),
        async (raw, headers) => {
          const { rows: before } = await testPool().query<{ n: number }>("SELECT count(*)::int AS n FROM webhook_deliveries");
          const response = await POST(new Request(WEBHOOK_URL, { method: "POST", headers, body: raw }));
          expect(response.status).toBe(401);
          const { rows: after } = await testPool().query<{ n: number }>("SELECT count(*)::int AS n FROM webhook_deliveries");
          expect(after[0]!.n).toBe(before[0]!.n);
        },
      ),
      { numRuns: 100 },
    );
  });
});
