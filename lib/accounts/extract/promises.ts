import type { ParsedTranscript, TranscriptSegment } from "@/lib/calls/transcript";
import type { Confidence, Evidence } from "../input";
import { type AmountMention, findAmounts } from "./amounts";
import { type CallClock, type DateMention, findDates } from "./dates";
import { detectPlan, expandPlan, type PlanFrequency } from "./plans";
import {
  AGREEMENT,
  type Clause,
  COMMITMENT,
  CONFIRMATION_CUE,
  clauses,
  DISAGREEMENT,
  isNegated,
  NEGATION,
  NOT_UNTIL,
  PAST_TENSE,
  PAY_CUE,
  plainQuotes,
} from "./text";

/**
 * Promise extraction for PAYMENT PROMISE / PAYMENT EXTENSION calls.
 * Preference order, strongest first:
 * 1. the AI reading terms back and the contact agreeing in the next turn
 *    ("so that's $150 on Friday the 6th?" / "yes");
 * 2. the contact's own commitment ("I'll pay $150 on Friday");
 * 3. nothing found: the outcome still says a promise was made, so a promise
 *    with no date and no amount goes to Needs review.
 * Within a turn, negated clauses ("I can't pay Friday") and past-tense ones
 * ("I paid last Friday": a payment *claimed*) never supply terms.
 */

export type PromiseSource = "ai_confirmation" | "contact_commitment" | "outcome_only";
export type ReviewReason = "no_date" | "no_amount" | "low_confidence" | "payment_claimed";

export interface ExtractedInstallment {
  index: number;
  count: number;
  frequency: PlanFrequency;
  rule: string;
  countAssumed: boolean;
}

export interface ExtractedPromise {
  amountCents: number | null;
  currency: string | null;
  /** Local due date YYYY-MM-DD in `timeZone`, or null (needs review). */
  dueDate: string | null;
  timeZone: string;
  confidence: Confidence;
  source: PromiseSource;
  /** The turn holding the terms; for an AI confirmation, the agent's read-back. */
  evidence: Evidence | null;
  /** The contact's "yes" to an AI confirmation. */
  agreement: Evidence | null;
  /** The agent's acknowledgement that supplied terms the contact left out ("I've approved an extension … please pay $436.83"). */
  acknowledgement: Evidence | null;
  installment: ExtractedInstallment | null;
  needsReview: boolean;
  reviewReasons: ReviewReason[];
}

export interface PaymentClaim {
  evidence: Evidence;
  /** What chrono made of the date, for display only: forwardDate pushes it into the future. */
  saidDate: string | null;
}

export interface PromiseExtraction {
  promises: ExtractedPromise[];
  claims: PaymentClaim[];
}

export interface PromiseOptions {
  /** Installments per plan when the length was not said. */
  defaultInstallments: number;
}

interface Terms {
  segment: TranscriptSegment;
  date: DateMention | null;
  amount: AmountMention | null;
  span: { start: number; end: number };
  planText: string;
}

const READ_BACK_TERMS =
  /\b(pay|paying|payment|promise|promising|extend|extension|due date|schedul\w*|so that'?s|so that is|to confirm|confirming|arrangement|plan)\b/i;
/** "The best I can offer is an extension to March 24, with $X due on that date." / "Fine. I'll take the extension." */
const OFFER_CUE = /\b(the best i can (offer|do)|i can offer|we can offer|i can extend|i can give you|i can set (you )?up)\b/i;
const ACKNOWLEDGEMENT = /\b(approved|recorded|scheduled|noted|confirmed|set up|booked|granted)\b/i;

const CONFIDENCE_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

function evidenceOf(segment: TranscriptSegment, start: number, end: number): Evidence {
  return { turn: segment.index, start, end, text: segment.text.slice(start, end) };
}

function usableClauses(text: string): Clause[] {
  return clauses(text).filter((c) => !isNegated(c.text) && !PAST_TENSE.test(c.text));
}

/** Dates and amounts said in the usable clauses of a turn; the first of each wins (terms are usually said once). */
function termsIn(segment: TranscriptSegment, usable: Clause[], clock: CallClock): Terms | null {
  let date: DateMention | null = null;
  let amount: AmountMention | null = null;
  let start = Number.POSITIVE_INFINITY;
  let end = -1;
  const planParts: string[] = [];
  for (const clause of usable) {
    const dates = findDates(clause.text, clock);
    const amounts = findAmounts(clause.text);
    if (dates.length === 0 && amounts.length === 0) continue;
    planParts.push(clause.text);
    start = Math.min(start, clause.start);
    end = Math.max(end, clause.end);
    const shift = <T extends { start: number; end: number }>(m: T): T => ({
      ...m,
      start: m.start + clause.start,
      end: m.end + clause.start,
    });
    if (!date && dates[0]) date = shift(dates[0]);
    // A currency-marked amount beats a bare number said earlier.
    const best = amounts.find((a) => a.unit !== "bare") ?? amounts[0];
    if (best && (!amount || (amount.unit === "bare" && best.unit !== "bare"))) amount = shift(best);
  }
  if (end < 0) return null;
  return { segment, date, amount, span: { start, end }, planText: planParts.join(" ") };
}

function speakerIs(segment: TranscriptSegment, speaker: "agent" | "contact", plain: boolean): boolean {
  // An unlabelled transcript cannot tell who spoke: any paragraph may be the contact's.
  return plain ? speaker === "contact" : segment.speaker === speaker;
}

/** The last agreed read-back of the call (scanning from the end: the final agreement is the one that stands, and stopping early keeps extraction cheap). */
function lastConfirmation(transcript: ParsedTranscript, clock: CallClock): { terms: Terms; agreement: Evidence } | null {
  if (transcript.kind !== "turns") return null;
  const segs = transcript.segments;
  for (let i = segs.length - 2; i >= 0; i--) {
    const agent = segs[i]!;
    const reply = segs[i + 1]!;
    if (agent.speaker !== "agent" || reply.speaker !== "contact") continue;
    const text = plainQuotes(agent.text);
    const all = clauses(text);
    // The reply answers the turn's last sentence: that one must ask for agreement or make an offer.
    const last = all.at(-1)?.text ?? "";
    if (!CONFIRMATION_CUE.test(last) && !OFFER_CUE.test(last)) continue;
    const replyText = plainQuotes(reply.text);
    if (!AGREEMENT.test(replyText) || DISAGREEMENT.test(replyText) || NEGATION.test(clauses(replyText)[0]?.text ?? "")) continue;
    // Terms are read back just before the question, not three topics earlier.
    const recent = all.slice(-3);
    if (!READ_BACK_TERMS.test(recent.map((c) => c.text).join(" "))) continue;
    const terms = termsIn(
      agent,
      recent.filter((c) => !NEGATION.test(c.text) && !PAST_TENSE.test(c.text)),
      clock,
    );
    if (!terms || (!terms.date && !terms.amount)) continue;
    // "The amount needed is $511.42. Is this still your number?" / "Yes": terms, a yes, but no payment read back.
    if (!READ_BACK_TERMS.test(terms.planText)) continue;
    // "Yes, Friday the 20th works" corrects or completes the read-back date.
    if (!terms.date) {
      const replyDate = findDates(replyText, clock)[0];
      if (replyDate) terms.date = replyDate;
    }
    const agreed = AGREEMENT.exec(replyText)!;
    return { terms, agreement: evidenceOf(reply, agreed.index, agreed.index + agreed[0].trimEnd().length) };
  }
  return null;
}

/** The contact's last commitment, optionally before a given turn. */
function lastCommitment(transcript: ParsedTranscript, clock: CallClock, beforeTurn = Number.POSITIVE_INFINITY): Terms | null {
  const plain = transcript.kind !== "turns";
  for (let i = Math.min(transcript.segments.length, beforeTurn) - 1; i >= 0; i--) {
    const segment = transcript.segments[i]!;
    if (!speakerIs(segment, "contact", plain)) continue;
    const text = plainQuotes(segment.text);
    const usable = usableClauses(text);
    const commits = (c: Clause) =>
      (COMMITMENT.test(c.text) || NOT_UNTIL.test(c.text)) && (PAY_CUE.test(c.text) || findDates(c.text, clock).length > 0);
    if (!usable.some(commits)) continue;
    const terms = termsIn(segment, usable, clock);
    if (terms) return terms;
  }
  return null;
}

function claimsIn(transcript: ParsedTranscript, clock: CallClock): PaymentClaim[] {
  const plain = transcript.kind !== "turns";
  const out: PaymentClaim[] = [];
  for (const segment of transcript.segments) {
    if (!speakerIs(segment, "contact", plain)) continue;
    for (const clause of clauses(plainQuotes(segment.text))) {
      if (!PAST_TENSE.test(clause.text) || !/\b(paid|payment|sent|pay)\b/i.test(clause.text) || NEGATION.test(clause.text)) continue;
      const said = findDates(clause.text, clock)[0]?.date ?? null;
      out.push({ evidence: evidenceOf(segment, clause.start, clause.end), saidDate: said });
    }
  }
  return out;
}

function finishPromise(base: Omit<ExtractedPromise, "needsReview" | "reviewReasons">, claimed: boolean): ExtractedPromise {
  const reviewReasons: ReviewReason[] = [];
  if (base.dueDate === null) reviewReasons.push("no_date");
  if (base.amountCents === null) reviewReasons.push("no_amount");
  if (base.confidence === "low") reviewReasons.push("low_confidence");
  if (claimed && base.source === "outcome_only") reviewReasons.push("payment_claimed");
  return { ...base, needsReview: reviewReasons.length > 0, reviewReasons };
}

export function extractPromises(transcript: ParsedTranscript, clock: CallClock, options: PromiseOptions): PromiseExtraction {
  const claims = claimsIn(transcript, clock);
  const confirmed = lastConfirmation(transcript, clock);
  // Needed when nothing was read back, or to complete a read-back from what the contact said before it.
  const committed = !confirmed
    ? lastCommitment(transcript, clock)
    : !confirmed.terms.date || !confirmed.terms.amount
      ? lastCommitment(transcript, clock, confirmed.terms.segment.index)
      : null;
  const plain = transcript.kind !== "turns";

  let terms: Terms | null = null;
  let source: PromiseSource = "outcome_only";
  let agreement: Evidence | null = null;
  if (confirmed) [terms, source, agreement] = [confirmed.terms, "ai_confirmation", confirmed.agreement];
  else if (committed) [terms, source] = [committed, "contact_commitment"];

  // "Could you give me until March 30?" / "I've approved an extension to March 30. Please pay $436.83 by then."
  let acknowledgement: Evidence | null = null;
  if (terms && source === "contact_commitment" && (!terms.date?.date || !terms.amount)) {
    const next = transcript.segments[terms.segment.index + 1];
    if (next && next.speaker === "agent" && ACKNOWLEDGEMENT.test(next.text)) {
      const ack = termsIn(next, usableClauses(plainQuotes(next.text)), clock);
      if (ack && ((!terms.amount && ack.amount) || (!terms.date?.date && ack.date?.date))) {
        if (!terms.amount && ack.amount) terms.amount = ack.amount;
        if (!terms.date?.date && ack.date?.date) terms.date = ack.date;
        acknowledgement = evidenceOf(next, ack.span.start, ack.span.end);
        terms.planText += ` ${ack.planText}`;
      }
    }
  }

  // The contact's commitment can name what the read-back left out ("I can do the 15th" then "so that's $80, right?").
  if (terms && source === "ai_confirmation" && committed && committed.segment.index < terms.segment.index) {
    if (!terms.date && committed.date) terms.date = committed.date;
    if (!terms.amount && committed.amount) terms.amount = committed.amount;
  }

  if (!terms) {
    return {
      claims,
      promises: [
        finishPromise(
          {
            amountCents: null,
            currency: null,
            dueDate: null,
            timeZone: clock.timeZone,
            confidence: "low",
            source,
            evidence: null,
            agreement: null,
            acknowledgement: null,
            installment: null,
          },
          claims.length > 0,
        ),
      ],
    };
  }

  const complete = terms.date?.date != null && terms.amount !== null;
  let confidence: Confidence = source === "ai_confirmation" ? (complete ? "high" : "medium") : complete ? "medium" : "low";
  // "one fifty" with no currency could be $1.50 or $150: never more than low.
  if (terms.amount?.unit === "bare") confidence = "low";
  if (plain && CONFIDENCE_RANK[confidence] > CONFIDENCE_RANK.low) confidence = "low";

  const base = {
    amountCents: terms.amount?.cents ?? null,
    currency: terms.amount?.currency ?? null,
    timeZone: clock.timeZone,
    confidence,
    source,
    evidence: evidenceOf(terms.segment, terms.span.start, terms.span.end),
    agreement,
    acknowledgement,
  };

  const plan = detectPlan(terms.planText);
  const firstDate = terms.date?.date ?? null;
  if (plan && firstDate) {
    const expanded = expandPlan(plan, firstDate, options.defaultInstallments);
    return {
      claims,
      promises: expanded.dates.map((dueDate, index) =>
        finishPromise(
          {
            ...base,
            dueDate,
            installment: {
              index,
              count: expanded.dates.length,
              frequency: plan.frequency,
              rule: expanded.rule,
              countAssumed: expanded.countAssumed,
            },
          },
          false,
        ),
      ),
    };
  }
  return { claims, promises: [finishPromise({ ...base, dueDate: firstDate, installment: null }, false)] };
}
