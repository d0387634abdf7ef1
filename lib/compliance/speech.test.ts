import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTranscript, type TranscriptSegment } from "@/lib/calls/transcript";
import { analyzeSpeech, SPEECH_PATTERNS } from "./speech";

/**
 * analyzeSpeech first tries one combined expression per phrase list over the
 * whole side of the conversation and searches segment by segment only where
 * that finds something. These tests hold it to the plain search it replaced:
 * every segment, every pattern, in order.
 */
function plainSearch(callId: string, raw: string) {
  const parsed = parseTranscript(raw);
  const unlabelled = parsed.kind === "plain";
  const agent = parsed.segments.filter((s) => unlabelled || s.speaker === "agent");
  const contact = parsed.segments.filter((s) => unlabelled || s.speaker === "contact" || s.speaker === "unknown");
  const span = (segment: TranscriptSegment, m: RegExpExecArray) => ({
    kind: "span",
    callId,
    turn: segment.index,
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
  });
  const holds: unknown[] = [];
  for (const [kind, patterns] of Object.entries(SPEECH_PATTERNS.holds)) {
    hits: for (const segment of contact) {
      for (const { re, numberOnly } of patterns) {
        const m = re.exec(segment.text);
        if (m) {
          holds.push({ kind, numberOnly: numberOnly === true, span: span(segment, m) });
          break hits;
        }
      }
    }
  }
  const debtDetails: unknown[] = [];
  for (const segment of agent) {
    for (const re of SPEECH_PATTERNS.debtDetail) {
      const m = re.exec(segment.text);
      if (m) {
        debtDetails.push(span(segment, m));
        break;
      }
    }
  }
  const first = (patterns: RegExp[]) => {
    for (const segment of agent)
      for (const re of patterns) {
        const m = re.exec(segment.text);
        if (m) return span(segment, m);
      }
    return null;
  };
  const [attemptToCollect, informationUsed, fromDebtCollector, recordingDisclosure] = SPEECH_PATTERNS.disclosures.map(first);
  return { holds, debtDetails, attemptToCollect, informationUsed, fromDebtCollector, recordingDisclosure };
}

const PHRASES = [
  "Please stop calling me.",
  "don't call this number again",
  "Do not contact us",
  "never call me again",
  "take my number off your list",
  "deje de llamarme",
  "I have a lawyer",
  "my attorney will handle it",
  "we filed for chapter 13 bankruptcy",
  "that's not my debt",
  "I never owed you anything",
  "this is an attempt to collect a debt",
  "any information obtained will be used for that purpose",
  "I am a debt collector",
  "this call may be recorded",
  "your balance is past due",
  "you owe $120",
  "it is 45.50 dollars",
  "estamos tratando de cobrar una deuda",
  "ok",
  "sure, thanks",
  "what?",
  "",
];

const line = fc.tuple(
  fc.constantFrom("AI", "User", "Customer", "Agent", ""),
  fc.array(fc.constantFrom(...PHRASES), { minLength: 0, maxLength: 3 }),
  fc.constantFrom(" ", "\n", ". ", " but "),
);
const transcript = fc
  .array(line, { minLength: 0, maxLength: 8 })
  .map((lines) => lines.map(([label, words, glue]) => `${label ? `${label}: ` : ""}${words.join(glue)}`).join("\n"));

describe("analyzeSpeech: the quick first look changes no result", () => {
  it("finds exactly what the plain search finds, labelled or not", () => {
    let n = 0;
    fc.assert(
      fc.property(transcript, (raw) => {
        const callId = `call-${n++}`;
        const got = analyzeSpeech(callId, raw);
        const want = plainSearch(callId, raw);
        expect({
          holds: got.holds,
          debtDetails: got.debtDetails,
          attemptToCollect: got.attemptToCollect,
          informationUsed: got.informationUsed,
          fromDebtCollector: got.fromDebtCollector,
          recordingDisclosure: got.recordingDisclosure,
        }).toEqual(want);
      }),
      { numRuns: 600 },
    );
  });

  it("a phrase ending a turn still counts when more turns follow ($ at the segment's end)", () => {
    const speech = analyzeSpeech("call-end", "AI: Hello.\nUser: Do not call me\nAI: Understood.\nUser: bye");
    expect(speech.holds.map((h) => [h.kind, h.span.turn, h.span.text])).toEqual([["stop-calling", 1, "Do not call me"]]);
  });

  it("a phrase split across two turns is not a hold", () => {
    const speech = analyzeSpeech("call-split", "User: please stop\nUser: calling me");
    expect(speech.holds).toEqual([]);
  });
});
