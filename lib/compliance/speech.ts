import { type ParsedTranscript, parseTranscript, type TranscriptSegment } from "@/lib/calls/transcript";
import type { HoldKind, SpanEvidence } from "./types";

/**
 * What a call's words mean for compliance: holds the contact asked for,
 * disclosures the AI made, debt details the AI gave. Phrase lists, not a
 * model: each hit keeps its exact span so a person can check it, and a miss
 * on the AI side fails safe (a missing disclosure is flagged). English and
 * Spanish, the languages calls are made in (1006.18(e)(4)).
 */

interface Pattern {
  re: RegExp;
  /** "don't call this number" bars one number only (cmt 14(h)(1)-2). */
  numberOnly?: boolean;
}

const HOLD_PATTERNS: Record<Exclude<HoldKind, "written-cease" | "written-dispute">, Pattern[]> = {
  "stop-calling": [
    { re: /\b(?:stop|quit|cease) (?:calling|phoning|contacting|ringing) (?:this number|here)\b/i, numberOnly: true },
    { re: /\bdo(?:n['’]?t| not) (?:ever )?call (?:this number|here)(?: again| anymore| any more)?\b/i, numberOnly: true },
    { re: /\b(?:stop|quit|cease) (?:calling|phoning|contacting|ringing)(?: me| us)?\b/i },
    { re: /\bdo(?:n['’]?t| not) (?:ever )?(?:call|phone|contact) (?:me|us)(?: again| anymore| any more|[.!]|$)/i },
    { re: /\bnever (?:call|contact) (?:me|us) again\b/i },
    { re: /\b(?:take|remove) (?:me|my number) (?:off|from) (?:your|the) (?:calling )?list\b/i },
    { re: /\bdeje(?:n)? de llamar(?:me)?\b/i },
    { re: /\bno me (?:llame|llamen|vuelva a llamar|vuelvan a llamar)\b/i },
  ],
  attorney: [
    { re: /\b(?:my|our) (?:attorney|lawyer|counsel)\b/i },
    { re: /\bi (?:have|['’]ve got|got|hired|retained) (?:an? )?(?:attorney|lawyer)\b/i },
    { re: /\brepresented by (?:an? )?(?:attorney|lawyer|counsel)\b/i },
    { re: /\bmi abogad[oa]\b/i },
  ],
  bankruptcy: [
    { re: /\b(?:filed|filing|file|declared|in) (?:for )?(?:chapter (?:7|11|13|seven|eleven|thirteen) )?bankruptcy\b/i },
    { re: /\bbankruptcy (?:case|petition|court|attorney|lawyer|trustee)\b/i },
    { re: /\bchapter (?:7|13|seven|thirteen)\b/i },
    { re: /\b(?:bancarrota|quiebra)\b/i },
  ],
  "oral-dispute": [
    { re: /\b(?:it['’]?s |this is |that['’]?s |that is )?not my debt\b/i },
    { re: /\bi (?:do(?:n['’]?t| not)|never) owe?d? (?:this|that|it|you|anything|any money|this money|that money)\b/i },
    { re: /\bfraud(?:ulent)?\b/i },
    { re: /\bidentity theft\b/i },
    { re: /\b(?:this|that|it) (?:is not|isn['’]?t|was not|wasn['’]?t) (?:mine|my (?:debt|account|loan|card|bill))\b/i },
    { re: /\bi (?:dispute|am disputing|want to dispute|['’]m disputing)\b/i },
    { re: /\bi never (?:opened|had|signed up for) (?:this|that|an?|the) (?:account|card|loan)\b/i },
    { re: /\bno es mi deuda\b|\bno debo\b/i },
  ],
};

/** 1006.18(e)(1): both halves are needed in the first communication. */
const ATTEMPT_TO_COLLECT = [
  /\b(?:attempt(?:ing)?|trying|an attempt) to collect (?:a|this|the) debt\b/i,
  /\b(?:intento|intentando|tratando) de cobrar una deuda\b/i,
];
const INFORMATION_USED = [
  /\binformation (?:we )?(?:obtain(?:ed)?|get|gather(?:ed)?|collect(?:ed)?)(?: will| may)? (?:be )?used for that purpose\b/i,
  /\binformaci[oó]n (?:obtenida|que obtengamos) (?:ser[aá]|se) (?:usada|utilizada|usar[aá]|utilizar[aá]) (?:para|con) (?:ese|este) (?:fin|prop[oó]sito)\b/i,
];
/** 1006.18(e)(2): later communications say they are from a debt collector. */
const FROM_DEBT_COLLECTOR = [/\bdebt collector\b/i, /\bcobrador(?:a)? de deudas\b|\bagencia de cobranza\b/i];
const RECORDING = [
  /\b(?:call|conversation|line)s? (?:is|are|will be|may be|might be|is being|are being) (?:monitored (?:and|or) )?recorded\b/i,
  /\brecorded (?:for (?:quality|training)|and monitored)\b/i,
  /\b(?:I am|I['’]m|we are|we['’]re) recording (?:this|the) call\b/i,
  /\b(?:esta )?llamada (?:puede ser|será|es|est[aá] siendo) grabada\b/i,
];
/**
 * Words that tell a third party or a voicemail listener that a debt is being
 * collected, which a limited-content message may not carry (1006.2(j)).
 */
const DEBT_DETAIL = [
  /\bdebts?\b/i,
  /\bcollect(?:ion|ions|ing|or|ors)?\b/i,
  /\bowe[sd]?\b/i,
  /\b(?:balance|past due|overdue|delinquent|outstanding amount|amount due)\b/i,
  /\$\s?\d|\b\d[\d,]*(?:\.\d{2})? dollars\b/i,
  /\bdeuda\b|\bcobr(?:o|ar|anza)\b|\bsaldo\b/i,
];

export interface HoldHit {
  kind: Exclude<HoldKind, "written-cease" | "written-dispute">;
  numberOnly: boolean;
  span: SpanEvidence;
}

export interface CallSpeech {
  hasTranscript: boolean;
  /** The transcript had no speaker labels: every segment is searched for both sides. */
  unlabelled: boolean;
  /** The contact said something (so a live person was on the line). */
  contactSpoke: boolean;
  holds: HoldHit[];
  attemptToCollect: SpanEvidence | null;
  informationUsed: SpanEvidence | null;
  fromDebtCollector: SpanEvidence | null;
  recordingDisclosure: SpanEvidence | null;
  debtDetails: SpanEvidence[];
}

/**
 * One regular expression that matches wherever any of `patterns` does: a
 * quick first look, so that the ordered per-segment search (whose first
 * pattern to match gives the evidence) runs only where something will be
 * found. Tried on the side's segments joined by line breaks, with `m` so that
 * `$` also holds at each segment's end: every match within a segment is then
 * a match of the joined text, and a match the exact search would not make
 * (across a line break inside a segment) only costs that search.
 */
function anyOf(patterns: RegExp[]): RegExp {
  for (const re of patterns) {
    if (re.flags !== "i" || /\\[1-9]|\\k</.test(re.source)) throw new Error(`speech pattern ${re} must be /i with no back-references`);
  }
  return new RegExp(patterns.map((re) => `(?:${re.source})`).join("|"), "im");
}

const HOLD_ANY = Object.fromEntries(
  Object.entries(HOLD_PATTERNS).map(([kind, patterns]) => [kind, anyOf(patterns.map((p) => p.re))]),
) as Record<HoldHit["kind"], RegExp>;
const DEBT_DETAIL_ANY = anyOf(DEBT_DETAIL);
const DISCLOSURES = [ATTEMPT_TO_COLLECT, INFORMATION_USED, FROM_DEBT_COLLECTOR, RECORDING];
const DISCLOSURE_ANY = new Map(DISCLOSURES.map((patterns) => [patterns, anyOf(patterns)]));

/** The phrase lists, for the test that checks the quick first look against the plain search. */
export const SPEECH_PATTERNS = { holds: HOLD_PATTERNS, debtDetail: DEBT_DETAIL, disclosures: DISCLOSURES };

function joined(segments: TranscriptSegment[]): string {
  return segments.map((s) => s.text).join("\n");
}

function firstHit(callId: string, segments: TranscriptSegment[], patterns: RegExp[], text: string): SpanEvidence | null {
  if (!DISCLOSURE_ANY.get(patterns)!.test(text)) return null;
  for (const segment of segments) {
    for (const re of patterns) {
      const m = re.exec(segment.text);
      if (m) return span(callId, segment, m.index, m[0]);
    }
  }
  return null;
}

function span(callId: string, segment: TranscriptSegment, start: number, text: string): SpanEvidence {
  return { kind: "span", callId, turn: segment.index, start, end: start + text.length, text };
}

const memo = new Map<string, { text: string; result: CallSpeech }>();
const MAX_MEMO = 20_000;

/**
 * Reads one call's transcript. Results are memoised per call and checked
 * against the text: a dialer re-asks about the same account many times a day
 * and a finished call's text does not change, while a changed text is simply
 * read again.
 */
export function analyzeSpeech(callId: string, transcript: string | ParsedTranscript | null | undefined): CallSpeech {
  if (typeof transcript === "string") {
    const cached = memo.get(callId);
    if (cached && cached.text === transcript) return cached.result;
    const result = analyzeParsed(callId, parseTranscript(transcript));
    if (memo.size >= MAX_MEMO) memo.clear();
    memo.set(callId, { text: transcript, result });
    return result;
  }
  return analyzeParsed(callId, transcript ?? { kind: "empty", segments: [], totalChars: 0 });
}

function analyzeParsed(callId: string, parsed: ParsedTranscript): CallSpeech {
  const unlabelled = parsed.kind === "plain";
  const agent = parsed.segments.filter((s) => unlabelled || s.speaker === "agent");
  const contact = parsed.segments.filter((s) => unlabelled || s.speaker === "contact" || s.speaker === "unknown");
  const agentText = joined(agent);
  const contactText = joined(contact);
  const holds: HoldHit[] = [];
  for (const [kind, patterns] of Object.entries(HOLD_PATTERNS) as [HoldHit["kind"], Pattern[]][]) {
    if (!HOLD_ANY[kind].test(contactText)) continue;
    hits: for (const segment of contact) {
      for (const { re, numberOnly } of patterns) {
        const m = re.exec(segment.text);
        if (m) {
          holds.push({ kind, numberOnly: numberOnly === true, span: span(callId, segment, m.index, m[0]) });
          break hits;
        }
      }
    }
  }
  const debtDetails: SpanEvidence[] = [];
  for (const segment of agent) {
    if (!DEBT_DETAIL_ANY.test(segment.text)) continue;
    for (const re of DEBT_DETAIL) {
      const m = re.exec(segment.text);
      if (m) {
        debtDetails.push(span(callId, segment, m.index, m[0]));
        break;
      }
    }
  }
  return {
    hasTranscript: parsed.kind !== "empty",
    unlabelled,
    contactSpoke: parsed.segments.some((s) => s.speaker === "contact" && s.text.trim() !== ""),
    holds,
    attemptToCollect: firstHit(callId, agent, ATTEMPT_TO_COLLECT, agentText),
    informationUsed: firstHit(callId, agent, INFORMATION_USED, agentText),
    fromDebtCollector: firstHit(callId, agent, FROM_DEBT_COLLECTOR, agentText),
    recordingDisclosure: firstHit(callId, agent, RECORDING, agentText),
    debtDetails,
  };
}
