"use client";

import { useEffect, useState } from "react";

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
