import type { ParsedTranscript, TranscriptSegment } from "@/lib/calls/transcript";
import { isoDate, toLocal, zonedToInstant } from "@/lib/time/zones";
import type { Evidence } from "../input";
import { type CallClock, type DateMention, findDates, nextBusinessDay } from "./dates";
import { clauses, NEGATION, plainQuotes, SPELLED_NUMBERS } from "./text";

/**
 * When to call back (CALL BACK REQUESTED), in the contact's zone: what the
 * contact said ("call me Monday after 5"), else what the agent promised
 * ("I'll call you back tomorrow morning"), else the next business day at
 * 09:00 local, flagged `defaulted` so an agent knows nobody named that time.
 */

export interface ExtractedCallback {
  dueAt: Date;
  localDate: string;
  /** HH:MM local. */
  localTime: string;
  timeZone: string;
  /** No day was said: next business day 09:00. */
  defaulted: boolean;
  /** A day was said but no time: 09:00 (or the part of day) assumed. */
  timeAssumed: boolean;
  evidence: Evidence | null;
}

const CONTACT_CUE = /\b(call|ring|try|reach|phone)\s+(me|back)\b|\bcall\s+me\s+back\b|\bcall\s?back\b|\bcall\s+again\b|\bbetter\s+time\b/i;
const AGENT_CUE =
  /\b(call\s+you\s+back|call\s+you\s+again|scheduled\s+a\s+call\s?back|i'?ll\s+call\s+you|we'?ll\s+call\s+you|reach\s+out\s+again)\b/i;
const DEFAULT_HOUR = 9;
const PART_HOURS = { morning: 9, lunch: 12, afternoon: 14, evening: 18 } as const;
const WORD_HOURS: Readonly<Record<string, number>> = { ...SPELLED_NUMBERS, noon: 12 };
const CLOCK =
  /\b(?:after|around|about|at|by|before|from)\s+(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?/i;

/** "after 5" on the phone means 17:00: hours 1-7 without am/pm are afternoon or evening, 8-11 morning. */
function impliedHour(hour: number, meridiem: string | undefined): number {
  const m = meridiem?.toLowerCase().replace(/\./g, "");
  if (m === "pm") return (hour % 12) + 12;
  if (m === "am") return hour % 12;
  return hour >= 1 && hour <= 7 ? hour + 12 : hour;
}

function timeOf(mention: DateMention, clauseText: string): { hour: number; minute: number } | null {
  if (mention.hour !== null) {
    const hour = mention.meridiemCertain ? mention.hour : impliedHour(mention.hour, undefined);
    return { hour, minute: mention.minute ?? 0 };
  }
  const clock = CLOCK.exec(clauseText.slice(mention.start));
  if (clock) {
    const token = clock[1]!.toLowerCase();
    const raw = WORD_HOURS[token] ?? Number(token);
    if (raw >= 1 && raw <= 12) return { hour: token === "noon" ? 12 : impliedHour(raw, clock[3]), minute: clock[2] ? Number(clock[2]) : 0 };
  }
  if (mention.partOfDay) return { hour: PART_HOURS[mention.partOfDay], minute: 0 };
  return null;
}

function candidate(
  segment: TranscriptSegment,
  cue: RegExp,
  clock: CallClock,
): { mention: DateMention; clause: { start: number; text: string } } | null {
  const text = plainQuotes(segment.text);
  if (!cue.test(text)) return null;
  for (const clause of clauses(text)) {
    if (NEGATION.test(clause.text) && !cue.test(clause.text)) continue;
    const mention = findDates(clause.text, clock).find((m) => m.date !== null);
    if (mention) return { mention, clause };
  }
  return null;
}

export function extractCallback(transcript: ParsedTranscript, clock: CallClock): ExtractedCallback {
  const plain = transcript.kind !== "turns";
  const contact = transcript.segments.filter((s) => plain || s.speaker === "contact");
  const agent = plain ? [] : transcript.segments.filter((s) => s.speaker === "agent");
  // The contact's own words first (they name the time), the agent's read-back second; the last said wins.
  const found =
    contact
      .map((s) => ({ s, c: candidate(s, CONTACT_CUE, clock) }))
      .filter((x) => x.c)
      .at(-1) ??
    agent
      .map((s) => ({ s, c: candidate(s, AGENT_CUE, clock) }))
      .filter((x) => x.c)
      .at(-1);

  if (!found?.c) {
    const localDate = nextBusinessDay(clock);
    const [y, m, d] = localDate.split("-").map(Number) as [number, number, number];
    return {
      dueAt: zonedToInstant(y, m, d, DEFAULT_HOUR, 0, clock.timeZone),
      localDate,
      localTime: "09:00",
      timeZone: clock.timeZone,
      defaulted: true,
      timeAssumed: true,
      evidence: null,
    };
  }
  const { mention, clause } = found.c;
  const time = timeOf(mention, clause.text);
  let localDate = mention.date!;
  const [y, m, d] = localDate.split("-").map(Number) as [number, number, number];
  const hour = time?.hour ?? DEFAULT_HOUR;
  const minute = time?.minute ?? 0;
  let dueAt = zonedToInstant(y, m, d, hour, minute, clock.timeZone);
  // "Call me at 9" said at 10:00: chrono gives today, but the time has gone; the contact means tomorrow.
  if (dueAt.getTime() <= clock.instant.getTime()) {
    dueAt = new Date(zonedToInstant(y, m, d, hour, minute, clock.timeZone).getTime() + 86_400_000);
    const l = toLocal(dueAt, clock.timeZone);
    dueAt = zonedToInstant(l.year, l.month, l.day, hour, minute, clock.timeZone);
    localDate = isoDate(l.year, l.month, l.day);
  }
  return {
    dueAt,
    localDate,
    localTime: `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`,
    timeZone: clock.timeZone,
    defaulted: false,
    timeAssumed: time === null,
    evidence: { turn: found.s.index, start: clause.start, end: clause.start + clause.text.length, text: clause.text },
  };
}
