import { outcomeInfo } from "@/lib/calls/catalogue";
import { type ParsedTranscript, parseTranscript } from "@/lib/calls/transcript";
import { isValidTimeZone, localDateOf } from "@/lib/time/zones";
import type { AccountCallInput } from "./input";
import { accountKeyFor, debtKeyFor, type KeySettings, type KeySource, normaliseNumber } from "./keys";

/**
 * Per-call facts the account model and the Reg F counting rest on. The
 * payload reference leaves `endedReason` open (the example is null); the
 * values seen are kebab-case (`customer-ended-call`, `voicemail`, `busy`,
 * `no-answer`, `number-not-in-service`, provider errors such as
 * `sip-trunk-error`), and other deployments may send `customer_busy` or
 * `Number Not In Service`, so matching is on a normalised form.
 */

function normaliseReason(reason: string | null | undefined): string {
  return (reason ?? "")
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
}

/** Busy signal: the call never reached the line (12 CFR 1006.14(b)(3)(ii), cmt 14(b)(3)(ii)-1). */
export function isBusy(reason: string | null | undefined): boolean {
  return /(^|-)busy($|-)/.test(normaliseReason(reason));
}

/** Number not in service / invalid: not connected, and the number is dead rather than someone else's. */
export function isNotInService(reason: string | null | undefined): boolean {
  const r = normaliseReason(reason);
  return /not-in-service|no-longer-in-service|disconnected-number|unallocated|invalid-number|number-invalid|invalid-destination/.test(r);
}

/** Voicemail or an answering machine: connected (cmt 14(b)(3)(ii)-1) but not a conversation. */
export function isVoicemail(reason: string | null | undefined): boolean {
  return /voicemail|voice-mail|answering-machine|machine-detected/.test(normaliseReason(reason));
}

export function normaliseOutcome(value: string | null | undefined): string | null {
  if (!value?.trim()) return null;
  const info = outcomeInfo(value);
  return info.known ? info.value : value.trim();
}

export interface CallFacts {
  callId: string;
  providerCallId: string;
  accountKey: string | null;
  accountKeySource: KeySource | null;
  debtKey: string | null;
  portfolio: string | null;
  /** numberTo in E.164, or null when it is not a phone number. */
  number: string | null;
  outcome: string | null;
  connected: boolean;
  conversation: boolean;
  rightPartyContact: boolean;
  voicemail: boolean;
  notInService: boolean;
  /** Earliest delivery timestamp minus duration: the payload has no start time. */
  placedAt: Date;
  /** Always true today; a field so a future payload start time can say false. */
  placedAtApproximate: true;
  /** Which timestamp `placedAt` came from, weakest last. */
  placedAtSource: "first_delivery" | "last_delivery" | "received" | "unknown";
  timeZone: string;
  timeZoneSource: "call" | "default";
  /** The contact's calendar day when the call was placed (Reg F days are the consumer's days). */
  localDate: string;
  transcript: ParsedTranscript;
}

function validDate(value: Date | null | undefined): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** Did the contact say anything? Speaker-labelled turns tell; an unlabelled transcript only tells that someone spoke. */
function contactSpoke(transcript: ParsedTranscript, outcome: string | null): boolean {
  if (transcript.kind === "turns") return transcript.segments.some((s) => s.speaker === "contact" && s.text.trim() !== "");
  // Plain prose cannot show who spoke; a known engaged outcome (a promise, a
  // payment, a callback request) could only come from the contact speaking.
  if (transcript.kind === "plain") return outcome !== null && outcomeInfo(outcome).known && outcome !== "WRONG NUMBER";
  return false;
}

export function callFacts(call: AccountCallInput, keySettings: KeySettings, defaultTimeZone: string): CallFacts {
  const account = accountKeyFor(call.requestMetadata, call.numberTo, keySettings);
  const debt = account.ok ? debtKeyFor(account.key, call.requestMetadata) : null;
  const outcome = normaliseOutcome(call.callOutput);
  const notInService = isNotInService(call.endedReason);
  const voicemail = isVoicemail(call.endedReason);
  const connected = call.providerStatus === "pass" && !isBusy(call.endedReason) && !notInService;
  const transcript = parseTranscript(call.transcription);
  const conversation = connected && call.deliveryStatus === "pass" && !voicemail && contactSpoke(transcript, outcome);
  const rightPartyContact = conversation && outcome !== "WRONG NUMBER";

  let base: Date;
  let placedAtSource: CallFacts["placedAtSource"];
  if (validDate(call.firstSentAt)) [base, placedAtSource] = [call.firstSentAt, "first_delivery"];
  else if (validDate(call.deliveredAt)) [base, placedAtSource] = [call.deliveredAt, "last_delivery"];
  else if (validDate(call.receivedAt)) [base, placedAtSource] = [call.receivedAt, "received"];
  // No usable time at all (never from the database, which defaults received_at): a fixed epoch keeps ordering deterministic.
  else [base, placedAtSource] = [new Date(0), "unknown"];
  const duration = Number.isFinite(call.duration) && call.duration > 0 ? call.duration : 0;
  const placedAt = new Date(base.getTime() - duration * 1000);

  const callZone = call.timeZone && isValidTimeZone(call.timeZone) ? call.timeZone : null;
  const timeZone = callZone ?? defaultTimeZone;

  return {
    callId: call.id,
    providerCallId: call.providerCallId,
    accountKey: account.ok ? account.key : null,
    accountKeySource: account.ok ? account.source : null,
    debtKey: debt?.key ?? null,
    portfolio: debt?.portfolio ?? null,
    number: normaliseNumber(call.numberTo, keySettings.defaultRegion),
    outcome,
    connected,
    conversation,
    rightPartyContact,
    voicemail,
    notInService,
    placedAt,
    placedAtApproximate: true,
    placedAtSource,
    timeZone,
    timeZoneSource: callZone ? "call" : "default",
    localDate: localDateOf(placedAt, timeZone),
    transcript,
  };
}
