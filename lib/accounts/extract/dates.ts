import * as chrono from "chrono-node";
import { addDays, isoDate, offsetMinutesAt, toLocal, weekdayOfDate } from "@/lib/time/zones";

/**
 * Dates in speech, relative to the call's local time. chrono-node does most
 * of it; the quirks measured in the compliance notes are handled here:
 * - `forwardDate: true` ("on Friday" said on a Monday means this Friday), and
 *   because that also pushes "last Friday" forward, past-tense sentences are
 *   flagged (`past`) so the caller routes them to "payment claimed";
 * - the zone is passed as an offset in minutes at the call's instant (chrono
 *   silently treats IANA names as UTC);
 * - "the 15th" / "the 1st" / "Friday the 6th" and "first of next month" get a
 *   custom parser (chrono returns nothing, or the 2nd, for them);
 * - "payday" is recognised as a date word with no date.
 */

export interface CallClock {
  /** When the call was placed (approximate: see call-facts). */
  instant: Date;
  /** The contact's IANA zone. */
  timeZone: string;
}

export interface DateMention {
  /** Local calendar date, YYYY-MM-DD; null for "payday" and the like. */
  date: string | null;
  start: number;
  end: number;
  text: string;
  /** Local hour and minute when said ("at 5pm"), else null. */
  hour: number | null;
  minute: number | null;
  /** chrono knew the meridiem ("5pm"), so "5" was not guessed. */
  meridiemCertain: boolean;
  /** Part of day named ("morning", "after six" is an hour) used by callbacks. */
  partOfDay: "morning" | "lunch" | "afternoon" | "evening" | null;
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const ORDINAL_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  "twenty-first": 21,
  "twenty first": 21,
  "twenty-second": 22,
  "twenty second": 22,
  "twenty-third": 23,
  "twenty third": 23,
  "twenty-fourth": 24,
  "twenty fourth": 24,
  "twenty-fifth": 25,
  "twenty fifth": 25,
  "twenty-sixth": 26,
  "twenty sixth": 26,
  "twenty-seventh": 27,
  "twenty seventh": 27,
  "twenty-eighth": 28,
  "twenty eighth": 28,
  "twenty-ninth": 29,
  "twenty ninth": 29,
  thirtieth: 30,
  "thirty-first": 31,
  "thirty first": 31,
};
// Longest first, so "twenty first" is not read as "first".
const ORDINAL_ALTERNATION = [...Object.keys(ORDINAL_WORDS)]
  .sort((a, b) => b.length - a.length)
  .join("|")
  .replace(/ /g, "\\s");
const DAY_OF_MONTH = new RegExp(
  `\\b(?:(${WEEKDAYS.join("|")}),?\\s+)?(the\\s+)?(\\d{1,2}(?:st|nd|rd|th)|${ORDINAL_ALTERNATION})` +
    `(?:\\s+of\\s+(next\\s+month|the\\s+next\\s+month|this\\s+month|the\\s+month|every\\s+month|each\\s+month))?\\b` +
    // "the first payment", "the second time": an ordinal before a noun is not a day of the month.
    `(?!\\s+(?!(?:of|on|at|and|or|when|if|so|then|please|i|is|works?|would|okay|ok|too|by|before|after|that|is|will|should)\\b)[a-z])`,
  "i",
);

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function ordinalValue(token: string): number | null {
  const digits = /^(\d{1,2})/.exec(token);
  const n = digits ? Number(digits[1]) : (ORDINAL_WORDS[token.toLowerCase().replace(/\s+/g, " ")] ?? null);
  return n !== null && n >= 1 && n <= 31 ? n : null;
}

/**
 * "the 15th", "Friday the 6th", "the first of next month": the next such day
 * on or after the call's local date (a day of month already gone this month
 * means next month); with a weekday, the next month whose Nth is that weekday.
 */
const dayOfMonthParser: chrono.Parser = {
  pattern: () => DAY_OF_MONTH,
  extract: (context, match) => {
    const weekdayWord = match[1];
    const hasThe = Boolean(match[2]);
    const ofMonth = match[4]?.toLowerCase().replace(/\s+/g, " ") ?? null;
    // A bare "1st" or "sixth" is too loose ("my sixth call"): need "the" or "of … month".
    if (!hasThe && !ofMonth) return null;
    const day = ordinalValue(match[3] ?? "");
    if (day === null) return null;
    const offset = context.reference.timezoneOffset ?? 0;
    const local = new Date(context.reference.instant.getTime() + offset * 60_000);
    let year = local.getUTCFullYear();
    let month = local.getUTCMonth() + 1;
    const today = local.getUTCDate();
    if (ofMonth === "next month" || ofMonth === "the next month") month += 1;
    else if (day < today) month += 1;
    if (month > 12) [year, month] = [year + 1, month - 12];
    const wantedWeekday = weekdayWord ? WEEKDAYS.indexOf(weekdayWord.toLowerCase()) : -1;
    for (let step = 0; step < 14; step++) {
      if (day <= daysInMonth(year, month) && (wantedWeekday < 0 || weekdayOfDate(isoDate(year, month, day)) === wantedWeekday)) {
        return { day, month, year };
      }
      month += 1;
      if (month > 12) [year, month] = [year + 1, 1];
    }
    return null;
  },
};

const parser = chrono.casual.clone();
parser.parsers.push(dayOfMonthParser);

const PAYDAY = /\b(?:my\s+|next\s+|on\s+|after\s+)?pay\s?day\b|\bwhen\s+i\s+get\s+paid\b|\bnext\s+paycheck\b|\bmy\s+next\s+check\b/gi;
const PART_OF_DAY: [RegExp, DateMention["partOfDay"]][] = [
  [/\bmorning\b/i, "morning"],
  [/\blunch(?:time)?\b|\bnoon\b/i, "lunch"],
  [/\bafternoon\b/i, "afternoon"],
  [/\bevening\b|\btonight\b/i, "evening"],
];

const MONTH_NAMES = "jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?";
/**
 * A date as people say one: a weekday, a month, a number, a day word, a
 * relative week or month. chrono also reads "now", "within the hour" and "a
 * few months" as dates, and agents say those constantly ("would you like to
 * continue with me for now?"), so a mention must pass this test too. It is
 * also a cheap filter: chrono only runs on text that has one.
 */
const DATEISH = new RegExp(
  `\\b(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?s?\\b|\\b(${MONTH_NAMES})\\b|\\d|\\b(today|tomorrow|tonight|weekend)\\b|` +
    `\\b(next|this|coming)\\s+(week|month)\\b|\\bend\\s+of\\s+(the\\s+|this\\s+|next\\s+)?(week|month)\\b|\\bin\\s+(a|one|two|three|four|five|six|\\d+)\\s+(days?|weeks?|months?)\\b|` +
    `\\b(this|tomorrow)\\s+(morning|afternoon|evening)\\b|\\b(${ORDINAL_ALTERNATION})\\b`,
  "i",
);

/** Per call, not per clause: Intl formatting is a measurable share of extraction time. */
const clockCache = new WeakMap<CallClock, { reference: { instant: Date; timezone: number }; callDate: string }>();

function clockInfo(clock: CallClock): { reference: { instant: Date; timezone: number }; callDate: string } {
  let info = clockCache.get(clock);
  if (!info) {
    const local = toLocal(clock.instant, clock.timeZone);
    info = {
      reference: { instant: clock.instant, timezone: offsetMinutesAt(clock.instant, clock.timeZone) },
      callDate: isoDate(local.year, local.month, local.day),
    };
    clockCache.set(clock, info);
  }
  return info;
}

export function chronoReference(clock: CallClock): { instant: Date; timezone: number } {
  return clockInfo(clock).reference;
}

/**
 * Money blanked out (same length, offsets hold) before chrono sees the text:
 * "I can pay $24.00 on Sunday, February 22" returns nothing at all from
 * chrono, which tries "24.00" as a time of day and drops the whole match.
 */
const MONEY =
  /(?:\b(?:CA|C|US|MX|AU|A))?[$£€₹]\s?\d[\d,]*(?:\.\d+)?|\b(?:USD|CAD|GBP|EUR|INR|AED|MXN|AUD)\s?\d[\d,]*(?:\.\d+)?|\b\d[\d,]*\.\d{2}\b/g;

/** Every date said in `text`, in order, with local dates in the call's zone. */
export function findDates(spoken: string, clock: CallClock): DateMention[] {
  const text = spoken.replace(MONEY, (m) => " ".repeat(m.length));
  const mentions: DateMention[] = [];
  if (!DATEISH.test(text) && !/pay\s?day|get\s+paid|paycheck|next\s+check/i.test(text)) return mentions;
  const { reference, callDate } = clockInfo(clock);
  for (const result of parser.parse(text, reference, { forwardDate: true })) {
    const s = result.start;
    const year = s.get("year");
    const month = s.get("month");
    const day = s.get("day");
    if (year === null || month === null || day === null) continue;
    // "100 a month" / "$40 a week" is a plan's rate, which chrono reads as "in a month".
    if (/^(a|one|per|each|every)\s+(day|week|month|year)$/i.test(result.text.trim())) continue;
    // "for 4 weeks" / "three months" is a plan's length, not "4 weeks from now" ("in two weeks" stays a date).
    if (
      /^(for\s+)?(the\s+next\s+)?(\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(days?|weeks?|months?|years?)$/i.test(
        result.text.trim(),
      )
    )
      continue;
    if (!DATEISH.test(result.text)) continue;
    let date = isoDate(year, month, day);
    // "I'll pay Monday" said on a Monday means next Monday ("today" would have been said);
    // forwardDate alone resolves a bare weekday to the call's own day.
    if (!s.isCertain("day") && s.isCertain("weekday") && date === callDate && !/\b(today|tonight|this)\b/i.test(result.text)) {
      date = addDays(date, 7);
    }
    const hourCertain = s.isCertain("hour");
    // chrono leaves "at lunchtime" out of "on Friday at lunchtime": look just past the match too.
    const around = text.slice(result.index, result.index + result.text.length + 20);
    const partOfDay = PART_OF_DAY.find(([re]) => re.test(around))?.[1] ?? null;
    mentions.push({
      date,
      start: result.index,
      end: result.index + result.text.length,
      text: result.text,
      hour: hourCertain ? s.get("hour") : null,
      minute: hourCertain ? (s.get("minute") ?? 0) : null,
      meridiemCertain: s.isCertain("meridiem"),
      partOfDay,
    });
  }
  for (const match of text.matchAll(PAYDAY)) {
    const start = match.index;
    const end = start + match[0].length;
    if (mentions.some((m) => m.start < end && start < m.end)) continue;
    mentions.push({ date: null, start, end, text: match[0], hour: null, minute: null, meridiemCertain: false, partOfDay: null });
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/** The next business day (Mon-Fri) after the call's local date: the default callback day. */
export function nextBusinessDay(clock: CallClock): string {
  const l = toLocal(clock.instant, clock.timeZone);
  let date = addDays(isoDate(l.year, l.month, l.day), 1);
  while (weekdayOfDate(date) === 0 || weekdayOfDate(date) === 6) date = addDays(date, 1);
  return date;
}
