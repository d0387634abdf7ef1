import "server-only";
import type { CallFilters } from "@/lib/calls/filters";
import { fetchCallsByIdMatching } from "@/lib/calls/list-query";
import { type CallRow, toCallRow } from "@/lib/calls/rows";
import { getPrisma } from "@/lib/db/client";
import type { Db } from "@/lib/db/sql";
import { callsSince } from "./catch-up";
import type { CallChangedPayload } from "./channel";
import { type CallsListener, callsListener } from "./listener";
import { encodePosition, type FeedPosition, readPosition } from "./position";

/**
 * The server-sent-events stream behind GET /api/calls/stream for one open
 * calls list. In order:
 *
 *   event: ready    data: {}   LISTEN is active: every commit from now on is heard
 *   event: calls    ...        first the catch-up (every call written since the
 *                              list's position, lib/live/catch-up.ts), then live ones
 *   id: <position>             (no event) everything before it was sent: the
 *                              browser's EventSource sends it back as Last-Event-ID
 *                              when it reconnects, and the catch-up starts there
 *   event: calls   data: { matched: CallRow[], ops: {id: "insert"|"update"}, other, otherIds }
 *   event: resync  data: {}            (cannot catch up: re-read the list)
 *   event: end     data: { reason }    (access ended; the client stops)
 *   : ping                              (heartbeat, keeps proxies from closing an idle stream)
 *
 * Notifications are batched (a burst of deliveries becomes one query) and
 * checked against the list's own filter with the list's own SQL. A call may
 * be sent twice (a catch-up overlapping the live feed, a reconnect resending
 * the last seconds); the browser keeps the ids it has counted and drops
 * repeats, so the "N new calls" count and the rows match a reload.
 *
 * Access is checked before each event from an in-memory answer: it is asked
 * again (one session lookup) when a `users_changed` notification names this
 * viewer, when the LISTEN connection comes back, and every `revalidateMs`.
 * Events wait for a pending answer, so none leaves after a deactivation was
 * announced.
 */
export interface LiveCallsEvent {
  /** Calls that match the list's filter (new or changed), newest first. */
  matched: CallRow[];
  ops: Record<string, CallChangedPayload["op"]>;
  /** New calls that arrived but do not match the filter. */
  other: number;
  /** Their ids, so a repeat is not counted twice. */
  otherIds: string[];
}

export interface CallsFeedOptions {
  filters: CallFilters;
  signal: AbortSignal;
  /** Where the list is: after `ready`, every call written since is sent first. null: live calls only. */
  since: FeedPosition | null;
  /** The viewer whose `users_changed` notifications trigger a re-check. */
  viewerId?: string;
  /** Re-checks the viewer's access; the stream ends when it answers false. */
  stillAllowed: () => Promise<boolean>;
  listener?: CallsListener;
  db?: Db;
  batchMs?: number;
  heartbeatMs?: number;
  revalidateMs?: number;
}

/** Enough for any overlap between a catch-up and the live feed (seconds of deliveries). */
const ANNOUNCED_CAP = 20_000;

export function createCallsFeed(options: CallsFeedOptions): ReadableStream<Uint8Array> {
  const batchMs = options.batchMs ?? 250;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const revalidateMs = options.revalidateMs ?? 60_000;
  const listener = options.listener ?? callsListener();
  const db = () => options.db ?? getPrisma();
  const encoder = new TextEncoder();
  const pending = new Map<string, CallChangedPayload["op"]>();
  // Ids this stream announced as new: the catch-up and the live feed may both bring one.
  const announced = new Set<string>();
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let revalidate: ReturnType<typeof setInterval> | null = null;
  let unsubscribe: (() => void) | null = null;
  let closed = false;
  let caughtUp = false;
  let sentAt = "";
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | null = null;
  let access: Promise<boolean> = Promise.resolve(true);
  // One task at a time (catch-up, flush, id), in arrival order.
  let chain: Promise<void> = Promise.resolve();
  const run = (task: () => Promise<void> | void) => {
    chain = chain.then(task).catch((error: unknown) => {
      console.error("[live] stream task failed:", error instanceof Error ? error.message : error);
      event("resync", {});
    });
  };

  const send = (chunk: string) => {
    if (closed || !controllerRef) return;
    try {
      controllerRef.enqueue(encoder.encode(chunk));
    } catch {
      cleanup();
    }
  };
  const event = (name: string, data: unknown) => send(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);

  const cleanup = () => {
    if (closed) return;
    closed = true;
    unsubscribe?.();
    if (flushTimer) clearTimeout(flushTimer);
    if (heartbeat) clearInterval(heartbeat);
    if (revalidate) clearInterval(revalidate);
    options.signal.removeEventListener("abort", onAbort);
    try {
      controllerRef?.close();
    } catch {
      // Already closed by the client going away.
    }
  };
  const onAbort = () => cleanup();

  const recheck = () => {
    access = options.stillAllowed().then(
      (ok) => {
        if (!ok && !closed) {
          event("end", { reason: "signed-out" });
          cleanup();
        }
        return ok;
      },
      // Cannot tell (database briefly away): keep going; the next check decides.
      () => true,
    );
  };
  /** Every event but `ready` passes here first. */
  const allowed = async () => !closed && (await access) && !closed;

  const remember = (id: string) => {
    announced.add(id);
    if (announced.size > ANNOUNCED_CAP) announced.delete(announced.values().next().value!);
  };
  const queue = (payload: CallChangedPayload) => {
    // An insert followed by updates in one batch stays an insert.
    if (pending.get(payload.id) !== "insert") pending.set(payload.id, payload.op);
  };

  const flush = async () => {
    flushTimer = null;
    if (closed || pending.size === 0) return;
    const batch = new Map(pending);
    pending.clear();
    for (const [id, op] of batch) if (op === "insert" && announced.has(id)) batch.set(id, "update");
    const matchedItems = await fetchCallsByIdMatching(db(), [...batch.keys()], options.filters);
    const matchedIds = new Set(matchedItems.map((i) => i.id));
    const otherIds = [...batch].filter(([id, op]) => op === "insert" && !matchedIds.has(id)).map(([id]) => id);
    const payload: LiveCallsEvent = {
      matched: matchedItems.map(toCallRow),
      ops: Object.fromEntries(matchedItems.map((i) => [i.id, batch.get(i.id) ?? "update"])),
      other: otherIds.length,
      otherIds,
    };
    if (!(payload.matched.length || payload.other) || !(await allowed())) return;
    for (const [id, op] of batch) if (op === "insert") remember(id);
    event("calls", payload);
  };

  /** Sends every call written since `from`, then names a position the browser may resume from. */
  const catchUp = async (from: FeedPosition | null) => {
    // Read after LISTEN is active and before the catch-up: anything it does not see will be heard.
    const now = await readPosition(db());
    if (from) {
      const missed = await callsSince(db(), from);
      if (!missed) {
        if (await allowed()) event("resync", {});
        caughtUp = true;
        return;
      }
      for (const payload of missed) queue(payload);
      await flush();
    }
    caughtUp = true;
    await sendId(now);
  };
  const sendId = async (position: FeedPosition) => {
    // Never step back: an older position is safe but makes a reconnect resend more.
    if (!caughtUp || position.at <= sentAt || !(await allowed())) return;
    sentAt = position.at;
    send(`id: ${encodePosition(position)}\n\n`);
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      controllerRef = controller;
      if (options.signal.aborted) {
        cleanup();
        return;
      }
      options.signal.addEventListener("abort", onAbort);
      // How long EventSource waits before reconnecting after a drop.
      send(`retry: 3000\n\n`);
      const subscription = listener.subscribe({
        onCall(payload) {
          queue(payload);
          flushTimer ??= setTimeout(() => run(flush), batchMs);
        },
        onReconnect(before) {
          run(() => catchUp(before));
        },
        onViewerChanged(viewerId) {
          if (viewerId === "*" || viewerId === options.viewerId) recheck();
        },
        onPosition(position) {
          run(() => sendId(position));
        },
      });
      unsubscribe = subscription.unsubscribe;
      void subscription.listening.then(() => {
        if (closed) return;
        event("ready", {});
        run(() => catchUp(options.since));
      });
      heartbeat = setInterval(() => send(`: ping\n\n`), heartbeatMs);
      revalidate = setInterval(recheck, revalidateMs);
    },
    cancel() {
      cleanup();
    },
  });
}
