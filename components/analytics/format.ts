import { formatDuration } from "@/components/call-detail/format";
import { outcomeInfo, sentimentInfo } from "@/lib/calls/catalogue";

/** Display helpers for the analytics page: one formatting of counts, rates, durations and dates everywhere. */

const integer = new Intl.NumberFormat("en-US");
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export function formatCount(n: number): string {
  return integer.format(n);
}

export function formatCompact(n: number): string {
  return n < 10_000 ? integer.format(n) : compact.format(n);
}

/** 0.4213 → "42.1%"; null (nothing to divide by) → "–". */
export function formatPercent(ratio: number | null, digits = 1): string {
  if (ratio === null || !Number.isFinite(ratio)) return "–";
  return `${(ratio * 100).toFixed(digits)}%`;
}

export function share(n: number, d: number): number | null {
  return d > 0 ? n / d : null;
}

export { formatDuration };

/**
 * Chart colours: the catalogue's, so an outcome looks the same on every page.
 * "None recorded" is not a catalogue value; it gets a lighter neutral than
 * unknown values so the two stay apart in a stack.
 */
const NONE_COLOR = "#d6d3d1";

export function outcomeColor(value: string): string {
  return value === "" ? NONE_COLOR : outcomeInfo(value).color;
}

export function sentimentColor(value: string): string {
  return value === "" ? NONE_COLOR : sentimentInfo(value).color;
}

export function outcomeLabel(value: string): string {
  return outcomeInfo(value).label;
}

export function sentimentLabel(value: string): string {
  return sentimentInfo(value).label;
}

const dayFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const dayYearFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const monthFormat = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** A local calendar day (YYYY-MM-DD) as "Nov 3" (or "Nov 3, 2026"). */
export function formatDay(day: string, withYear = false): string {
  return (withYear ? dayYearFormat : dayFormat).format(asDate(day));
}

export function formatBucket(key: string, granularity: "day" | "week" | "month"): string {
  if (granularity === "month") return monthFormat.format(asDate(key));
  return granularity === "week" ? `Wk of ${formatDay(key)}` : formatDay(key);
}

export function formatRange(from: string, to: string): string {
  if (from === to) return formatDay(from, true);
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  return `${sameYear ? formatDay(from) : formatDay(from, true)} – ${formatDay(to, true)}`;
}

/** The UTC offset of `tz` at `at`, e.g. "UTC+05:30". */
export function zoneOffsetLabel(tz: string, at: Date): string {
  try {
    const part = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" })
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName")?.value;
    return part === "GMT" || !part ? "UTC" : part.replace("GMT", "UTC");
  } catch {
    return "";
  }
}
