import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/levers/route";
import { testPool, useTestDatabase } from "@/lib/testing/database";
import { buildPayload } from "@/lib/testing/payload-factory";
import { generateTestSecret, signedWebhookRequest } from "@/lib/testing/svix";
import { useWebhookSecret } from "@/lib/testing/webhook-secret";
import { formatReplay, parseReplayArgs } from "../cli/replay";
import { replayDeliveries } from "./replay";

const SECRET = generateTestSecret();

async function send(body: unknown, timestamp?: Date) {
  const { request, messageId } = signedWebhookRequest(body, { secret: SECRET, timestamp });
  const response = await POST(request);
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, messageId };
}

async function delivery(messageId: string) {
  const { rows } = await testPool().query("SELECT * FROM webhook_deliveries WHERE message_id = $1", [messageId]);
  return rows[0] as { id: string; status: string; call_id: string | null; received_at: Date; error: unknown };
}

async function calls(providerCallId: string) {
  const { rows } = await testPool().query("SELECT * FROM calls WHERE provider_call_id = $1", [providerCallId]);
  return rows as Record<string, unknown>[];
}

/** What a fix on our side would do: make the stored body acceptable (here by editing it). */
async function fixStoredBody(id: string, body: unknown) {
  await testPool().query("UPDATE webhook_deliveries SET raw_body = $2 WHERE id = $1", [id, JSON.stringify(body)]);
}

describe("replayDeliveries", () => {
  const db = useTestDatabase();
  useWebhookSecret(SECRET);

  it("turns an invalid delivery into a call after a fix; a second replay changes nothing", async () => {
    const payload = buildPayload();
    const bad = await send({ ...payload, duration: "53s" });
    expect(bad.status).toBe(422);
    const stored = await delivery(bad.messageId);
    expect(stored.status).toBe("invalid");
    expect(await calls(payload.providerCallId!)).toHaveLength(0);

    await fixStoredBody(stored.id, payload);
    const first = await replayDeliveries({ status: "invalid" });
    const item = first.items.find((i) => i.id === stored.id);
    expect(item).toMatchObject({ before: "invalid", after: "processed", changed: true });
    const [call] = await calls(payload.providerCallId!);
    expect(item!.callId).toBe(call!.id);
    // The call keeps the time the delivery first arrived, not the replay time.
    expect(call!.received_at).toEqual(stored.received_at);
    expect(await delivery(bad.messageId)).toMatchObject({ status: "processed", call_id: call!.id, error: null });

    const second = await replayDeliveries({ status: "invalid" });
    expect(second.items.find((i) => i.id === stored.id)).toBeUndefined();
    const byId = await replayDeliveries({ ids: [stored.id] });
    expect(byId.items).toEqual([{ id: stored.id, before: "processed", after: "processed", changed: false }]);
    expect(byId.totals).toMatchObject({ selected: 1, changed: 0, unchanged: 1 });
    expect(await calls(payload.providerCallId!)).toEqual([call]);
  });

  it("leaves a still-invalid delivery invalid and says why", async () => {
    const bad = await send({ ...buildPayload(), numberFrom: "unknown" });
    const stored = await delivery(bad.messageId);
    const summary = await replayDeliveries({ ids: [stored.id] });
    expect(summary.items).toHaveLength(1);
    expect(summary.items[0]).toMatchObject({ before: "invalid", after: "invalid", changed: false });
    expect(summary.items[0]!.error).toMatch(/numberFrom/);
  });

  it("an older delivery replayed after a newer one only fills gaps", async () => {
    const base = buildPayload({ endedReason: null, callOutput: "PAYMENT PROMISE", summary: "Newest summary" });
    const old = await send(
      { ...base, callOutput: "WRONG NUMBER", endedReason: "voicemail", summary: "Old summary", duration: "x" },
      new Date(Date.now() - 60_000),
    );
    expect(old.status).toBe(422);
    const newer = await send(base);
    expect(newer.json.status).toBe("processed");

    const stored = await delivery(old.messageId);
    await fixStoredBody(stored.id, { ...base, callOutput: "WRONG NUMBER", endedReason: "voicemail", summary: "Old summary", duration: 12 });
    const summary = await replayDeliveries({ ids: [stored.id] });
    expect(summary.items[0]).toMatchObject({ before: "invalid", after: "processed" });
    const [call] = await calls(base.providerCallId!);
    expect(call).toMatchObject({
      call_output: "PAYMENT PROMISE",
      summary: "Newest summary",
      ended_reason: "voicemail",
      duration: base.duration,
    });
  });

  it("reports ids that name no delivery", async () => {
    const summary = await replayDeliveries({ ids: ["00000000-0000-4000-8000-000000000000", "not-a-uuid"] });
    expect(summary.items.map((i) => [i.id, i.after])).toEqual([
      ["00000000-0000-4000-8000-000000000000", "missing"],
      ["not-a-uuid", "missing"],
    ]);
    expect(summary.totals).toMatchObject({ selected: 2, missing: 2, changed: 0 });
  });

  describe("a delivery that failed while being stored", () => {
    beforeAll(async () => {
      // A fault a retry would not fix: the call insert raises for one summary.
      await testPool().query(`
        CREATE FUNCTION test_refuse_call() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.summary = 'explode' THEN RAISE EXCEPTION 'refused by test trigger'; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER test_refuse_call BEFORE INSERT OR UPDATE ON calls FOR EACH ROW EXECUTE FUNCTION test_refuse_call();`);
    });
    afterAll(async () => {
      await testPool().query("DROP TRIGGER IF EXISTS test_refuse_call ON calls; DROP FUNCTION IF EXISTS test_refuse_call();");
    });

    it("is acknowledged 202, kept as failed with the reason, and replayed into a call once the fault is gone", async () => {
      const payload = buildPayload({ summary: "explode" });
      const response = await send(payload);
      expect(response.status).toBe(202);
      expect(response.json.status).toBe("failed");
      const stored = await delivery(response.messageId);
      expect(stored.status).toBe("failed");
      expect(JSON.stringify(stored.error)).toMatch(/refused by test trigger/);
      expect(await calls(payload.providerCallId!)).toHaveLength(0);

      // Still broken: replay keeps it failed.
      const stillBroken = await replayDeliveries({ status: "failed" });
      expect(stillBroken.items.find((i) => i.id === stored.id)).toMatchObject({ before: "failed", after: "failed", changed: false });

      await testPool().query("DROP TRIGGER test_refuse_call ON calls");
      const fixed = await replayDeliveries({ status: "failed" });
      expect(fixed.items.find((i) => i.id === stored.id)).toMatchObject({ before: "failed", after: "processed", changed: true });
      expect(await calls(payload.providerCallId!)).toHaveLength(1);
      expect((await replayDeliveries({ status: "failed" })).items).toHaveLength(0);
    });
  });

  describe("npm run webhooks:replay", () => {
    it("parses --status and repeatable --id", () => {
      expect(parseReplayArgs(["--status", "failed", "--id", "a", "--id=b"])).toEqual({ status: "failed", ids: ["a", "b"] });
      expect(parseReplayArgs([])).toEqual({});
      expect(() => parseReplayArgs(["--status", "processed"])).toThrow(/invalid.*failed/);
      expect(() => parseReplayArgs(["--id"])).toThrow(/needs a value/);
      expect(() => parseReplayArgs(["--bogus"])).toThrow(/Unknown option/);
    });

    it("prints each change and the totals", () => {
      const text = formatReplay({
        items: [{ id: "d1", before: "invalid", after: "processed", changed: true, callId: "c1" }],
        totals: { selected: 1, changed: 1, unchanged: 0, processed: 1, ignored: 0, invalid: 0, failed: 0, missing: 0 },
      });
      expect(text).toContain("d1  invalid -> processed  call c1");
      expect(text).toContain("Replayed 1 deliveries: 1 changed, 0 unchanged");
    });

    it("runs as a command (tsx with the react-server condition) and replays for real", async () => {
      const payload = buildPayload();
      const bad = await send({ ...payload, numberTo: "?" });
      const stored = await delivery(bad.messageId);
      await fixStoredBody(stored.id, payload);

      const run = promisify(execFile);
      const { stdout } = await run("node_modules/.bin/tsx", ["--conditions=react-server", "lib/cli/replay.ts", "--id", stored.id], {
        env: { ...process.env, DATABASE_URL: db.url() },
        timeout: 60_000,
      });
      expect(stdout).toContain(`${stored.id}  invalid -> processed`);
      expect(await calls(payload.providerCallId!)).toHaveLength(1);
    });
  });
});
