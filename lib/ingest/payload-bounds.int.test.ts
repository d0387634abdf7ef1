import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/levers/route";
import { testPool, useTestDatabase } from "@/lib/testing/database";
import { buildPayload } from "@/lib/testing/payload-factory";
import { generateTestSecret, signedWebhookRequest } from "@/lib/testing/svix";
import { useWebhookSecret } from "@/lib/testing/webhook-secret";
import { MAX_EXTRA_FIELDS_BYTES, MAX_METADATA_BYTES, MAX_PAYLOAD_DEPTH, MAX_REQUEST_METADATA_KEYS } from "./payload-schema";

const SECRET = generateTestSecret();

async function send(body: unknown) {
  const { request, messageId, raw } = signedWebhookRequest(body, { secret: SECRET });
  const response = await POST(request);
  const { rows } = await testPool().query<{ status: string; raw_body: string; error: { issues?: { path: string; message: string }[] } }>(
    "SELECT status, raw_body, error FROM webhook_deliveries WHERE message_id = $1",
    [messageId],
  );
  const calls = await testPool().query("SELECT count(*)::int AS n FROM calls WHERE provider_call_id = $1", [
    (body as { providerCallId?: string }).providerCallId ?? "",
  ]);
  return {
    status: response.status,
    json: (await response.json()) as Record<string, unknown>,
    delivery: rows[0],
    raw,
    calls: calls.rows[0].n as number,
  };
}

/** `[[[…]]]`, `depth` arrays deep, as raw JSON text (built without recursion). */
const nestedArrays = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

describe("the free-form parts of a delivery are bounded at ingestion (422, raw body kept in the inbox)", () => {
  useTestDatabase();
  useWebhookSecret(SECRET);

  it("refuses 100k nested arrays outside metadata, and keeps the raw body as sent", async () => {
    const payload = buildPayload({ providerCallId: "deep-extra" });
    const raw = JSON.stringify(payload).replace(/}$/, `,"extra":${nestedArrays(100_000)}}`);
    const res = await send(raw);
    expect(res.status).toBe(422);
    expect(res.delivery).toMatchObject({ status: "invalid" });
    expect(res.delivery!.raw_body).toBe(raw);
    expect(res.delivery!.error.issues).toEqual([
      { path: "extra", message: `must not be nested more than ${MAX_PAYLOAD_DEPTH} levels deep` },
    ]);
    expect(res.calls).toBe(0);
  });

  it("refuses deep nesting inside an envelope's data and beside it", async () => {
    const inside = await send(
      `{"type":"phone_call.ended","data":${JSON.stringify(buildPayload()).replace(/}$/, `,"x":${nestedArrays(40)}}`)}}`,
    );
    expect(inside.status).toBe(422);
    const beside = await send(`{"type":"phone_call.ended","junk":${nestedArrays(40)},"data":${JSON.stringify(buildPayload())}}`);
    expect(beside.status).toBe(422);
  });

  it(`refuses requestMetadata with more than ${MAX_REQUEST_METADATA_KEYS} keys (150k keys made the call page 130 MB)`, async () => {
    const many = Object.fromEntries(Array.from({ length: 150_000 }, (_, i) => [`k${i}`, i]));
    const res = await send(buildPayload({ providerCallId: "many-keys", metadata: { requestMetadata: many } }));
    expect(res.status).toBe(422);
    expect(res.delivery!.error.issues?.map((i) => i.path)).toContain("metadata.requestMetadata");
    expect(res.calls).toBe(0);
  });

  it(`refuses metadata over ${MAX_METADATA_BYTES / 1024} KiB and undocumented fields over ${MAX_EXTRA_FIELDS_BYTES / 1024} KiB`, async () => {
    const big = "x".repeat(MAX_METADATA_BYTES);
    const metadata = await send(
      buildPayload({ providerCallId: "big-metadata", metadata: { requestMetadata: { project_id: "p" }, notes: big } }),
    );
    expect(metadata.status).toBe(422);
    expect(metadata.delivery!.error.issues?.map((i) => i.path)).toEqual(["metadata"]);
    const extra = await send({ ...buildPayload({ providerCallId: "big-extra" }), blob: big });
    expect(extra.status).toBe(422);
    expect(extra.delivery!.error.issues?.map((i) => i.path)).toEqual(["(extra fields)"]);
  });

  it("accepts a realistic payload with metadata and a few extra fields, nested a little", async () => {
    const res = await send({
      ...buildPayload({
        providerCallId: "normal",
        metadata: { requestMetadata: { project_id: "proj_123", extra_id: "custom_id_456", tags: ["a", "b"] }, campaign: { id: 7 } },
      }),
      providerExtra: { region: "eu", hops: [[1, 2], [3]] },
    });
    expect(res.status).toBe(200);
    expect(res.calls).toBe(1);
  });
});
