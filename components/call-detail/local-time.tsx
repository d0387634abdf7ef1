"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * A timestamp in the agent's own time zone. The server cannot know it, so the
 * server render shows UTC and the browser swaps in local time after hydration
 * (useSyncExternalStore's server snapshot keeps hydration consistent).
 */
export function LocalTime({ iso, className }: { iso: string; className?: string }) {
  const text = useSyncExternalStore(
    subscribe,
    () => format(iso, undefined),
    () => `${format(iso, "UTC")} UTC`,
  );
  return (
    <time dateTime={iso} className={className} title={iso}>
      {text}
    </time>
  );
}

function format(iso: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).format(new Date(iso));
}
