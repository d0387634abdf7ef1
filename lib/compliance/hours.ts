import { localDay, localTimeOfDay, localToUtc, weekdayOfDay } from "@/lib/time/zones";
import type { Blocker } from "./blocker";
import { CITATIONS, makeFlag } from "./catalogue";
import type { Context, PreparedCall } from "./context";
import { clockMinutes } from "./settings";
import { formatLocalClock } from "./time";
import type { ComplianceConsent, ComplianceFlag, InconvenientTime } from "./types";

/**
 * R3 calling hours, 12 CFR 1006.6(b)(1)(i): a time "before 8:00 a.m. and
 * after 9:00 p.m." local is inconvenient. 08:00:00 is therefore allowed and so
 * is 21:00:00 exactly (it is not after 9 p.m.), while 21:00:00.001 is after
 * it. With several candidate zones the call must fit every one (cmt
 * 6(b)(1)(i)-2); consent given directly lifts the limit (1006.6(b)(4)(i)),
 * but only where the consumer named the time.
 */

function hours(ctx: Context): { start: number; end: number } {
  return {
    start: clockMinutes(ctx.settings.callingHours.start) * 60_000,
    end: clockMinutes(ctx.settings.callingHours.end) * 60_000,
  };
}

function consentLifting(ctx: Context, ms: number): ComplianceConsent | null {
  for (const consent of ctx.consents) {
    if (!consent.timeNamed || !consent.window) continue;
    if (consent.revokedAt && ms >= consent.revokedAt.getTime()) continue;
    if (ms >= consent.window.start.getTime() && ms < consent.window.end.getTime() && ms >= consent.givenAt.getTime()) return consent;
  }
  return null;
}

export function describeHours(ctx: Context): string {
  return `${ctx.settings.callingHours.start}-${ctx.settings.callingHours.end}`;
}

export function callingHoursFlags(ctx: Context): ComplianceFlag[] {
  const flags: ComplianceFlag[] = [];
  const { start, end } = hours(ctx);
  const base = { rule: "R3" as const, citation: CITATIONS.callingHours, debtKey: null };
  for (const pc of ctx.calls) {
    if (pc.call.direction !== "outbound") continue;
    const callId = pc.call.callId;
    if (pc.ms === null) {
      flags.push(
        makeFlag({
          rule: base.rule,
          citation: base.citation,
          debtKey: base.debtKey,
          callId,
          check: "no-placed-time",
          severity: "unevaluable",
          evidence: [{ kind: "call", callId, detail: "no placed time" }],
          message: `calling hours not checked: the call's placed time is unknown — ${CITATIONS.callingHours}`,
        }),
      );
      continue;
    }
    if (consentLifting(ctx, pc.ms)) continue;
    if (ctx.input.zones.unknown || ctx.input.zones.zones.length === 0) {
      flags.push(
        makeFlag({
          rule: base.rule,
          citation: base.citation,
          debtKey: base.debtKey,
          callId,
          check: "zone-unknown",
          severity: "unevaluable",
          evidence: [{ kind: "call", callId, detail: ctx.input.zones.notes.join("; ") || "no location" }],
          message: `zone unknown: calling hours could not be checked for ${pc.call.number} — ${CITATIONS.callingHours}`,
        }),
      );
      continue;
    }
    const named = namedInconvenient(ctx, pc.ms);
    if (named) {
      const clock = formatLocalClock(named.zone, pc.ms);
      flags.push(
        makeFlag({
          rule: base.rule,
          citation: base.citation,
          debtKey: base.debtKey,
          callId,
          check: "named-inconvenient",
          severity: "violation",
          evidence: named.time.evidence ? [named.time.evidence] : [{ kind: "call", callId, detail: `placed at ${clock} ${named.zone}` }],
          message: `call at ${clock} ${named.zone}, a time the consumer said is inconvenient (${describeTime(named.time)}) — ${CITATIONS.callingHours}`,
        }),
      );
      continue;
    }
    const outside = outsideZones(ctx, pc, start, end);
    if (outside.length > 0) {
      const zone = outside[0] as string;
      const clock = formatLocalClock(zone, pc.ms);
      const side =
        localTimeOfDay(zone, pc.ms) < start ? `before ${ctx.settings.callingHours.start}` : `after ${ctx.settings.callingHours.end}`;
      flags.push(
        makeFlag({
          rule: base.rule,
          citation: base.citation,
          debtKey: base.debtKey,
          callId,
          check: "calling-hours",
          severity: "violation",
          evidence: [{ kind: "call", callId, detail: `placed at ${clock} ${zone}` }],
          message: `call at ${clock} ${zone}, ${side} local time — ${CITATIONS.callingHours}`,
        }),
      );
    }
  }
  return flags;
}

// Plain loops on the per-call paths: they run for every call on every question a dialer asks.
function outsideZones(ctx: Context, pc: PreparedCall, start: number, end: number): string[] {
  const outside: string[] = [];
  for (const zone of ctx.input.zones.zones) {
    const tod = localTimeOfDay(zone, pc.ms as number);
    if (tod < start || tod > end) outside.push(zone);
  }
  return outside;
}

const WEEKDAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function describeTime(time: InconvenientTime): string {
  const days = time.weekdays.length === 0 ? "every day" : time.weekdays.map((d) => WEEKDAY_NAMES[d] ?? "?").join(", ");
  return `${days} ${time.from}-${time.to}`;
}

/** An unreadable clock time widens to the whole day: an unparsed "inconvenient" must not become "any time". */
function clockMs(value: string, fallback: number): number {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  return match ? (Number(match[1]) * 60 + Number(match[2])) * 60_000 : fallback;
}

/** The first named inconvenient time `ms` falls in, in any candidate zone (cmt 6(b)(1)-1.ii). */
function namedInconvenient(ctx: Context, ms: number): { time: InconvenientTime; zone: string; endsAt: number } | null {
  let found: { time: InconvenientTime; zone: string; endsAt: number } | null = null;
  for (const time of ctx.input.inconvenientTimes ?? []) {
    if (ms < time.since.getTime() || (time.until && ms >= time.until.getTime())) continue;
    const from = clockMs(time.from, 0);
    const to = clockMs(time.to, 86_400_000);
    for (const zone of ctx.input.zones.zones) {
      const day = localDay(zone, ms);
      if (time.weekdays.length > 0 && !time.weekdays.includes(weekdayOfDay(day))) continue;
      const tod = localTimeOfDay(zone, ms);
      if (tod < from || tod >= to) continue;
      const endsAt = localToUtc(zone, day, Math.min(to, 86_400_000));
      if (!found || endsAt > found.endsAt) found = { time, zone, endsAt };
    }
  }
  return found;
}

export function callingHoursBlockers(ctx: Context, ms: number): Blocker[] {
  if (consentLifting(ctx, ms)) return [];
  if (ctx.input.zones.unknown || ctx.input.zones.zones.length === 0) {
    return [
      {
        rule: "R3",
        check: "zone-unknown",
        citation: CITATIONS.callingHours,
        severity: "unevaluable",
        message: `zone unknown: the consumer's local time cannot be told, so calling hours cannot be checked — ${CITATIONS.callingHours}`,
        until: null,
      },
    ];
  }
  const named = namedInconvenient(ctx, ms);
  if (named) {
    return [
      {
        rule: "R3",
        check: "named-inconvenient",
        citation: CITATIONS.callingHours,
        severity: "violation",
        message: `the consumer said ${describeTime(named.time)} is inconvenient — ${CITATIONS.callingHours}`,
        until: Math.max(named.endsAt, ms + 1),
        zone: named.zone,
      },
    ];
  }
  const { start, end } = hours(ctx);
  let until = -1;
  let zone = "";
  for (const z of ctx.input.zones.zones) {
    const tod = localTimeOfDay(z, ms);
    if (tod >= start && tod <= end) continue;
    const day = localDay(z, ms) + (tod > end ? 1 : 0);
    const opens = localToUtc(z, day, start);
    if (opens > until) {
      until = opens;
      zone = z;
    }
  }
  if (until < 0) return [];
  return [
    {
      rule: "R3",
      check: "calling-hours",
      citation: CITATIONS.callingHours,
      severity: "violation",
      message: `outside ${describeHours(ctx)} local time in ${zone} — ${CITATIONS.callingHours}`,
      until,
      zone,
    },
  ];
}
