import type { ParsedTranscript } from "@/lib/calls/transcript";
import { extractCallback, type ExtractedCallback } from "./callbacks";
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

export function extractCall(outcome: string | null, transcript: ParsedTranscript, clock: CallClock, options: PromiseOptions): CallExtraction {
  const isPromise = (PROMISE_CALL_OUTCOMES as readonly (string | null)[]).includes(outcome);
  const promises = isPromise ? extractPromises(transcript, clock, options) : { promises: [], claims: [] };
  return {
    version: EXTRACTION_VERSION,
    ...promises,
    callback: outcome === "CALL BACK REQUESTED" ? extractCallback(transcript, clock) : null,
  };
}

export { extractCallback, type ExtractedCallback } from "./callbacks";
export { findAmounts, type AmountMention } from "./amounts";
export { findDates, nextBusinessDay, type CallClock, type DateMention } from "./dates";
export { detectPlan, expandPlan, MAX_INSTALLMENTS, type PlanSpec, type PlanFrequency } from "./plans";
export {
  extractPromises,
  type ExtractedPromise,
  type ExtractedInstallment,
  type PaymentClaim,
  type PromiseExtraction,
  type PromiseOptions,
  type PromiseSource,
  type ReviewReason,
} from "./promises";
