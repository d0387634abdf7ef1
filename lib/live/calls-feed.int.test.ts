import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/levers/route";
import { NO_FILTERS } from "@/lib/calls/filters";
import { getPrisma } from "@/lib/db/client";
import { insertCall } from "@/lib/testing/calls";
import { useTestDatabase } from "@/lib/testing/database";
import { buildPayload } from "@/lib/testing/payload-factory";
import { SseReader } from "@/lib/testing/sse";
import { generateTestSecret, signedWebhookRequest } from "@/lib/testing/svix";
import { useWebhookSecret } from "@/lib/testing/webhook-secret";
import { type CallsFeedOptions, createCallsFeed, type LiveCallsEvent } from "./calls-feed";
import { notifyCallChanged } from "./channel";
import { CallsListener } from "./listener";
import { readPosition } from "./position";

const SECRET = generateTestSecret();

/** Stores a call the way production does (webhook → one transaction with the NOTIFY); returns its id. */
async function deliver(fields: Parameters<typeof buildPayload>[0] = {}): Promise<string> {
  const { request } = signedWebhookRequest(buildPayload(fields), { secret: SECRET });
  const response = await POST(request);
  expect(response.status).toBe(200);
  return ((await response.json()) as { callId: string }).callId;
}

const calls = (r: SseReader) => r.named("calls").map((e) => e.data as LiveCallsEvent);
/** How often each call was announced as new (matched insert or counted other). */
function newCounts(r: SseReader): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of calls(r)) {
    for (const row of e.matched) if (e.ops[row.id] === "insert") counts.set(row.id, (counts.get(row.id) ?? 0) + 1);
    for (const id of e.otherIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
const announced = (r: SseReader, id: string) => calls(r).some((e) => e.matched.some((m) => m.id === id) || e.otherIds.includes(id));

describe("live calls feed (LISTEN/NOTIFY → SSE)", () => {
  const db = useTestDatabase();
  useWebhookSecret(SECRET);
  const listeners: CallsListener[] = [];
  const aborts: AbortController[] = [];
  const newListener = (options: ConstructorParameters<typeof CallsListener>[0] = {}) => {
    const listener = new CallsListener({ connectionString: db.url, ...options });
    listeners.push(listener);
    return listener;
  };
  const open = (options: Partial<CallsFeedOptions> & { listener: CallsListener }) => {
    const abort = new AbortController();
    aborts.push(abort);
    const reader = new SseReader(
      createCallsFeed({ filters: NO_FILTERS, since: null, stillAllowed: async () => true, batchMs: 30, signal: abort.signal, ...options }),
    );
    return { reader, abort };
  };
  afterEach(() => {
    for (const a of aborts.splice(0)) a.abort();
  });
  afterAll(async () => {
    await Promise.all(listeners.map((l) => l.close()));
  });

  it("two instances: a call stored between the page's read and `ready`, and one right after `ready`, each reach the new list exactly once", async () => {
    // Instance A already serves an open list; instance B has no LISTEN connection yet (just started, or idle).
    const a = newListener();
    const b = newListener();
    const onA = open({ listener: a });
    await onA.reader.until((r) => r.named("ready").length === 1);

    // A call whose transaction began before B renders the page and commits after it (so its received_at,
    // the transaction's start, is older than the render): a catch-up by time alone would miss it.
    const early = new pg.Client({ connectionString: db.url() });
    await early.connect();
    await early.query("BEGIN");
    const started = await insertCall(early as unknown as pg.Pool);
    // As ingestion stores it: received_at is the transaction's start.
    await early.query("UPDATE calls SET received_at = now(), updated_at = now() WHERE id = $1", [started.id]);
    await notifyCallChanged(early, {
      id: started.id,
      providerCallId: started.payload.providerCallId,
      receivedAt: started.receivedAt.toISOString(),
      op: "insert",
    });
    // Older than the position's clock margin: the catch-up window must reach back to the open transaction.
    await new Promise((r) => setTimeout(r, 1_500));
    // B renders the page: the position is read before the list.
    const rendered = await readPosition(getPrisma());
    await early.query("COMMIT");
    await early.end();
    const beforeReady = await deliver({ callOutput: "PAYMENT PROMISE" });

    const onB = open({ listener: b, since: rendered });
    await onB.reader.until((r) => r.named("ready").length === 1);
    expect(b.isListening).toBe(true);
    const afterReady = await deliver({ callOutput: "WRONG NUMBER" });
    // Barrier: a last call, heard after the ones that must not come twice.
    const sentinel = await deliver();
    await onB.reader.until((r) => announced(r, sentinel), 10_000, "the sentinel on B");
    await onA.reader.until((r) => announced(r, sentinel), 10_000, "the sentinel on A");

    const onBCounts = newCounts(onB.reader);
    expect(Object.fromEntries(onBCounts)).toEqual({ [started.id]: 1, [beforeReady]: 1, [afterReady]: 1, [sentinel]: 1 });
    // A heard them live (its LISTEN was up all along): each once too.
    expect(Object.fromEntries(newCounts(onA.reader))).toEqual({ [started.id]: 1, [beforeReady]: 1, [afterReady]: 1, [sentinel]: 1 });
    // After the catch-up B names a position the browser would resume from.
    expect(onB.reader.ids.length).toBeGreaterThan(0);
    // One LISTEN connection per instance, whatever the number of lists.
    expect(a.subscriberCount).toBe(1);
    expect(b.subscriberCount).toBe(1);
  });

  it("sends calls matching the list's filter as rows, counts the others, and shares one LISTEN connection", async () => {
    const listener = newListener();
    const filtered = open({ listener, filters: { ...NO_FILTERS, outcome: ["PAYMENT PROMISE"] } });
    const all = open({ listener });
    await filtered.reader.until((r) => r.named("ready").length === 1);
    await all.reader.until((r) => r.named("ready").length === 1);
    expect(listener.subscriberCount).toBe(2);

    const match = await deliver({ callOutput: "PAYMENT PROMISE", numberTo: "+14155550100" });
    const other = await deliver({ callOutput: "WRONG NUMBER" });
    const sentinel = await deliver({ callOutput: "PAYMENT PROMISE" });
    await filtered.reader.until((r) => announced(r, sentinel));
    const events = calls(filtered.reader);
    const matched = events.flatMap((p) => p.matched);
    expect(matched.map((r) => r.id).sort()).toEqual([match, sentinel].sort());
    expect(matched.find((r) => r.id === match)).toMatchObject({ numberTo: "+14155550100", callOutput: "PAYMENT PROMISE" });
    expect(events.flatMap((p) => p.otherIds)).toEqual([other]);
    expect(events.reduce((n, p) => n + p.other, 0)).toBe(1);

    await all.reader.until((r) => announced(r, sentinel));
    expect([...newCounts(all.reader).keys()].sort()).toEqual([match, other, sentinel].sort());

    filtered.abort.abort();
    all.abort.abort();
    expect(listener.subscriberCount).toBe(0);
  });

  it("after the LISTEN connection is lost it reconnects with growing backoff and catches up on what it missed, once", async () => {
    let port = new URL(db.url()).port;
    const url = () => {
      const u = new URL(db.url());
      u.port = port;
      return u.toString();
    };
    const listener = newListener({ connectionString: url, initialBackoffMs: 50, maxBackoffMs: 400, positionEveryMs: 100 });
    const { reader } = open({ listener });
    await reader.until((r) => r.named("ready").length === 1);
    const before = await deliver();
    await reader.until((r) => announced(r, before));
    // Let the position the stream would resume from be one read after `before` was heard.
    const heard = new Date().toISOString();
    await expect.poll(() => (listener.safePosition?.at ?? "") > heard, { timeout: 5_000 }).toBe(true);

    // The database goes away for this connection (a restart, a network cut); reconnects are refused for a while.
    await listener.killConnectionForTests();
    port = "1";
    await expect.poll(() => listener.isListening).toBe(false);
    const missed = await deliver({ callOutput: "PAYMENT PROMISE" });
    await expect.poll(() => listener.nextBackoffMs, { timeout: 5_000 }).toBe(400);
    expect(listener.stats.losses).toBe(1);

    port = new URL(db.url()).port;
    await expect.poll(() => listener.isListening, { timeout: 5_000 }).toBe(true);
    const sentinel = await deliver();
    await reader.until((r) => announced(r, sentinel), 10_000, "the sentinel after the reconnect");
    expect(Object.fromEntries(newCounts(reader))).toEqual({ [before]: 1, [missed]: 1, [sentinel]: 1 });
    expect(reader.named("resync")).toEqual([]);
    expect(listener.stats.connects).toBe(2);
    expect(listener.nextBackoffMs).toBe(50);
  });

  it("after the idle close of its LISTEN connection, a new list hears a call sent right after `ready`", async () => {
    const listener = newListener({ idleCloseMs: 50 });
    const first = open({ listener });
    await first.reader.until((r) => r.named("ready").length === 1);
    first.abort.abort();
    await expect.poll(() => listener.isListening).toBe(false);

    const { reader } = open({ listener });
    await reader.until((r) => r.named("ready").length === 1);
    // `ready` means listening: a NOTIFY sent now is heard.
    expect(listener.isListening).toBe(true);
    const id = await deliver();
    await reader.until((r) => announced(r, id), 5_000, "the call sent right after ready");
  });

  it("keeps an idle stream open with a heartbeat", async () => {
    const { reader } = open({ listener: newListener(), heartbeatMs: 40 });
    await reader.until((r) => r.comments.filter((c) => c === "ping").length >= 3, 3_000, "three pings");
    expect(reader.done).toBe(false);
  });

  it("a position too far back re-reads the list instead of catching up", async () => {
    const old = { ...(await readPosition(getPrisma())), at: new Date(Date.now() - 11 * 60_000).toISOString() };
    const { reader } = open({ listener: newListener(), since: old });
    await reader.until((r) => r.named("resync").length === 1);
  });

  it("ends the stream when the viewer's access is gone", async () => {
    const listener = newListener();
    const { reader } = open({ listener, stillAllowed: async () => false, revalidateMs: 50 });
    await reader.until((r) => r.done, 3_000, "the end");
    expect(reader.events.map((e) => e.event)).toEqual(["ready", "end"]);
    expect(listener.subscriberCount).toBe(0);
  });
});
