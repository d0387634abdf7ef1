import { localDay, startOfLocalDay } from "@/lib/time/zones";
import type { Blocker } from "./blocker";
import { CITATIONS, makeFlag, ordinal } from "./catalogue";
import { type Context, debtLabel, isConversationAbout, isPlacedConnected, type PreparedCall } from "./context";
import { formatLocalDate } from "./time";
import type { ComplianceConsent, ComplianceFlag } from "./types";

/**
 * R1 call frequency (12 CFR 1006.14(b)(2)) with the R2 exclusions
 * (1006.14(b)(3)) and R12 state limits (1006.104), per person and debt
 * (1006.14(b)(4)), on the consumer's calendar days. With several candidate
 * zones the days are counted in each and a call is flagged if any calendar
 * flags it: the collector cannot show which one was the consumer's.
 */

/**
 * 1006.14(b)(3)(i), cmt 14(b)(3)(i)-2: a call placed with prior consent does
 * not count if it falls within 7 days with the consent's date as day 1,
 * inside the time the consumer named, before revocation and before the next
 * conversation about the debt (which ends the consent).
 */
export function consentExcluding(
  ctx: Context,
  ms: number,
  debt: string,
  zone: string,
  conversations: PreparedCall[],
): ComplianceConsent | null {
  for (const consent of ctx.consents) {
    if (!consentOpenAt(consent, ms, debt, zone)) continue;
    const given = consent.givenAt.getTime();
    let ended = false;
    for (const k of conversations) {
      if (k.planMs !== null && k.planMs > given && k.planMs < ms && k.call.callId !== consent.sourceCallId) {
        ended = true;
        break;
      }
    }
    if (!ended) return consent;
  }
  return null;
}

function consentOpenAt(consent: ComplianceConsent, ms: number, debt: string, zone: string): boolean {
  const given = consent.givenAt.getTime();
  if (ms < given) return false;
  if (consent.debtKeys.length > 0 && !consent.debtKeys.includes(debt)) return false;
  if (consent.revokedAt && ms >= consent.revokedAt.getTime()) return false;
  if (localDay(zone, ms) > localDay(zone, given) + 6) return false;
  if (consent.window && (ms < consent.window.start.getTime() || ms >= consent.window.end.getTime())) return false;
  return true;
}

/** The earliest instant after `ms` at which some consent would open for the debt (a lower bound for the planner). */
function nextConsentOpening(ctx: Context, ms: number, debt: string, zone: string): number | null {
  let best: number | null = null;
  for (const consent of ctx.consents) {
    if (consent.debtKeys.length > 0 && !consent.debtKeys.includes(debt)) continue;
    const start = Math.max(consent.givenAt.getTime(), consent.window?.start.getTime() ?? 0);
    if (start <= ms) continue;
    if (!consentOpenAt(consent, start, debt, zone)) continue;
    if (best === null || start < best) best = start;
  }
  return best;
}

interface Limit {
  max: number;
  rule: "R1" | "R12";
  citation: string;
  label: string;
}

function limits(ctx: Context): Limit[] {
  const out: Limit[] = [];
  const { settings } = ctx;
  if (settings.rules.R1) {
    out.push({ max: settings.maxCallsPer7Days, rule: "R1", citation: CITATIONS.sevenInSeven, label: "" });
  }
  if (settings.rules.R12) {
    let strictest: Limit | null = null;
    for (const state of ctx.input.states ?? []) {
      const override = settings.stateOverrides[state.toUpperCase()];
      if (override && (!strictest || override.maxCallsPer7Days < strictest.max)) {
        strictest = {
          max: override.maxCallsPer7Days,
          rule: "R12",
          citation: `${override.citation}; ${CITATIONS.stateLaw}`,
          label: ` (${state.toUpperCase()} allows ${override.maxCallsPer7Days})`,
        };
      }
    }
    if (strictest && !out.some((l) => l.max <= strictest.max)) out.push(strictest);
  }
  return out;
}

function flag(pc: PreparedCall, debt: string, fields: Omit<ComplianceFlag, "callId" | "debtKey" | "rulesVersion">): ComplianceFlag {
  return makeFlag({
    callId: pc.call.callId,
    debtKey: debt,
    rule: fields.rule,
    check: fields.check,
    citation: fields.citation,
    severity: fields.severity,
    evidence: fields.evidence,
    message: fields.message,
  });
}

/** Frequency flags on the account's placed calls. */
export function frequencyFlags(ctx: Context): ComplianceFlag[] {
  const flags = new Map<string, ComplianceFlag>();
  const lims = limits(ctx);
  const quiet = ctx.settings.quietDaysAfterConversation;
  for (const debt of ctx.allDebts) {
    const conversations = ctx.calls.filter((pc) => pc.ms !== null && isConversationAbout(pc, debt));
    for (const zone of ctx.dayZones) {
      const counted = ctx.calls.filter(
        (pc) =>
          pc.ms !== null && isPlacedConnected(pc) && pc.debts.includes(debt) && !consentExcluding(ctx, pc.ms, debt, zone, conversations),
      );
      const days = counted.map((pc) => localDay(zone, pc.ms as number));
      let from = 0;
      let lastConversation = -1;
      for (let i = 0; i < counted.length; i++) {
        const pc = counted[i] as PreparedCall;
        const day = days[i] as number;
        while ((days[from] as number) < day - 6) from++;
        const count = i - from + 1;
        for (const limit of lims) {
          if (count <= limit.max) continue;
          const key = `${pc.call.callId}|${limit.rule}|${debt}`;
          if (flags.has(key) || (limit.rule === "R12" && flags.has(`${pc.call.callId}|R1|${debt}`))) continue;
          const first = counted[from] as PreparedCall;
          flags.set(
            key,
            flag(pc, debt, {
              rule: limit.rule,
              check: limit.rule === "R1" ? "seven-in-seven" : "state-limit",
              citation: limit.citation,
              severity: "violation",
              evidence: counted
                .slice(from, i)
                .map((c) => ({ kind: "call" as const, callId: c.call.callId, detail: "counted call in the same 7 days" })),
              message: `${ordinal(count)} call in 7 days to this person about ${debtLabel(debt)}${limit.label}, counting from ${formatLocalDate(zone, first.ms as number)} — ${limit.citation}`,
            }),
          );
        }
        if (!ctx.settings.rules.R1) continue;
        while (lastConversation + 1 < conversations.length && (conversations[lastConversation + 1] as PreparedCall).order < pc.order) {
          lastConversation++;
        }
        const k = conversations[lastConversation];
        if (k && day - localDay(zone, k.ms as number) <= quiet - 1) {
          const key = `${pc.call.callId}|R1B|${debt}`;
          if (flags.has(key)) continue;
          flags.set(
            key,
            flag(pc, debt, {
              rule: "R1",
              check: "after-conversation",
              citation: CITATIONS.afterConversation,
              severity: "violation",
              evidence: [{ kind: "call", callId: k.call.callId, detail: "the conversation that started the 7 days" }],
              message: `call within ${quiet} days after the conversation of ${formatLocalDate(zone, k.ms as number)} with this person about ${debtLabel(debt)} — ${CITATIONS.afterConversation}`,
            }),
          );
        }
      }
    }
  }
  return [...flags.values()];
}

/**
 * Frequency blockers for a call at `ms` about `debts`. History times use the
 * delivery time when the placed time is unknown: a call is never later than
 * its delivery, so this can only push the answer later.
 */
export function frequencyBlockers(ctx: Context, ms: number, debts: string[]): Blocker[] {
  const out: Blocker[] = [];
  const lims = limits(ctx);
  const quiet = ctx.settings.quietDaysAfterConversation;
  for (const debt of debts) {
    const conversations = ctx.calls.filter((pc) => pc.planMs !== null && pc.planMs <= ms && isConversationAbout(pc, debt));
    for (const zone of ctx.dayZones) {
      if (consentExcluding(ctx, ms, debt, zone, conversations)) continue;
      const opening = nextConsentOpening(ctx, ms, debt, zone);
      const until = (natural: number) => (opening !== null && opening < natural ? opening : natural);
      const day = localDay(zone, ms);
      const counted: number[] = [];
      for (const pc of ctx.calls) {
        if (pc.planMs === null || pc.planMs > ms || !isPlacedConnected(pc) || !pc.debts.includes(debt)) continue;
        if (consentExcluding(ctx, pc.planMs, debt, zone, conversations)) continue;
        const d = localDay(zone, pc.planMs);
        if (d >= day - 6) counted.push(d);
      }
      counted.sort((a, b) => b - a);
      for (const limit of lims) {
        if (counted.length + 1 <= limit.max) continue;
        const oldest = counted[limit.max - 1] as number;
        out.push({
          rule: limit.rule,
          check: limit.rule === "R1" ? "seven-in-seven" : "state-limit",
          citation: limit.citation,
          severity: "violation",
          message: `${limit.max} calls to this person about ${debtLabel(debt)} in the 7 days from ${formatLocalDate(zone, startOfLocalDay(zone, oldest))}${limit.label}: the next would be the ${ordinal(counted.length + 1)} — ${limit.citation}`,
          until: until(startOfLocalDay(zone, oldest + 7)),
          zone,
        });
      }
      if (!ctx.settings.rules.R1) continue;
      const k = conversations.at(-1);
      if (k && day - localDay(zone, k.planMs as number) <= quiet - 1) {
        out.push({
          rule: "R1",
          check: "after-conversation",
          citation: CITATIONS.afterConversation,
          severity: "violation",
          message: `${quiet} days after the conversation of ${formatLocalDate(zone, k.planMs as number)} about ${debtLabel(debt)} — ${CITATIONS.afterConversation}`,
          until: until(startOfLocalDay(zone, localDay(zone, k.planMs as number) + quiet)),
          zone,
        });
      }
    }
  }
  return out;
}
