import { resolveFrom } from "@/lib/calls/date-range";
import { addDays, localToday } from "./period";

/**
 * Which rollup tier answers which part of a time range. Whole local days that
 * the zone's daily rows cover exactly come from the daily tier; the rest (a
 * partial first or last day, days before the zone's backfill reached) from the
 * 15-minute tier. Both tiers count the same calls, so the split only changes
 * how many rows are read, never the result.
 */

export type ZoneState =
  | { kind: "none" }
  | { kind: "full" }
  /** Days on or after `completeFrom` are exact in the daily tier. */
  | { kind: "partial"; completeFrom: string };

export interface InstantRange {
  start: Date;
  end: Date;
}

export interface RangeSplit {
  /** Local days [fromDay, toDay) read from the daily tier. */
  daily: { fromDay: string; toDay: string } | null;
  /** Instant ranges read from the 15-minute tier. */
  fine: InstantRange[];
}

/** The first local day that starts at or after `instant`. */
function firstDayStartingAtOrAfter(instant: Date, tz: string): string {
  const day = localToday(tz, instant);
  return resolveFrom(day, tz).getTime() < instant.getTime() ? addDays(day, 1) : day;
}

export function splitRange(range: InstantRange, tz: string, zone: ZoneState): RangeSplit {
  const whole: RangeSplit = { daily: null, fine: range.end > range.start ? [range] : [] };
  if (zone.kind === "none" || range.end <= range.start) return whole;

  let fromDay = firstDayStartingAtOrAfter(range.start, tz);
  // Every day before the local day of `end` finishes at or before `end`.
  const toDay = localToday(tz, range.end);
  if (zone.kind === "partial" && zone.completeFrom > fromDay) fromDay = zone.completeFrom;
  if (fromDay >= toDay) return whole;

  const dailyStart = resolveFrom(fromDay, tz);
  const dailyEnd = resolveFrom(toDay, tz);
  const fine: InstantRange[] = [];
  if (dailyStart > range.start) fine.push({ start: range.start, end: dailyStart });
  if (range.end > dailyEnd) fine.push({ start: dailyEnd, end: range.end });
  return { daily: { fromDay, toDay }, fine };
}
