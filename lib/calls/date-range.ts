import { TZDate } from "@date-fns/tz";
import { isDateOnly } from "./search-params";

/**
 * `from`/`to` as the list reads them: a date-only value is a whole calendar day
 * in the list's time zone (`from` = its first instant, `to` = inclusive, so the
 * boundary is the next day's first instant); a date-time is that instant
 * (`from` inclusive, `to` exclusive).
 */
export function resolveFrom(value: string, tz = "UTC"): Date {
  return isDateOnly(value) ? startOfDay(value, tz, 0) : new Date(value);
}

export function resolveTo(value: string, tz = "UTC"): Date {
  return isDateOnly(value) ? startOfDay(value, tz, 1) : new Date(value);
}

function startOfDay(value: string, tz: string, plusDays: number): Date {
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d + plusDays, tz).getTime());
}
