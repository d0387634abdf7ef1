"use client";

import { useEffect, useRef, useState } from "react";
import type { LiveCallsEvent } from "@/lib/live/calls-feed";

export type LiveStatus = "connecting" | "live" | "offline";

/** How many announced ids a list remembers to drop repeats (a day of an open tab must not grow without end). */
const SEEN_CAP = 20_000;

/**
 * Subscribes to GET /api/calls/stream for the list's filter, from `since`: the
 * position the page was rendered at, so the stream first sends every call
 * stored after the page was read (even while the page was still loading).
 * EventSource reconnects by itself after a drop and sends the last `id:` it
 * got; the server then catches up from there. A call can therefore come
 * twice: this hook remembers which ids it has announced as new and passes a
 * repeat on as an update, so counts never double. `resync` means the server
 * could not catch up: the caller re-reads.
 */
export function useLiveCalls(
  href: string,
  since: string | null,
  handlers: { onCalls: (e: LiveCallsEvent) => void; onResync: () => void },
): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const latest = useRef(handlers);
  latest.current = handlers;
  const url = since ? `${href}${href.includes("?") ? "&" : "?"}since=${encodeURIComponent(since)}` : href;

  useEffect(() => {
    const source = new EventSource(url);
    const seen = new Set<string>();
    const firstTime = (id: string) => {
      if (seen.has(id)) return false;
      seen.add(id);
      if (seen.size > SEEN_CAP) seen.delete(seen.values().next().value!);
      return true;
    };
    setStatus("connecting");
    source.addEventListener("ready", () => setStatus("live"));
    source.addEventListener("calls", (e) => {
      let event: LiveCallsEvent;
      try {
        event = JSON.parse((e as MessageEvent<string>).data) as LiveCallsEvent;
      } catch {
        return; // A malformed event is dropped; the next one still counts.
      }
      const ops = { ...event.ops };
      for (const row of event.matched) if (ops[row.id] === "insert" && !firstTime(row.id)) ops[row.id] = "update";
      const otherIds = (event.otherIds ?? []).filter(firstTime);
      if (!event.matched.length && !otherIds.length) return;
      latest.current.onCalls({ ...event, ops, otherIds, other: otherIds.length });
    });
    source.addEventListener("resync", () => latest.current.onResync());
    source.addEventListener("end", () => {
      source.close();
      setStatus("offline");
    });
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    return () => source.close();
  }, [url]);

  return status;
}
