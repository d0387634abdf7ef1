"use client";

import { useEffect, useState, useSyncExternalStore } from "react";

const ABSOLUTE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium" });

/**
 * "4 min ago", with the exact time (agent's zone) as a tooltip. Ticks every
 * 30 s so a list left open stays truthful; the server render may say a
 * slightly different "ago", hence suppressHydrationWarning.
 */
export function RelativeTime({ iso }: { iso: string }) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), 30_000);
    return () => clearInterval(t);
  }, []);
  const date = new Date(iso);
  const ageMs = Date.now() - date.getTime();
  const text = relative(ageMs) ?? SHORT.format(date);
  return (
    <time dateTime={iso} title={ABSOLUTE.format(date)} suppressHydrationWarning className="whitespace-nowrap">
      {text}
    </time>
  );
}

const SHORT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });

/** Compact "12 min ago" / "5 h ago" / "3 days ago" for the last week; null beyond (shown as a date). */
export function relative(ageMs: number): string | null {
  const min = Math.floor(ageMs / 60_000);
  if (min < 1) return "just now";
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.floor(h / 24);
  return d < 7 ? `${d} ${d === 1 ? "day" : "days"} ago` : null;
}

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
