import { tzOffset } from "@date-fns/tz";

/**
 * Local calendar days and wall-clock times in IANA zones: the one place the
 * app turns an instant into "what the clock on the wall showed there" and back
 * (promises due on a local day, callbacks at a local hour, Regulation F's
 * calling hours and calendar days). Pure, no I/O, safe anywhere.
 *
 * Offsets come from @date-fns/tz's `tzOffset`, memoised per zone and quarter
 * hour because the compliance engine asks before every call (every real zone
 * transition since 1970 falls on a quarter-hour boundary, so a bucket never
 * straddles one). Two ways of writing a local day: `YYYY-MM-DD` strings (how
 * due dates travel) and day numbers, days since 1970-01-01 (cheap arithmetic).
 */

export const MS_PER_DAY = 86_400_000;
const BUCKET_MS = 900_000;
const MAX_CACHED_OFFSETS = 50_000;
/** No zone is further than 14 hours from UTC, so probes this far either side of a wall time see the offsets before and after it. */
const PROBE_MS = 14 * 3_600_000;

const validZones = new Set<string>();
const offsets = new Map<string, Map<number, number>>();
const longOffsetFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * True when the runtime knows the zone. Asked of `Intl` because `tzOffset`
 * cannot say: it reads anything with a `±hh` in it ("Foo-05") as an offset.
 * Only known zones are remembered, so odd input cannot grow the set.
 */
export function isValidTimeZone(zone: string): boolean {
  if (validZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    return false;
  }
  validZones.add(zone);
  return true;
}

function offsetMinutes(zone: string, ms: number): number {
  const minutes = tzOffset(zone, new Date(ms));
  // tzOffset (1.5) reads "GMT-00:44:30" as +44.5: the sign of a "-00" hour is
  // lost. Only offsets less than an hour west of UTC have that form (Monrovia
  // until 1972, Dublin before 1916), so only an offset under +1 h is re-read.
  if (minutes > 0 && minutes < 60) {
    let format = longOffsetFormats.get(zone);
    if (!format) {
      format = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
      longOffsetFormats.set(zone, format);
    }
    if (format.format(ms).includes("GMT-")) return -minutes;
  }
  return minutes;
}

/** Milliseconds to add to a UTC instant to get local wall-clock time in `zone`; throws a RangeError for an unknown zone. */
export function zoneOffset(zone: string, ms: number): number {
  const bucket = Math.floor(ms / BUCKET_MS);
  let byBucket = offsets.get(zone);
  if (!byBucket) {
    if (!isValidTimeZone(zone)) throw new RangeError(`Invalid time zone specified: ${zone}`);
    byBucket = new Map();
    offsets.set(zone, byBucket);
  }
  let offset = byBucket.get(bucket);
  if (offset === undefined) {
    // Historical offsets have seconds (-4:56:02), which tzOffset gives as fractional minutes.
    offset = Math.round(offsetMinutes(zone, bucket * BUCKET_MS) * 60_000);
    if (byBucket.size >= MAX_CACHED_OFFSETS) byBucket.clear();
    byBucket.set(bucket, offset);
  }
  return offset;
}

/** Minutes east of UTC at that instant (e.g. -300 for New York in winter): what chrono's `timezone` wants. */
export function offsetMinutesAt(instant: Date, timeZone: string): number {
  return Math.round(zoneOffset(timeZone, instant.getTime()) / 60_000);
}

/** Days since 1970-01-01 of the local calendar date of `ms` in `zone`. */
export function localDay(zone: string, ms: number): number {
  return Math.floor((ms + zoneOffset(zone, ms)) / MS_PER_DAY);
}

/** Milliseconds since local midnight. */
export function localTimeOfDay(zone: string, ms: number): number {
  const local = ms + zoneOffset(zone, ms);
  return local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
}

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const ms = instant.getTime();
  const wall = new Date(ms + zoneOffset(timeZone, ms));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    weekday: wall.getUTCDay(),
  };
}

/**
 * What a wall-clock time skipped by spring-forward (02:30 on 2026-03-08 in
 * New York) means: `"shift"` reads it with the offset before the gap, so it
 * lands as far past the gap's end as it was past its start (03:30), which is
 * what a person means by "call me at 2:30"; `"gap-end"` takes the first
 * instant after the gap (03:00), the earliest moment that local time is
 * reached or passed.
 */
export type GapRule = "shift" | "gap-end";

/**
 * The UTC instant at which the clock in `zone` shows `wall` (a local
 * wall-clock time written as if it were UTC milliseconds). A wall time
 * repeated by fall-back takes its first occurrence; a skipped one follows `gap`.
 *
 * Hand-written because @date-fns/tz has no equivalent: `new TZDate(y, m, d,
 * h, min, zone)` resolves these times through the host's own zone (a repeated
 * 01:30 in New York comes out EDT on a UTC host and EST on a Los Angeles one)
 * and offers no choice of gap rule; `tzScan` finds changes only to the hour.
 */
export function wallClockToUtc(zone: string, wall: number, gap: GapRule): number {
  const before = wall - zoneOffset(zone, wall - PROBE_MS);
  const after = wall - zoneOffset(zone, wall + PROBE_MS);
  const valid = [before, after].filter((g) => g + zoneOffset(zone, g) === wall);
  if (valid.length > 0) return Math.min(...valid);
  if (gap === "shift") return before;
  // The offset changes between the two readings on a quarter hour: find it.
  let lo = Math.floor(Math.min(before, after) / BUCKET_MS);
  let hi = Math.ceil(Math.max(before, after) / BUCKET_MS);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const at = mid * BUCKET_MS;
    if (at + zoneOffset(zone, at) >= wall) hi = mid;
    else lo = mid + 1;
  }
  return lo * BUCKET_MS;
}

/** The UTC instant of local wall-clock `msOfDay` on local day `day`; a skipped time resolves to the end of the gap. */
export function localToUtc(zone: string, day: number, msOfDay: number): number {
  return wallClockToUtc(zone, day * MS_PER_DAY + msOfDay, "gap-end");
}

export function startOfLocalDay(zone: string, day: number): number {
  return localToUtc(zone, day, 0);
}

/** The instant a local wall-clock time happens in `timeZone`; a time skipped by spring-forward lands as much later as the gap is long. */
export function zonedToInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  return new Date(wallClockToUtc(timeZone, Date.UTC(year, month - 1, day, hour, minute), "shift"));
}

// Calendar arithmetic: no zone is involved, so plain UTC dates do it (date-fns
// would read a `YYYY-MM-DD` through the host's zone and need one back out).

/** 1970-01-01 was a Thursday. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** `YYYY-MM-DD`: how local due dates travel (no instant, no zone confusion). */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function localDateOf(instant: Date, timeZone: string): string {
  const l = toLocal(instant, timeZone);
  return isoDate(l.year, l.month, l.day);
}

/** Calendar arithmetic on `YYYY-MM-DD` strings (UTC noon avoids any DST edge). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d, 12) + days * MS_PER_DAY);
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function weekdayOfDate(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 12)).getUTCDay();
}

/** A real calendar date in `YYYY-MM-DD` form (rejects 2026-02-30). */
export function isValidIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
