/**
 * Local calendar days and clock times in IANA zones, without a date library
 * on the hot path: Regulation F counts calendar days and clock hours at the
 * consumer's location, and a dialer asks before every call, so offsets are
 * memoised per zone and quarter hour (every real zone transition since 1970
 * falls on a quarter-hour boundary, so a bucket never straddles one).
 */

const DAY_MS = 86_400_000;
const BUCKET_MS = 900_000;
const MAX_CACHED_OFFSETS = 50_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();
const validZones = new Map<string, boolean>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

export function isValidZone(zone: string): boolean {
  let known = validZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    validZones.set(zone, known);
  }
  return known;
}

function computeOffset(zone: string, ms: number): number {
  const parts = formatterFor(zone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** Milliseconds to add to a UTC instant to get local wall-clock time in `zone`. */
export function zoneOffset(zone: string, ms: number): number {
  const bucket = Math.floor(ms / BUCKET_MS);
  let byBucket = offsets.get(zone);
  if (!byBucket) {
    byBucket = new Map();
    offsets.set(zone, byBucket);
  }
  let offset = byBucket.get(bucket);
  if (offset === undefined) {
    offset = computeOffset(zone, bucket * BUCKET_MS);
    if (byBucket.size >= MAX_CACHED_OFFSETS) byBucket.clear();
    byBucket.set(bucket, offset);
  }
  return offset;
}

/** Days since 1970-01-01 of the local calendar date of `ms` in `zone`. */
export function localDay(zone: string, ms: number): number {
  return Math.floor((ms + zoneOffset(zone, ms)) / DAY_MS);
}

/** Milliseconds since local midnight. */
export function localTimeOfDay(zone: string, ms: number): number {
  const local = ms + zoneOffset(zone, ms);
  return local - Math.floor(local / DAY_MS) * DAY_MS;
}

/**
 * The UTC instant of local wall-clock `msOfDay` on local day `day`. A wall
 * time skipped by a spring-forward gap resolves to the instant just after the
 * gap, which is the earliest moment that local time is reached or passed.
 */
export function localToUtc(zone: string, day: number, msOfDay: number): number {
  const wall = day * DAY_MS + msOfDay;
  const a = wall - zoneOffset(zone, wall - 14 * 3_600_000);
  const b = wall - zoneOffset(zone, wall + 14 * 3_600_000);
  const valid = [a, b].filter((g) => g + zoneOffset(zone, g) === wall);
  // Wall times repeated by a fall-back overlap take their first occurrence.
  if (valid.length > 0) return Math.min(...valid);
  // A gap: the offset changes between the two candidates on a quarter hour.
  let lo = Math.floor(Math.min(a, b) / BUCKET_MS);
  let hi = Math.ceil(Math.max(a, b) / BUCKET_MS);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const at = mid * BUCKET_MS;
    if (at + zoneOffset(zone, at) >= wall) hi = mid;
    else lo = mid + 1;
  }
  return lo * BUCKET_MS;
}

export function startOfLocalDay(zone: string, day: number): number {
  return localToUtc(zone, day, 0);
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** 1970-01-01 was a Thursday. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function dayParts(day: number): { weekday: string; date: number; month: string } {
  const d = new Date(day * DAY_MS);
  return { weekday: WEEKDAYS[weekdayOfDay(day)] ?? "", date: d.getUTCDate(), month: MONTHS[d.getUTCMonth()] ?? "" };
}

/** "14 Aug": the short local date people use in messages. */
export function formatLocalDate(zone: string, ms: number): string {
  const { date, month } = dayParts(localDay(zone, ms));
  return `${date} ${month}`;
}

/** "Fri 21 Aug 08:00 America/Chicago". */
export function formatLocalDateTime(zone: string, ms: number): string {
  const { weekday, date, month } = dayParts(localDay(zone, ms));
  const minutes = Math.floor(localTimeOfDay(zone, ms) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${weekday} ${date} ${month} ${hh}:${mm} ${zone}`;
}

/** "07:59:59" local, for calling-hours messages. */
export function formatLocalClock(zone: string, ms: number): string {
  const seconds = Math.floor(localTimeOfDay(zone, ms) / 1000);
  const hh = String(Math.floor(seconds / 3600)).padStart(2, "0");
  const mm = String(Math.floor((seconds % 3600) / 60)).padStart(2, "0");
  const ss = String(seconds % 60).padStart(2, "0");
  return `${hh}:${mm}:${ss}`;
}

export const MS_PER_DAY = DAY_MS;

/**
 * The instants that are local date `isoDate` ("2026-04-06") in every one of
 * `zones`: a callback "on Monday" then excludes only calls that are Monday
 * wherever the consumer may be (cmt 14(b)(3)(i)-3.i). null when no instant is.
 */
export function localDateWindow(zones: string[], isoDate: string): { start: Date; end: Date } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match || zones.length === 0) return null;
  const day = Math.floor(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS);
  let start = Number.NEGATIVE_INFINITY;
  let end = Number.POSITIVE_INFINITY;
  for (const zone of zones) {
    start = Math.max(start, startOfLocalDay(zone, day));
    end = Math.min(end, startOfLocalDay(zone, day + 1));
  }
  return start < end ? { start: new Date(start), end: new Date(end) } : null;
}
