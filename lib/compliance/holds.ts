import type { Blocker } from "./blocker";
import { HOLD_RULES, RULES_VERSION } from "./catalogue";
import { type Context, debtLabel, type PreparedCall, speechOf } from "./context";
import { formatLocalDate } from "./time";
import type { ComplianceFlag, HoldClearance, HoldState } from "./types";

/**
 * R4-R8 holds: once a person says "stop calling" (1006.14(h)(1)), names an
 * attorney (1006.6(b)(2)), disputes the debt (1006.38(d)(2)) or mentions
 * bankruptcy (11 U.S.C. 362(a)(6)), or an agent enters a written cease
 * (1006.6(c)(1)) or dispute, no further collection call is placed until a
 * manager clears the hold with a reason. Detection from speech errs towards
 * holding: a wrong hold costs a review, a missed one costs a lawsuit.
 */

interface Hold extends HoldState {
  /** When it took effect; null when the call it came from has no time (then it only blocks new calls). */
  fromMs: number | null;
}

function validClearance(clearances: HoldClearance[], holdId: string): HoldClearance | null {
  // A clearance without a reason or person is not a manager's decision: the hold stands.
  const found = clearances
    .filter((c) => c.holdId === holdId && c.reason.trim() !== "" && c.clearedBy.trim() !== "")
    .sort((a, b) => a.clearedAt.getTime() - b.clearedAt.getTime());
  return found[0] ?? null;
}

export function collectHolds(ctx: Context): Hold[] {
  const clearances = ctx.input.clearances ?? [];
  const holds: Hold[] = [];
  for (const pc of ctx.calls) {
    const speech = speechOf(pc);
    for (const hit of speech.holds) {
      const meta = HOLD_RULES[hit.kind];
      const holdId = `${pc.call.callId}:${hit.kind}`;
      holds.push({
        holdId,
        kind: hit.kind,
        rule: meta.rule,
        citation: meta.citation,
        source: "speech",
        placedAt: pc.planMs === null ? null : new Date(pc.planMs),
        fromMs: pc.planMs,
        // A dispute is about the debts the call discussed; the others bar every debt.
        debtKeys: hit.kind === "oral-dispute" && pc.call.debtKeys.length > 0 ? pc.debts : [],
        numbers: hit.numberOnly ? [pc.call.number] : [],
        evidence: [hit.span],
        cleared: validClearance(clearances, holdId),
      });
    }
  }
  for (const manual of ctx.input.holds ?? []) {
    const meta = HOLD_RULES[manual.kind];
    holds.push({
      holdId: manual.holdId,
      kind: manual.kind,
      rule: meta.rule,
      citation: meta.citation,
      source: "manual",
      placedAt: manual.placedAt,
      fromMs: manual.placedAt.getTime(),
      debtKeys: manual.debtKeys,
      numbers: manual.numbers ?? [],
      evidence: [{ kind: "hold", holdId: manual.holdId, detail: manual.note }],
      cleared: validClearance(clearances, manual.holdId),
    });
  }
  return holds.filter((h) => ctx.settings.rules[h.rule]);
}

function applies(hold: Hold, number: string, debts: string[]): boolean {
  if (hold.numbers.length > 0 && !hold.numbers.includes(number)) return false;
  return hold.debtKeys.length === 0 || hold.debtKeys.some((d) => debts.includes(d));
}

function standingAt(hold: Hold, ms: number): boolean {
  return hold.fromMs !== null && ms > hold.fromMs && (!hold.cleared || ms < hold.cleared.clearedAt.getTime());
}

/**
 * 1006.14(h)(2)(ii): after a stop-calling request, a person who then calls in
 * may be answered once through the same medium. The first outbound call after
 * such an inbound call is that one reply.
 */
function isAllowedReply(ctx: Context, hold: Hold, ms: number, order: number): boolean {
  if (hold.kind !== "stop-calling" || hold.fromMs === null) return false;
  let inbound: PreparedCall | undefined;
  for (const pc of ctx.calls) {
    if (pc.order >= order || pc.planMs === null || pc.planMs >= ms) break;
    if (pc.planMs <= hold.fromMs) continue;
    if (pc.call.direction === "inbound" && !pc.misdirected) inbound = pc;
    else if (inbound && pc.call.direction === "outbound") inbound = undefined;
  }
  return inbound !== undefined;
}

function holdMessage(ctx: Context, hold: Hold): string {
  const meta = HOLD_RULES[hold.kind];
  const zone = ctx.dayZones[0] ?? "UTC";
  const when = hold.fromMs !== null ? ` on ${formatLocalDate(zone, hold.fromMs)}` : "";
  const scope = hold.debtKeys.length > 0 ? ` about ${hold.debtKeys.map(debtLabel).join(", ")}` : "";
  const where = hold.numbers.length > 0 ? ` at ${hold.numbers.join(", ")}` : "";
  return `on hold: ${meta.label}${when}${scope}${where} — ${hold.citation}`;
}

export function holdFlags(ctx: Context, holds: Hold[]): ComplianceFlag[] {
  const flags: ComplianceFlag[] = [];
  for (const hold of holds) {
    if (hold.source === "speech") {
      const span = hold.evidence[0];
      const callId = span && span.kind === "span" ? span.callId : "";
      flags.push({
        callId,
        rule: hold.rule,
        check: `${hold.kind}-said`,
        citation: hold.citation,
        severity: "review",
        debtKey: null,
        evidence: hold.evidence,
        message: `${HOLD_RULES[hold.kind].label}${span && span.kind === "span" ? ` ("${span.text}")` : ""}: calls are on hold until a manager clears it — ${hold.citation}`,
        rulesVersion: RULES_VERSION,
      });
    }
  }
  for (const pc of ctx.calls) {
    if (pc.call.direction !== "outbound" || pc.ms === null) continue;
    for (const hold of holds) {
      if (!standingAt(hold, pc.ms) || !applies(hold, pc.call.number, pc.debts)) continue;
      if (isAllowedReply(ctx, hold, pc.ms, pc.order)) continue;
      flags.push({
        callId: pc.call.callId,
        rule: hold.rule,
        check: "call-during-hold",
        citation: hold.citation,
        severity: "violation",
        debtKey: null,
        evidence: [{ kind: "hold", holdId: hold.holdId, detail: HOLD_RULES[hold.kind].label }, ...hold.evidence],
        message: `call placed while ${holdMessage(ctx, hold)}`,
        rulesVersion: RULES_VERSION,
      });
    }
  }
  return flags;
}

export function holdBlockers(ctx: Context, holds: Hold[], ms: number, number: string | undefined, debts: string[]): Blocker[] {
  const out: Blocker[] = [];
  for (const hold of holds) {
    if (hold.cleared && hold.cleared.clearedAt.getTime() <= ms) continue;
    if (hold.fromMs !== null && hold.fromMs >= ms) continue;
    if (number !== undefined ? !applies(hold, number, debts) : hold.debtKeys.length > 0 && !hold.debtKeys.some((d) => debts.includes(d))) {
      continue;
    }
    if (isAllowedReply(ctx, hold, ms, Number.POSITIVE_INFINITY)) continue;
    out.push({
      rule: hold.rule,
      check: "hold",
      citation: hold.citation,
      severity: "violation",
      message: holdMessage(ctx, hold),
      until: hold.cleared ? hold.cleared.clearedAt.getTime() : null,
    });
  }
  return out;
}
