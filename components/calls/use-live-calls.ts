"use client";

import { useEffect, useRef, useState } from "react";
import type { LiveCallsEvent } from "@/lib/live/calls-feed";

export type LiveStatus = "connecting" | "live" | "offline";

/**
 * Subscribes to GET /api/calls/stream for the list's filter. EventSource
 * reconnects by itself after a drop (the server sends `retry:`); a `resync`
 * event means notifications may have been missed, so the caller re-reads.
 */
export function useLiveCalls(href: string, handlers: { onCalls: (e: LiveCallsEvent) => void; onResync: () => void }): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    const source = new EventSource(href);
    let readies = 0;
    setStatus("connecting");
    source.addEventListener("ready", () => {
      setStatus("live");
      // EventSource reconnected by itself after a drop: whatever arrived in between was not sent.
      if (++readies > 1) latest.current.onResync();
    });
    source.addEventListener("calls", (e) => {
      try {
        latest.current.onCalls(JSON.parse((e as MessageEvent<string>).data) as LiveCallsEvent);
      } catch {
        // A malformed event is dropped; the next one still counts.
      }
    });
    source.addEventListener("resync", () => latest.current.onResync());
    source.addEventListener("end", () => {
      source.close();
      setStatus("offline");
    });
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    return () => source.close();
  }, [href]);

  return status;
}
