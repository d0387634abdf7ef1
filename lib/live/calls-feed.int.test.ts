import { afterAll, describe, expect, it } from "vitest";
import { NO_FILTERS } from "@/lib/calls/filters";
import { insertCall } from "@/lib/testing/calls";
import { testPool, useTestDatabase } from "@/lib/testing/database";
import { createCallsFeed, type LiveCallsEvent } from "./calls-feed";
import { notifyCallChanged } from "./channel";
import { callsListener, closeCallsListener } from "./listener";

type SseEvent = { event: string; data: unknown };

/** Reads SSE events from the feed until `done(events)` holds (or times out). */
async function readEvents(stream: ReadableStream<Uint8Array>, name: string, want: number, timeoutMs = 10_000) {
  return readUntil(stream, (events) => events.filter((e) => e.event === name).length >= want, timeoutMs);
}

/** Calls seen so far (matched rows + counted others) across "calls" events. */
const callsSeen = (events: SseEvent[]) =>
  events.filter((e) => e.event === "calls").reduce((n, e) => n + (e.data as LiveCallsEvent).matched.length + (e.data as LiveCallsEvent).other, 0);

async function readUntil(stream: ReadableStream<Uint8Array>, done: (events: SseEvent[]) => boolean, timeoutMs = 10_000) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = "";
  const deadline = Date.now() + timeoutMs;
  while (!done(events) && Date.now() < deadline) {
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
    if (!chunk || chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event) events.push({ event, data: data ? JSON.parse(data) : null });
    }
  }
  reader.releaseLock();
  return events;
}

async function storeAndNotify(fields: Parameters<typeof insertCall>[1]) {
  const pool = testPool();
  const call = await insertCall(pool, fields);
  await notifyCallChanged(pool, { id: call.id, providerCallId: call.payload.providerCallId, receivedAt: call.receivedAt.toISOString(), op: "insert" });
  return call;
}

describe("live calls feed (LISTEN/NOTIFY → SSE)", () => {
  useTestDatabase();
  afterAll(async () => {
    await closeCallsListener();
  });

  it("sends calls matching the list's filter as rows, counts the others, and shares one LISTEN connection", async () => {
    const a = new AbortController();
    const b = new AbortController();
    const filters = { ...NO_FILTERS, outcome: ["PAYMENT PROMISE"] };
    const feed = createCallsFeed({ filters, signal: a.signal, stillAllowed: async () => true, batchMs: 50 });
    const second = createCallsFeed({ filters: NO_FILTERS, signal: b.signal, stillAllowed: async () => true, batchMs: 50 });
    const ready = await readEvents(feed, "ready", 1);
    expect(ready[0]?.event).toBe("ready");
    await readEvents(second, "ready", 1);
    await callsListener().ready();
    expect(callsListener().subscriberCount).toBe(2);

    const match = await storeAndNotify({ callOutput: "PAYMENT PROMISE", numberTo: "+14155550100" });
    const other = await storeAndNotify({ callOutput: "WRONG NUMBER" });
    const events = await readUntil(feed, (e) => callsSeen(e) >= 2, 5_000);
    const payloads = events.filter((e) => e.event === "calls").map((e) => e.data as LiveCallsEvent);
    const matched = payloads.flatMap((p) => p.matched);
    expect(matched.map((r) => r.id)).toEqual([match.id]);
    expect(matched[0]).toMatchObject({ numberTo: "+14155550100", callOutput: "PAYMENT PROMISE", hasRecording: true });
    expect(payloads.reduce((n, p) => n + p.other, 0)).toBe(1);
    expect(payloads.flatMap((p) => Object.entries(p.ops))).toEqual([[match.id, "insert"]]);

    const all = (await readUntil(second, (e) => callsSeen(e) >= 2, 5_000)).flatMap((e) => (e.data as LiveCallsEvent).matched.map((r) => r.id));
    expect(all.sort()).toEqual([match.id, other.id].sort());

    a.abort();
    b.abort();
    expect(callsListener().subscriberCount).toBe(0);
  });

  it("ends the stream when the viewer's access is gone", async () => {
    const a = new AbortController();
    const feed = createCallsFeed({ filters: NO_FILTERS, signal: a.signal, stillAllowed: async () => false, revalidateMs: 50 });
    const events = await readEvents(feed, "end", 1, 3_000);
    expect(events.map((e) => e.event)).toEqual(["ready", "end"]);
    expect(callsListener().subscriberCount).toBe(0);
  });
});
