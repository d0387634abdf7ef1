/**
 * Clause splitting and the cue words the extractors share. A clause is the
 * unit negation and tense apply to: in "I can't pay it all, but I can do $50
 * on Friday" the "can't" must not cancel the second half.
 */

export interface Clause {
  start: number;
  end: number;
  text: string;
}

const BOUNDARY = /[.!?;]+(?=\s|$)|,?\s+\bbut\b\s+|,?\s+\bhowever\b,?\s+/gi;

export function clauses(text: string): Clause[] {
  const out: Clause[] = [];
  let cursor = 0;
  const push = (from: number, to: number) => {
    let a = from;
    let b = to;
    while (a < b && /\s/.test(text[a] ?? "")) a++;
    while (b > a && /\s/.test(text[b - 1] ?? "")) b--;
    if (b > a) out.push({ start: a, end: b, text: text.slice(a, b) });
  };
  for (const match of text.matchAll(BOUNDARY)) {
    // Keep sentence punctuation with its clause ("…the 6th?" stays a question).
    const keep = /^[.!?;]/.test(match[0]) ? match[0].length : 0;
    push(cursor, match.index + keep);
    cursor = match.index + match[0].length;
  }
  push(cursor, text.length);
  return out;
}

/** "I can't pay Friday", "I won't be able to", "no way I can do that". */
/** Spelled numbers as said on the phone ("after five", "four payments"). */
export const SPELLED_NUMBERS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};

export const NEGATION =
  /\b(can'?t|cannot|can not|won'?t|will not|wouldn'?t|couldn'?t|unable|not able|no way|don'?t think i can|not going to|not gonna|isn'?t going to|refuse|not paying|never)\b/i;

/** "I can't pay until Friday" is a commitment to Friday, not a refusal. */
export const NOT_UNTIL = /\b(can'?t|cannot|won'?t|not)\b[^.?!]*\buntil\b/i;

/** A clause whose negation refuses, rather than defers ("I can't pay until Friday" defers). */
export function isNegated(text: string): boolean {
  return NEGATION.test(text) && !NOT_UNTIL.test(text);
}

/**
 * Past tense: chrono's forwardDate turns "last Friday" into the coming one,
 * so these clauses are a *claimed* payment, never a new promise.
 */
export const PAST_TENSE =
  /\b((?<!\b(get|gets|getting|be|am)\s)paid|already|yesterday|sent (it|the payment|the money)|made (a|the|my) payment|last (week|month|night|monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/i;

/** A contact committing to pay (or asking for time to, for extensions). */
export const COMMITMENT =
  /\b(i'?ll|i will|i can|i could|i'?m going to|i am going to|i'?m gonna|i promise|i'?d like to pay|let me pay|i should be able to|i'?ll be able to|give me until|i get paid|put me down for|i can do|i'?ll have|how about|i plan to|i want to pay|i'?d pay)\b/i;

export const PAY_CUE = /\b(pay|paying|payment|payments|send|do|make|put|cover|settle|works?)\b/i;

/** An agent reading terms back for the contact to agree to. */
export const CONFIRMATION_CUE =
  /\b(to confirm|so that'?s|so that is|just to confirm|confirming|is that (correct|right)|does that work|will that work|can you confirm|that work for you|sound good|do we have a deal|agreed)\b|\?\s*$/i;

/** The contact's reply agreeing to what was read back. */
export const AGREEMENT =
  /^\W*(yes|yeah|yep|yup|ya|correct|that'?s (right|correct|fine)|right|sure|ok|okay|sounds good|that works|works for me|uh[- ]?huh|absolutely|definitely|fine|i do|i will|deal|perfect|great|i'?ll take (it|that|the))\b/i;

export const DISAGREEMENT = /^\W*(no|nope|nah|not really|actually,? no|wait)\b/i;

/** Curly apostrophes to straight ones, same length (offsets stay valid), so "can’t" meets the cue words. */
export function plainQuotes(text: string): string {
  return text.replace(/[\u2018\u2019]/g, "'");
}
