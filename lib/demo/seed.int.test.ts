import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTCOMES, SENTIMENTS } from "../calls/catalogue";
import { phoneCallEndedSchema } from "../ingest/payload-schema";
import { useTestDatabase } from "../testing/database";
import { HISTORY_CALLS } from "./histories";
import { buildDemoData, seedDemoData } from "./seed";

const NOW = new Date("2026-11-28T15:00:30.000Z");
const DAY = 86_400_000;
const RECORDINGS_DIR = path.join(import.meta.dirname, "recordings");

describe("seedDemoData", () => {
  const db = useTestDatabase();
  let client: pg.Client;
  const logged: string[] = [];
  let first: Awaited<ReturnType<typeof seedDemoData>>;

  const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T> =>
    (await client.query<T>(sql, params)).rows[0]!;
  const count = async (sql: string, params: unknown[] = []) => Number((await one<{ n: string }>(sql, params)).n);

  beforeAll(async () => {
    first = await seedDemoData(db.url(), { onlyIfEmpty: true, log: (line) => logged.push(line), now: NOW });
    client = new pg.Client({ connectionString: db.url() });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
  });

  it("seeds at least 2,000 calls over at most the last 120 days", async () => {
    expect(first.seeded).toBe(true);
    expect(first.calls).toBe(2400);
    expect(first.notes.join(" ")).toContain("2,400 calls");
    expect(logged.some((l) => l.includes("2,400 calls"))).toBe(true);
    const span = await one<{ n: string; oldest: Date; newest: Date }>(
      "SELECT count(*) AS n, min(received_at) AS oldest, max(received_at) AS newest FROM calls",
    );
    expect(Number(span.n)).toBe(2400);
    expect(span.oldest.getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 120 * DAY);
    expect(span.oldest.getTime()).toBeLessThan(NOW.getTime() - 110 * DAY);
    expect(span.newest.getTime()).toBeLessThanOrEqual(NOW.getTime());
  });

  it("writes exactly the deterministic data for that moment", async () => {
    const { calls } = buildDemoData(NOW, 2400);
    const { rows } = await client.query<{ provider_call_id: string; id: string; transcription: string | null }>(
      "SELECT provider_call_id, id, transcription FROM calls",
    );
    const stored = new Map(rows.map((r) => [r.provider_call_id, r]));
    for (const call of calls) {
      const row = stored.get(call.payload.providerCallId);
      expect(row?.id).toBe(call.id);
      expect(row?.transcription).toBe(call.payload.transcription);
    }
  });

  it("has every documented outcome and sentiment, the undocumented one, and several projects", async () => {
    const outcomes = (await client.query<{ v: string | null }>("SELECT DISTINCT call_output AS v FROM calls")).rows.map((r) => r.v);
    for (const o of OUTCOMES) expect(outcomes).toContain(o.value);
    expect(outcomes).toContain("CALL_RESULT");
    const sentiments = (await client.query<{ v: string | null }>("SELECT DISTINCT sentiment_output AS v FROM calls")).rows.map((r) => r.v);
    for (const s of SENTIMENTS) expect(sentiments).toContain(s.value);
    // project_id is generated from request_metadata by the database.
    const projects = await count("SELECT count(DISTINCT project_id) AS n FROM calls");
    expect(projects).toBeGreaterThanOrEqual(5);
    expect(await count("SELECT count(*) AS n FROM calls WHERE delivery_status = 'fail'")).toBeGreaterThan(50);
    // The stored tsvector finds transcript words.
    expect(
      await count("SELECT count(*) AS n FROM calls WHERE search_vector @@ websearch_to_tsquery('english', 'wrong number')"),
    ).toBeGreaterThan(50);
  });

  it("marks the showcase calls, recent enough for the first page, with recordings on disk", async () => {
    const { rows } = await client.query<{ extra_id: string; recording_url: string | null; duration: number }>(
      `SELECT request_metadata->>'extra_id' AS extra_id, recording_url, duration
       FROM (SELECT * FROM calls ORDER BY received_at DESC, id DESC LIMIT 50) first_page
       WHERE request_metadata->>'extra_id' LIKE 'demo-%'`,
    );
    const markers = new Map(rows.map((r) => [r.extra_id, r]));
    expect([...markers.keys()].sort()).toEqual(
      ["demo-plain-transcript", "demo-xss", ...[1, 2, 3, 4, 5, 6].map((n) => `demo-recording-${n}`)].sort(),
    );
    for (let n = 1; n <= 6; n++) {
      const location = markers.get(`demo-recording-${n}`)!.recording_url!;
      const [bucket, key] = [location.slice(0, location.indexOf(":")), location.slice(location.indexOf(":") + 1)];
      expect(bucket).toBe("levers-demo-bucket");
      expect(existsSync(path.join(RECORDINGS_DIR, bucket, key)), location).toBe(true);
    }
    const xss = await one<{ transcription: string }>("SELECT transcription FROM calls WHERE request_metadata->>'extra_id' = 'demo-xss'");
    expect(xss.transcription).toContain("<script>alert(1)</script>");
  });

  it("keeps the delivery that brought each call in the inbox", async () => {
    expect(await count("SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'processed'")).toBe(2400);
    expect(
      await count(
        `SELECT count(*) AS n FROM calls c
         WHERE NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.call_id = c.id AND d.status = 'processed'
                           AND d.provider_call_id = c.provider_call_id)`,
      ),
    ).toBe(0);
    const { rows } = await client.query<{
      raw_body: string;
      provider_call_id: string;
      headers: Record<string, string>;
      message_id: string;
      sent_at: Date;
      event_type: string;
    }>("SELECT raw_body, provider_call_id, headers, message_id, sent_at, event_type FROM webhook_deliveries WHERE status = 'processed'");
    let envelopes = 0;
    for (const row of rows) {
      const body = JSON.parse(row.raw_body) as Record<string, unknown>;
      if (body.type === "phone_call.ended") envelopes++;
      const parsed = phoneCallEndedSchema.parse(body.type ? body.data : body);
      expect(parsed.providerCallId).toBe(row.provider_call_id);
      expect(row.event_type).toBe("phone_call.ended");
      expect(row.headers["svix-id"]).toBe(row.message_id);
      expect(Number(row.headers["svix-timestamp"]) * 1000).toBe(row.sent_at.getTime());
    }
    // Both body shapes Levers' documentation shows are represented.
    expect(envelopes).toBeGreaterThan(100);
    expect(envelopes).toBeLessThan(rows.length - 100);
  });

  it("keeps invalid deliveries with the failing field paths, and ignored other event types", async () => {
    const invalid = (
      await client.query<{ error: { issues: { path: string; message: string }[] }; raw_body: string; call_id: string | null }>(
        "SELECT error, raw_body, call_id FROM webhook_deliveries WHERE status = 'invalid'",
      )
    ).rows;
    expect(invalid).toHaveLength(6);
    const paths = new Set(invalid.flatMap((d) => d.error.issues.map((i) => i.path)));
    for (const p of ["numberTo", "numberFrom", "duration", "providerCallId"]) expect(paths).toContain(p);
    for (const d of invalid) {
      expect(d.call_id).toBeNull();
      expect(d.error.issues.length).toBeGreaterThan(0);
      // The error is what the schema says about the stored body.
      const result = phoneCallEndedSchema.safeParse(JSON.parse(d.raw_body));
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(d.error.issues.map((i) => i.path));
    }
    const ignored = (await client.query<{ event_type: string }>("SELECT event_type FROM webhook_deliveries WHERE status = 'ignored'")).rows;
    expect(ignored.map((r) => r.event_type).sort()).toEqual(["message.attempt.exhausted", "phone_call.started"]);
  });

  it("does nothing on a second start, and never duplicates when forced", async () => {
    const second = await seedDemoData(db.url(), { onlyIfEmpty: true, log: () => {}, now: NOW });
    expect(second).toEqual({ seeded: false, calls: 0, skipped: 0, existing: 2400, notes: [] });
    expect(await count("SELECT count(*) AS n FROM calls")).toBe(2400);

    // Forced at the same moment: the same unique keys, so nothing new.
    const same = await seedDemoData(db.url(), { onlyIfEmpty: false, log: () => {}, now: NOW });
    expect(same.calls).toBe(0);
    expect(await count("SELECT count(*) AS n FROM calls")).toBe(2400);
    expect(await count("SELECT count(*) AS n FROM webhook_deliveries")).toBe(2408);

    // Forced later: new generated calls; the showcase calls and the same day's debtor histories exist already.
    const later = await seedDemoData(db.url(), { onlyIfEmpty: false, log: () => {}, now: new Date(NOW.getTime() + 3_600_000), calls: 108 });
    const kept = 8 + HISTORY_CALLS;
    expect(later.calls).toBe(108 - kept);
    // Says what happened: 108 generated, the new ones added, and why the others were not.
    expect(later.skipped).toBe(kept);
    expect(later.notes.join(" ")).toMatch(
      new RegExp(`added ${108 - kept} calls.*${kept} of the 108 generated calls were already in the database`),
    );
    expect(await count("SELECT count(*) AS n FROM calls")).toBe(2400 + 108 - kept);
    expect(await count("SELECT count(*) AS n FROM calls WHERE request_metadata->>'extra_id' = 'demo-recording-1'")).toBe(1);
  });
});
