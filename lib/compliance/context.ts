import type { ComplianceSettings } from "./settings";
import { analyzeSpeech, type CallSpeech } from "./speech";
import type { AccountInput, ComplianceCall, ComplianceConsent } from "./types";

/**
 * The account made ready for the rules once per evaluation: calls in one
 * deterministic order (time, then id) whatever order they arrived in, each
 * with its resolved debts and wrong-number status.
 */

/** A call of no stated debt on an account with no known debts. */
export const ANY_DEBT = "*";

export interface PreparedCall {
  call: ComplianceCall;
  order: number;
  /** Placed time, or null when unknown. */
  ms: number | null;
  /** Placed time, or the delivery time as a conservative stand-in: for planning only. */
  planMs: number | null;
  debts: string[];
  /** To a number later learned not to be the person's (cmt 14(b)(2)(i)-3). */
  misdirected: boolean;
  /** Read lazily through speechOf: most questions never need the words. */
  speechCache: CallSpeech | null;
}

export function speechOf(pc: PreparedCall): CallSpeech {
  pc.speechCache ??= analyzeSpeech(pc.call.callId, pc.call.transcript);
  return pc.speechCache;
}

export interface Context {
  input: AccountInput;
  settings: ComplianceSettings;
  calls: PreparedCall[];
  allDebts: string[];
  /** Zones whose calendars count days: the consumer's, or the fallback set when unknown. */
  dayZones: string[];
  consents: ComplianceConsent[];
}

export function prepare(input: AccountInput, settings: ComplianceSettings): Context {
  const wrong = new Set(input.numbers.filter((n) => n.wrongNumberSince).map((n) => n.number));
  const debtSet = new Set(input.debtKeys);
  for (const call of input.calls) for (const key of call.debtKeys) debtSet.add(key);
  const allDebts = debtSet.size > 0 ? [...debtSet].sort() : [ANY_DEBT];
  const sorted = uniqueCalls(input.calls).sort(compareCalls);
  const calls = sorted.map((call, order): PreparedCall => {
    const ms = timeOf(call.placedAt);
    return {
      call,
      order,
      ms,
      planMs: ms ?? timeOf(call.receivedAt),
      debts: call.debtKeys.length > 0 ? [...new Set(call.debtKeys)].sort() : allDebts,
      misdirected: wrong.has(call.number),
      speechCache: null,
    };
  });
  const dayZones = input.zones.unknown || input.zones.zones.length === 0 ? settings.unknownZoneDayZones : input.zones.zones;
  const consents = [...(input.consents ?? [])].sort((a, b) => a.givenAt.getTime() - b.givenAt.getTime() || cmp(a.consentId, b.consentId));
  return { input, settings, calls, allDebts, dayZones, consents };
}

/**
 * A call delivered twice (webhook retry plus history import) is one call:
 * counting it twice would invent a frequency breach. When the copies differ,
 * the choice must not depend on arrival order, so the larger serialisation wins.
 */
function uniqueCalls(calls: ComplianceCall[]): ComplianceCall[] {
  const byId = new Map<string, ComplianceCall>();
  for (const call of calls) {
    const seen = byId.get(call.callId);
    if (!seen || (seen !== call && JSON.stringify(call) > JSON.stringify(seen))) byId.set(call.callId, call);
  }
  return [...byId.values()];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An invalid Date is no time at all: the rule is then reported unevaluable rather than fed NaN. */
function timeOf(date: Date | null | undefined): number | null {
  const ms = date ? date.getTime() : Number.NaN;
  return Number.isNaN(ms) ? null : ms;
}

function timeKey(call: ComplianceCall): number {
  return timeOf(call.placedAt) ?? timeOf(call.receivedAt) ?? Number.POSITIVE_INFINITY;
}

export function compareCalls(a: ComplianceCall, b: ComplianceCall): number {
  return timeKey(a) - timeKey(b) || cmp(a.callId, b.callId);
}

/** An outbound call that reached the dialed number (cmt 14(b)(3)(ii)-1; unknown connection counts). */
export function isPlacedConnected(pc: PreparedCall): boolean {
  return pc.call.direction === "outbound" && pc.call.connected !== false && !pc.misdirected;
}

/** A conversation with the person (not a wrong party, not on a wrong number) about the debt. */
export function isConversationAbout(pc: PreparedCall, debt: string): boolean {
  return pc.call.conversation && pc.call.rightParty !== false && !pc.misdirected && pc.debts.includes(debt);
}

export function debtLabel(debt: string): string {
  return debt === ANY_DEBT ? "this account" : debt;
}
