import type { Weekday } from "rrule";
import * as rruleModule from "rrule";
import { isoDate, weekdayOfDate } from "../zone";
import { SPELLED_NUMBERS } from "./text";

/**
 * Payment plans ("$50 every other Friday", "100 a month starting the 1st"):
 * the recurrence said, expanded with rrule into dated installments, each of
 * which the ledger tracks as its own promise. The count is always bounded:
 * the one said ("for 3 months", "four payments"), else `defaultCount`.
 */

export type PlanFrequency = "weekly" | "biweekly" | "monthly";

export interface PlanSpec {
  frequency: PlanFrequency;
  /** 0 = Sunday … 6 = Saturday when a weekday was named. */
  weekday: number | null;
  count: number | null;
}

const WEEKDAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const DAY = `(${WEEKDAY_NAMES.join("|")})s?`;

const BIWEEKLY = new RegExp(
  `\\bevery\\s+other\\s+(week|${DAY})\\b|\\bbi-?weekly\\b|\\bevery\\s+(two|2)\\s+weeks\\b|\\bfortnightly\\b`,
  "i",
);
const WEEKLY = new RegExp(
  `\\bevery\\s+(week|${DAY})\\b|\\bweekly\\b|\\b(a|per|each)\\s+week\\b|\\bon\\s+(${WEEKDAY_NAMES.join("|")})s\\b`,
  "i",
);
const MONTHLY = /\bevery\s+month\b|\bmonthly\b|\b(a|per|each)\s+month\b|\bof\s+(every|each)\s+month\b/i;
const COUNT =
  /\b(?:for\s+(?:the\s+next\s+)?)?(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(months|weeks|payments|installments|instalments)\b/i;

/** Upper bound whatever was said: a runaway "for 99 months" would flood the ledger. */
export const MAX_INSTALLMENTS = 24;

export function detectPlan(text: string): PlanSpec | null {
  let frequency: PlanFrequency | null = null;
  let dayWord: string | undefined;
  const bi = BIWEEKLY.exec(text);
  const weekly = bi ? null : WEEKLY.exec(text);
  if (bi) {
    frequency = "biweekly";
    dayWord = bi[0];
  } else if (weekly) {
    frequency = "weekly";
    dayWord = weekly[0];
  } else if (MONTHLY.test(text)) frequency = "monthly";
  if (!frequency) return null;
  const weekday = dayWord ? WEEKDAY_NAMES.findIndex((d) => dayWord.toLowerCase().includes(d)) : -1;
  const countMatch = COUNT.exec(text);
  const rawCount = countMatch ? (SPELLED_NUMBERS[countMatch[1]!.toLowerCase()] ?? Number(countMatch[1])) : null;
  return {
    frequency,
    weekday: weekday >= 0 ? weekday : null,
    count: rawCount && rawCount > 0 ? Math.min(rawCount, MAX_INSTALLMENTS) : null,
  };
}

// rrule ships a UMD main and an ESM `module`: bundlers see named exports, plain
// Node ESM (tsx scripts, the worker) sees only a CommonJS default. Take either.
const interop = rruleModule as typeof rruleModule & { default?: typeof rruleModule };
const RRule = interop.RRule ?? interop.default!.RRule;

const RRULE_DAYS: Weekday[] = [RRule.SU, RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA];

export interface Installments {
  dates: string[];
  rule: string;
  countAssumed: boolean;
}

/** Local due dates of the plan from its first date. Dates are computed on a UTC calendar so zones and DST never shift a day. */
export function expandPlan(plan: PlanSpec, firstDate: string, defaultCount: number): Installments {
  const count = Math.min(plan.count ?? defaultCount, MAX_INSTALLMENTS);
  const [y, m, d] = firstDate.split("-").map(Number) as [number, number, number];
  const dtstart = new Date(Date.UTC(y, m - 1, d));
  const weekday = plan.weekday ?? weekdayOfDate(firstDate);
  const rule = new RRule({
    freq: plan.frequency === "monthly" ? RRule.MONTHLY : RRule.WEEKLY,
    interval: plan.frequency === "biweekly" ? 2 : 1,
    count,
    dtstart,
    // Monthly on the 29th-31st: the month's last day when shorter, never a skipped month.
    ...(plan.frequency === "monthly"
      ? d > 28
        ? { bymonthday: [d, -1], bysetpos: [1] }
        : { bymonthday: [d] }
      : { byweekday: [RRULE_DAYS[weekday]!] }),
  });
  const dates = rule.all().map((t) => isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()));
  return { dates, rule: rule.toString(), countAssumed: plan.count === null };
}
