/**
 * Local dates and times in the contact's IANA zone with nothing but `Intl`:
 * promises are due on a *local* calendar day, callbacks at a local clock time,
 * and chrono-node needs the zone's offset in minutes at the call's instant
 * (it ignores IANA names, see the compliance notes). Pure functions.
 */

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `Intl` knows the zone; an unknown name would otherwise throw deep inside formatting. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAY_INDEX[parts.weekday ?? ""] ?? 0,
  };
}

/** Minutes east of UTC at that instant (e.g. -300 for New York in winter): what chrono's `timezone` wants. */
export function offsetMinutesAt(instant: Date, timeZone: string): number {
  const l = toLocal(instant, timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute);
  const seconds = instant.getUTCSeconds() * 1000 + instant.getUTCMilliseconds();
  return Math.round((asUtc - (instant.getTime() - seconds)) / 60_000);
}

/**
 * The instant a local wall-clock time happens in `timeZone`. Two passes settle
 * the offset across a DST change; a time skipped by spring-forward lands an
 * hour later, which is what a person means by "9:00" on that day.
 */
export function zonedToInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offsetMinutesAt(new Date(wall), timeZone) * 60_000;
  const second = wall - offsetMinutesAt(new Date(first), timeZone) * 60_000;
  const local = toLocal(new Date(second), timeZone);
  if (local.hour === hour && local.minute === minute) return new Date(second);
  // The wall time does not exist (spring-forward gap): the later reading is the one the clock shows.
  return new Date(Math.max(first, second));
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
  const t = new Date(Date.UTC(y, m - 1, d, 12) + days * 86_400_000);
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
