import { resolveFrom, resolveTo } from "@/lib/calls/date-range";
import { isTimeZone } from "@/lib/calls/search-params";
import { type AnalyticsSearchParams, DEFAULT_RANGE, type Granularity, type RangePreset } from "./search-params";

/**
 * Turns the URL's period (a preset or custom dates, in the viewer's zone) into
 * the instants the queries use, the previous period of equal length for the
 * KPI deltas, and the bucket size. Local days are resolved with the calls
 * list's own `resolveFrom`/`resolveTo`, so a drill-down link with the same
 * from/to/tz selects exactly the calls that were counted.
 * Plain functions: safe on the client too.
 */

export const BUCKET_MS = 15 * 60 * 1000;
/** Longest period accepted (keeps every query bounded); longer custom ranges are clipped at the start. */
export const MAX_PERIOD_DAYS = 731;
const EARLIEST_DAY = "2000-01-01";

export interface Period {
  preset: RangePreset;
  /** Local calendar days, inclusive: what the controls and drill-down links show. */
  from: string;
  to: string;
  tz: string;
  /** First instant (inclusive). */
  start: Date;
  /** Exclusive end: the day after `to`, or the end of the current 15-minute bucket when `to` is today. */
  end: Date;
  days: number;
  granularity: Granularity;
  previous: { start: Date; end: Date };
}

export function localToday(tz: string, now: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function autoGranularity(days: number): Granularity {
  if (days <= 92) return "day";
  if (days <= 400) return "week";
  return "month";
}

export function safeTimeZone(tz: string | null | undefined): string {
  return tz && isTimeZone(tz) ? tz : "UTC";
}

/**
 * One name per zone for the per-zone rollup rows: browsers and people spell
 * the same zone differently (Chromium says Asia/Calcutta, a URL may say
 * Asia/Kolkata; US/Eastern is America/New_York). ICU's canonical id merges them.
 */
export function rollupZone(tz: string): string {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return tz;
  }
}

export function resolvePeriod(
  params: Pick<AnalyticsSearchParams, "range" | "from" | "to" | "granularity"> & { tz?: string | null },
  now: Date = new Date(),
): Period {
  const tz = safeTimeZone(params.tz);
  const today = localToday(tz, now);
  const preset: RangePreset = params.range ?? (params.from || params.to ? "custom" : DEFAULT_RANGE);

  let from: string;
  let to: string;
  switch (preset) {
    case "7d":
      [from, to] = [addDays(today, -6), today];
      break;
    case "30d":
      [from, to] = [addDays(today, -29), today];
      break;
    case "90d":
      [from, to] = [addDays(today, -89), today];
      break;
    case "this-month":
      [from, to] = [`${today.slice(0, 8)}01`, today];
      break;
    case "custom": {
      to = params.to ?? today;
      from = params.from ?? addDays(to, -29);
      if (from > to) [from, to] = [to, from];
      if (daysBetween(from, to) >= MAX_PERIOD_DAYS) from = addDays(to, -(MAX_PERIOD_DAYS - 1));
      if (from < EARLIEST_DAY) from = EARLIEST_DAY;
      if (to < from) to = from;
      break;
    }
  }

  const start = resolveFrom(from, tz);
  const fullEnd = resolveTo(to, tz);
  // A period running up to today ends now (rounded up to the bucket), so the
  // previous period compares like with like instead of a full day against a partial one.
  const nowBucketEnd = new Date(Math.ceil((now.getTime() + 1) / BUCKET_MS) * BUCKET_MS);
  const end = fullEnd.getTime() > nowBucketEnd.getTime() && start.getTime() < nowBucketEnd.getTime() ? nowBucketEnd : fullEnd;
  const length = end.getTime() - start.getTime();
  const days = daysBetween(from, to) + 1;

  return {
    preset,
    from,
    to,
    tz,
    start,
    end,
    days,
    granularity: params.granularity ?? autoGranularity(days),
    previous: { start: new Date(start.getTime() - length), end: start },
  };
}
