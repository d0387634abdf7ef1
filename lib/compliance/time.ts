import { localDay, localTimeOfDay, MS_PER_DAY, startOfLocalDay, weekdayOfDay } from "@/lib/time/zones";

/**
 * Compliance's own readings of local time: the dates and clocks its messages
 * show, and the window a callback "on Monday" covers. The zone arithmetic
 * under them is shared (`lib/time/zones`).
 */

/** The names this module used to define, for code still importing them from here; new code imports `@/lib/time/zones`. */
export {
  isValidTimeZone as isValidZone,
  localDay,
  localTimeOfDay,
  localToUtc,
  MS_PER_DAY,
  startOfLocalDay,
  weekdayOfDay,
  zoneOffset,
} from "@/lib/time/zones";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function dayParts(day: number): { weekday: string; date: number; month: string } {
  const d = new Date(day * MS_PER_DAY);
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

/**
 * The instants that are local date `isoDate` ("2026-04-06") in every one of
 * `zones`: a callback "on Monday" then excludes only calls that are Monday
 * wherever the consumer may be (cmt 14(b)(3)(i)-3.i). null when no instant is.
 */
export function localDateWindow(zones: string[], isoDate: string): { start: Date; end: Date } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match || zones.length === 0) return null;
  const day = Math.floor(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY);
  let start = Number.NEGATIVE_INFINITY;
  let end = Number.POSITIVE_INFINITY;
  for (const zone of zones) {
    start = Math.max(start, startOfLocalDay(zone, day));
    end = Math.min(end, startOfLocalDay(zone, day + 1));
  }
  return start < end ? { start: new Date(start), end: new Date(end) } : null;
}
