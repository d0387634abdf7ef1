/**
 * The compliance engine's own input and output shapes. They are deliberately
 * independent of the database and of lib/accounts: the integration maps an
 * account's stored calls, facts and manual entries into these, so the rules
 * stay a pure function that tests can drive with literal objects.
 */

import type { ParsedTranscript } from "@/lib/calls/transcript";

/** Rule families as listed in the collections notes (R2 and R11 raise no call flags of their own). */
export type RuleId = "R1" | "R3" | "R4" | "R5" | "R6" | "R7" | "R8" | "R9" | "R10" | "R12" | "R13";

/**
 * violation: presumed or plain breach; review: a person must judge (oral
 * dispute, possible debt detail); unevaluable: the rule could not be checked
 * (no zone, no time, no transcript) and is never silently passed.
 */
export type Severity = "violation" | "review" | "unevaluable";

export type HoldKind =
  | "stop-calling" // R4, 12 CFR 1006.14(h)(1)
  | "written-cease" // R5, 12 CFR 1006.6(c)(1)
  | "attorney" // R6, 12 CFR 1006.6(b)(2)
  | "oral-dispute" // R7 (review), 12 CFR 1006.38(d)(2)
  | "written-dispute" // R7, 12 CFR 1006.38(d)(2)
  | "bankruptcy"; // R8, 11 U.S.C. 362(a)(6)

/** Where in a transcript something was said: the segment index of lib/calls/transcript and a char range in its text. */
export interface SpanEvidence {
  kind: "span";
  callId: string;
  turn: number;
  start: number;
  end: number;
  text: string;
}

export type Evidence =
  | SpanEvidence
  | { kind: "call"; callId: string; detail: string }
  | { kind: "hold"; holdId: string; detail: string }
  | { kind: "consent"; consentId: string; detail: string };

export interface ComplianceCall {
  callId: string;
  /** E.164 number dialed (outbound) or calling in (inbound). */
  number: string;
  /** Inbound calls are consumer-initiated: never "placed", but their conversations start the 1006.14(b)(2)(i)(B) period. */
  direction: "outbound" | "inbound";
  /** When the call was placed; null when unknown (the rule is then reported unevaluable, never assumed). */
  placedAt: Date | null;
  /** Payload-derived start times are estimates (svix-timestamp minus duration). */
  placedAtApproximate?: boolean;
  /** When the delivery arrived: the call happened no later than this; used as a conservative stand-in for planning. */
  receivedAt?: Date | null;
  /**
   * Whether the call connected to the dialed number, cmt 14(b)(3)(ii)-1:
   * busy / not in service are false; rang unanswered, answered-then-dropped
   * and voicemail are true. null (unknown) is counted, the safe side.
   */
  connected: boolean | null;
  /** A telephone conversation with the person about the debts in `debtKeys`. */
  conversation: boolean;
  /** true: the consumer was reached; false: someone else (wrong party); null: unknown. */
  rightParty: boolean | null;
  voicemail: boolean;
  /**
   * Debts the call is attributed to (cmt 14(b)(4)-1). Empty means not
   * attributed: it then counts toward every debt of the person, because the
   * engine cannot know which one the dialer meant.
   */
  debtKeys: string[];
  /** Raw transcript text, or one already parsed with lib/calls/transcript. */
  transcript?: string | ParsedTranscript | null;
}

export interface ComplianceNumber {
  number: string;
  /**
   * Set when the number was learned not to be the person's: calls to it then
   * leave the person's count (cmt 14(b)(2)(i)-3).
   */
  wrongNumberSince?: Date | null;
}

/**
 * Prior consent given directly to the collector (1006.14(b)(3)(i),
 * 1006.6(b)(4)(i)), e.g. "call me back Monday" said in a conversation.
 */
export interface ComplianceConsent {
  consentId: string;
  /** The day the collector received it is day 1 of at most 7 (cmt 14(b)(3)(i)-2). */
  givenAt: Date;
  /** The call in which it was given: its own conversation does not end the consent. */
  sourceCallId?: string | null;
  /** Debts it covers; empty = all of the person's debts. */
  debtKeys: string[];
  /** The time the consumer named ("Monday" → that local day); absent = any time in the 7 days. */
  window?: { start: Date; end: Date } | null;
  /** The consumer named a clock time, so calling then is not "inconvenient" even outside 08:00-21:00 (1006.6(b)(4)(i)). */
  timeNamed?: boolean;
  revokedAt?: Date | null;
  evidence?: SpanEvidence | null;
}

/** A hold entered by an agent (written cease or dispute, known attorney, bankruptcy notice...). */
export interface ManualHold {
  holdId: string;
  kind: HoldKind;
  placedAt: Date;
  /** Debts it bars; empty = all. */
  debtKeys: string[];
  /** Numbers it bars (a "don't call this number" request, cmt 14(h)(1)-2); empty = all. */
  numbers?: string[];
  note: string;
}

/** A manager's clearing of a hold: without a reason it is ignored and the hold stands. */
export interface HoldClearance {
  holdId: string;
  clearedAt: Date;
  reason: string;
  clearedBy: string;
}

/**
 * A time the consumer said is inconvenient (cmt 6(b)(1)-1.ii: "weekdays
 * 3-5 p.m., and weekends"), as local clock times on weekdays, binding in
 * every candidate zone from `since` until the consumer says otherwise.
 */
export interface InconvenientTime {
  id: string;
  since: Date;
  until?: Date | null;
  /** 0 = Sunday .. 6 = Saturday; empty = every day. */
  weekdays: number[];
  /** Local "HH:MM"; `to` may be "24:00" for the rest of the day. */
  from: string;
  to: string;
  evidence?: SpanEvidence | null;
}

export interface ZoneResolution {
  /** Candidate IANA zones of the consumer; a call must fit every one (cmt 6(b)(1)(i)-2). */
  zones: string[];
  /** No usable location at all: calling hours cannot be evaluated. */
  unknown: boolean;
  /** Where each zone came from, and why a source was ignored: shown to people, not used by the rules. */
  notes: string[];
}

export interface AccountInput {
  accountId: string;
  /** Every debt of this person in collection (1006.14(b)(4)). */
  debtKeys: string[];
  numbers: ComplianceNumber[];
  /**
   * All calls to or from the person's numbers, in any order (the engine sorts
   * them). Include calls to these numbers that were matched to no account or
   * to another account sharing the number, with `debtKeys: []`: they then
   * count toward every debt, so the count is never lower than the calls the
   * number itself received.
   */
  calls: ComplianceCall[];
  consents?: ComplianceConsent[];
  holds?: ManualHold[];
  clearances?: HoldClearance[];
  zones: ZoneResolution;
  /** Two-letter states the consumer may be in, for state overrides (1006.104); the strictest applies. */
  states?: string[];
  inconvenientTimes?: InconvenientTime[];
  /** The initial 1006.18(e)(1) disclosure was already made (e.g. in a letter) at this time. */
  initialDisclosureAt?: Date | null;
}

export interface ComplianceFlag {
  callId: string;
  rule: RuleId;
  /** Finer name inside the rule: "seven-in-seven", "zone-unknown", ... */
  check: string;
  citation: string;
  severity: Severity;
  debtKey: string | null;
  evidence: Evidence[];
  message: string;
  rulesVersion: string;
}

export interface HoldState {
  holdId: string;
  kind: HoldKind;
  rule: RuleId;
  citation: string;
  source: "speech" | "manual";
  /** null when it was said in a call whose time is unknown: it then blocks new calls only. */
  placedAt: Date | null;
  debtKeys: string[];
  numbers: string[];
  evidence: Evidence[];
  cleared: HoldClearance | null;
}

export interface AccountEvaluation {
  rulesVersion: string;
  flags: ComplianceFlag[];
  holds: HoldState[];
}

export interface Reason {
  rule: RuleId;
  citation: string;
  message: string;
  severity: Severity;
}

export interface NextCall {
  /** null: no time can be found (a standing hold, an unevaluable rule, or no open hour within the horizon). */
  at: Date | null;
  /** The rule that decided the time, in plain words. */
  binding: Reason | null;
  reasons: Reason[];
  rulesVersion: string;
}

export interface MayCallNow {
  allowed: boolean;
  nextAllowedAt: Date | null;
  reasons: Reason[];
  rulesVersion: string;
}

/** What the hypothetical next call is: the number about to be dialed and the debts it is about (default: all). */
export interface CallIntent {
  number?: string;
  debtKeys?: string[];
}
