import type { ParsedTranscript } from "@/lib/calls/transcript";
import { type ExtractedCallback, extractCallback } from "./callbacks";
import type { CallClock } from "./dates";
import { extractPromises, type PromiseExtraction, type PromiseOptions } from "./promises";

/**
 * Deterministic extraction of what a call committed to: promises (with plan
 * installments), claimed payments and callbacks. No LLM, no network: the
 * same transcript, outcome and clock always give the same result, so stored
 * results are valid until EXTRACTION_VERSION changes (then rebuild).
 */

/** Bump on any change to what the extractors return for the same input. */
export const EXTRACTION_VERSION = 1;

export interface CallExtraction extends PromiseExtraction {
  version: number;
  callback: ExtractedCallback | null;
}

export const PROMISE_CALL_OUTCOMES = ["PAYMENT PROMISE", "PAYMENT EXTENSION"] as const;

export function extractCall(
  outcome: string | null,
  transcript: ParsedTranscript,
  clock: CallClock,
  options: PromiseOptions,
): CallExtraction {
  const isPromise = (PROMISE_CALL_OUTCOMES as readonly (string | null)[]).includes(outcome);
  const promises = isPromise ? extractPromises(transcript, clock, options) : { promises: [], claims: [] };
  return {
    version: EXTRACTION_VERSION,
    ...promises,
    callback: outcome === "CALL BACK REQUESTED" ? extractCallback(transcript, clock) : null,
  };
}

export { type AmountMention, findAmounts } from "./amounts";
export { type ExtractedCallback, extractCallback } from "./callbacks";
export { type CallClock, type DateMention, findDates, nextBusinessDay } from "./dates";
export { detectPlan, expandPlan, MAX_INSTALLMENTS, type PlanFrequency, type PlanSpec } from "./plans";
export {
  type ExtractedInstallment,
  type ExtractedPromise,
  extractPromises,
  type PaymentClaim,
  type PromiseExtraction,
  type PromiseOptions,
  type PromiseSource,
  type ReviewReason,
} from "./promises";
