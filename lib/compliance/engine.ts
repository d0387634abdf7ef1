import { MS_PER_DAY } from "@/lib/time/zones";
import type { Blocker } from "./blocker";
import { CITATIONS, RULES_VERSION } from "./catalogue";
import { disclosureFlags, recordingFlags, thirdPartyFlags } from "./content";
import { type Context, isConversationAbout, isPlacedConnected, prepare } from "./context";
import { frequencyBlockers, frequencyFlags } from "./frequency";
import { collectHolds, holdBlockers, holdFlags } from "./holds";
import { callingHoursBlockers, callingHoursFlags } from "./hours";
import type { ComplianceSettings } from "./settings";
import { formatLocalDateTime } from "./time";
import type { AccountEvaluation, AccountInput, CallIntent, ComplianceFlag, MayCallNow, NextCall, Reason } from "./types";

export { RULES_VERSION } from "./catalogue";

/**
 * The rules engine: a pure function of the account's calls, holds, consents
 * and settings. Input order never matters (calls are sorted by time, then
 * id), and the same input always gives the same flags in the same order.
 */

const MAX_STEPS = 1_000;
const RULE_ORDER = ["R1", "R12", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R13"];

function frequencyUnevaluable(ctx: Context): ComplianceFlag[] {
  if (!ctx.settings.rules.R1) return [];
  return ctx.calls
    .filter((pc) => pc.ms === null && isPlacedConnected(pc))
    .map((pc) => ({
      callId: pc.call.callId,
      rule: "R1" as const,
      check: "no-placed-time",
      citation: CITATIONS.sevenInSeven,
      severity: "unevaluable" as const,
      debtKey: null,
      evidence: [{ kind: "call" as const, callId: pc.call.callId, detail: "no placed time" }],
      message: `call frequency not checked: the call's placed time is unknown — ${CITATIONS.sevenInSeven}`,
      rulesVersion: RULES_VERSION,
    }));
}

/** Every flag the account's calls raise, per call, in call order then rule. */
export function evaluateAccount(input: AccountInput, settings: ComplianceSettings): AccountEvaluation {
  const ctx = prepare(input, settings);
  const holds = collectHolds(ctx);
  const flags = [
    ...frequencyFlags(ctx),
    ...frequencyUnevaluable(ctx),
    ...callingHoursFlags(ctx),
    ...holdFlags(ctx, holds),
    ...disclosureFlags(ctx),
    ...recordingFlags(ctx),
    ...thirdPartyFlags(ctx),
  ];
  const orderOf = new Map(ctx.calls.map((pc) => [pc.call.callId, pc.order]));
  flags.sort(
    (a, b) =>
      (orderOf.get(a.callId) ?? -1) - (orderOf.get(b.callId) ?? -1) ||
      RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule) ||
      cmp(a.check, b.check) ||
      cmp(a.debtKey ?? "", b.debtKey ?? ""),
  );
  return {
    rulesVersion: RULES_VERSION,
    flags,
    holds: holds.map(({ fromMs: _fromMs, ...hold }) => hold),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function intentDebts(ctx: Context, intent: CallIntent): string[] {
  return intent.debtKeys && intent.debtKeys.length > 0 ? [...new Set(intent.debtKeys)].sort() : ctx.allDebts;
}

/** A past call the planner cannot place in time at all: the frequency rules cannot be evaluated. */
function untimedHistory(ctx: Context, debts: string[]): Blocker[] {
  if (!ctx.settings.rules.R1) return [];
  const untimed = ctx.calls.find(
    (pc) =>
      pc.planMs === null &&
      (isPlacedConnected(pc) || debts.some((d) => isConversationAbout(pc, d))) &&
      pc.debts.some((d) => debts.includes(d)),
  );
  if (!untimed) return [];
  return [
    {
      rule: "R1",
      check: "no-placed-time",
      citation: CITATIONS.sevenInSeven,
      severity: "unevaluable",
      message: `call ${untimed.call.callId} has no placed or received time, so the 7-day counts cannot be made — ${CITATIONS.sevenInSeven}`,
      until: null,
    },
  ];
}

function wrongNumberBlocker(ctx: Context, intent: CallIntent): Blocker[] {
  const entry = intent.number ? ctx.input.numbers.find((n) => n.number === intent.number) : undefined;
  if (!entry?.wrongNumberSince) return [];
  return [
    {
      rule: "R10",
      check: "known-wrong-number",
      citation: CITATIONS.thirdParty,
      severity: "review",
      message: `${entry.number} was found not to be this person's number: a call there reaches a third party — ${CITATIONS.thirdParty}`,
      until: null,
    },
  ];
}

interface Planner {
  ctx: Context;
  debts: string[];
  fixed: Blocker[];
  at: (ms: number) => Blocker[];
}

function planner(input: AccountInput, settings: ComplianceSettings, intent: CallIntent): Planner {
  const ctx = prepare(input, settings);
  const holds = collectHolds(ctx);
  const debts = intentDebts(ctx, intent);
  const fixed = [...wrongNumberBlocker(ctx, intent), ...untimedHistory(ctx, debts)];
  const allowUnevaluable = settings.whenUnevaluable === "allow";
  return {
    ctx,
    debts,
    fixed,
    at: (ms) =>
      [
        ...holdBlockers(ctx, holds, ms, intent.number, debts),
        ...callingHoursBlockers(ctx, ms),
        ...frequencyBlockers(ctx, ms, debts),
      ].concat(fixed.filter((b) => !allowUnevaluable || b.severity !== "unevaluable")),
  };
}

function toReason(b: Blocker): Reason {
  return { rule: b.rule, citation: b.citation, message: b.message, severity: b.severity };
}

function blocking(settings: ComplianceSettings, b: Blocker): boolean {
  return b.severity !== "unevaluable" || settings.whenUnevaluable === "block";
}

/**
 * The earliest instant ≥ now at which a call about `intent.debtKeys` (default:
 * every debt, since the AI may discuss any of them) to `intent.number` breaks
 * no rule. Each rule names the earliest time it could next allow the call;
 * the planner jumps to the latest of those and re-checks all rules there, so
 * it never skips a permissible instant and stops at the first one.
 */
export function nextPermissibleCall(input: AccountInput, settings: ComplianceSettings, now: Date, intent: CallIntent = {}): NextCall {
  return search(planner(input, settings, intent), settings, now);
}

function search(plan: Planner, settings: ComplianceSettings, now: Date): NextCall {
  const start = now.getTime();
  const horizon = start + settings.horizonDays * MS_PER_DAY;
  let t = start;
  let binding: Blocker | null = null;
  let bindingJump = -1;
  let displayZone = plan.ctx.dayZones[0] ?? "UTC";
  const seen: Blocker[] = [];
  for (let step = 0; step < MAX_STEPS; step++) {
    const blockers = plan.at(t).filter((b) => blocking(settings, b));
    if (blockers.length === 0) {
      const reasons = dedupe(seen).map(toReason);
      if (!binding) return { at: new Date(t), binding: null, reasons, rulesVersion: RULES_VERSION };
      const message = `after ${formatLocalDateTime(displayZone, t)}: ${binding.message}`;
      return { at: new Date(t), binding: { ...toReason(binding), message }, reasons, rulesVersion: RULES_VERSION };
    }
    seen.push(...blockers);
    const never = blockers.find((b) => b.until === null);
    if (never) {
      return { at: null, binding: toReason(never), reasons: dedupe(seen).map(toReason), rulesVersion: RULES_VERSION };
    }
    let next = t;
    for (const b of blockers) {
      const until = b.until as number;
      if (until - t > bindingJump && b.rule !== "R3") {
        bindingJump = until - t;
        binding = b;
      }
      if (until > next) next = until;
    }
    const hours = blockers.find((b) => b.rule === "R3" && b.until === next);
    if (hours?.zone) displayZone = hours.zone;
    else {
      const decided = blockers.find((b) => b.until === next && b.zone);
      if (decided?.zone) displayZone = decided.zone;
    }
    if (!binding) binding = blockers.find((b) => b.until === next) ?? null;
    // A rule's bound is always later than a blocked instant; the guard keeps a bad bound from looping.
    t = next > t ? next : t + 1;
    if (t > horizon) break;
  }
  const none: Reason = {
    rule: binding?.rule ?? "R3",
    citation: binding?.citation ?? CITATIONS.callingHours,
    severity: "violation",
    message: `no permissible time within ${settings.horizonDays} days${binding ? `: ${binding.message}` : ""}`,
  };
  return { at: null, binding: none, reasons: dedupe(seen).map(toReason), rulesVersion: RULES_VERSION };
}

function dedupe(blockers: Blocker[]): Blocker[] {
  const seen = new Set<string>();
  return blockers.filter((b) => {
    const key = `${b.rule}|${b.check}|${b.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The dialer's question before every call. A rule that cannot be evaluated
 * (zone unknown, a call with no time) answers no, with that reason, unless
 * the portfolio's setting says to allow it; it is still listed.
 */
export function mayCallNow(input: AccountInput, settings: ComplianceSettings, now: Date, intent: CallIntent = {}): MayCallNow {
  const plan = planner(input, settings, intent);
  const all = plan.at(now.getTime());
  const reported = settings.whenUnevaluable === "allow" ? [...all, ...plan.fixed.filter((b) => b.severity === "unevaluable")] : all;
  const reasons = dedupe(reported).map(toReason);
  const allowed = !all.some((b) => blocking(settings, b));
  if (allowed) return { allowed, nextAllowedAt: now, reasons, rulesVersion: RULES_VERSION };
  const next = search(plan, settings, now);
  return { allowed, nextAllowedAt: next.at, reasons, rulesVersion: RULES_VERSION };
}
