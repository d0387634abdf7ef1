import "server-only";
import { getPrisma } from "@/lib/db/client";
import type { CallFilters } from "@/lib/calls/filters";
import { fetchCallsByIdMatching } from "@/lib/calls/list-query";
import { toCallRow, type CallRow } from "@/lib/calls/rows";
import { subscribeToCalls } from "./listener";
import type { CallChangedPayload } from "./channel";

/**
 * The server-sent-events stream behind GET /api/calls/stream for one open
 * calls list. Notifications from the shared LISTEN connection are batched
 * (a burst of deliveries becomes one query), checked against the list's own
 * filter with the list's own SQL, and sent as:
 *
 *   event: calls   data: { matched: CallRow[], ops: {id: "insert"|"update"}, other: number }
 *   event: resync  data: {}            (the LISTEN connection was lost: re-read the list)
 *   event: end     data: { reason }    (access ended; the client stops)
 *   : ping                              (heartbeat, keeps proxies from closing an idle stream)
 */
export interface LiveCallsEvent {
  /** Calls that match the list's filter (new or changed), newest first. */
  matched: CallRow[];
  ops: Record<string, CallChangedPayload["op"]>;
  /** New calls that arrived but do not match the filter. */
  other: number;
}

export interface CallsFeedOptions {
  filters: CallFilters;
  signal: AbortSignal;
  /** Re-checks the viewer's access; the stream ends when it answers false. */
  stillAllowed: () => Promise<boolean>;
  batchMs?: number;
  heartbeatMs?: number;
  revalidateMs?: number;
}

export function createCallsFeed(options: CallsFeedOptions): ReadableStream<Uint8Array> {
  const batchMs = options.batchMs ?? 250;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const revalidateMs = options.revalidateMs ?? 60_000;
  const encoder = new TextEncoder();
  const pending = new Map<string, CallChangedPayload["op"]>();
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let revalidate: ReturnType<typeof setInterval> | null = null;
  let unsubscribe: (() => void) | null = null;
  let closed = false;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | null = null;

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

  const flush = async () => {
    flushTimer = null;
    if (closed || pending.size === 0) return;
    const batch = new Map(pending);
    pending.clear();
    try {
      const matchedItems = await fetchCallsByIdMatching(getPrisma(), [...batch.keys()], options.filters);
      const matchedIds = new Set(matchedItems.map((i) => i.id));
      let other = 0;
      for (const [id, op] of batch) if (op === "insert" && !matchedIds.has(id)) other++;
      const payload: LiveCallsEvent = {
        matched: matchedItems.map(toCallRow),
        ops: Object.fromEntries(matchedItems.map((i) => [i.id, batch.get(i.id) ?? "update"])),
        other,
      };
      if (payload.matched.length || payload.other) event("calls", payload);
    } catch (error) {
      console.error("[live] could not read new calls:", error instanceof Error ? error.message : error);
      event("resync", {});
    }
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      controllerRef = controller;
      if (options.signal.aborted) {
        cleanup();
        return;
      }
      options.signal.addEventListener("abort", onAbort);
      // Tell EventSource how long to wait before reconnecting, and that we are live.
      send(`retry: 3000\n\n`);
      event("ready", {});
      unsubscribe = subscribeToCalls({
        onCall(payload) {
          // An insert followed by updates in one batch stays an insert.
          if (pending.get(payload.id) !== "insert") pending.set(payload.id, payload.op);
          flushTimer ??= setTimeout(() => void flush(), batchMs);
        },
        onReconnect() {
          event("resync", {});
        },
      });
      heartbeat = setInterval(() => send(`: ping\n\n`), heartbeatMs);
      revalidate = setInterval(() => {
        void options.stillAllowed().then(
          (ok) => {
            if (!ok) {
              event("end", { reason: "signed-out" });
              cleanup();
            }
          },
          () => {},
        );
      }, revalidateMs);
    },
    cancel() {
      cleanup();
    },
  });
}
