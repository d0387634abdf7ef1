/**
 * Turns Levers' one-string `transcription` into something an agent can read:
 * speaker turns when the text is speaker-labelled ("AI: …" / "User: …"),
 * plain paragraphs otherwise. Levers gives no word timings, so a segment's
 * place in the recording can only be estimated from its share of the text.
 * Pure functions: used by the server page and by client components.
 */

export type Speaker = "agent" | "contact" | "unknown";

export interface TranscriptSegment {
  index: number;
  /** null for plain paragraphs (the text carried no speaker labels). */
  speaker: Speaker | null;
  /** The label as written ("AI", "customer"), or null. */
  label: string | null;
  text: string;
  /** Characters of segment text before this one (labels and line breaks not counted). */
  charsBefore: number;
}

export interface ParsedTranscript {
  kind: "turns" | "plain" | "empty";
  segments: TranscriptSegment[];
  /** Sum of the segments' text lengths: the denominator of position estimates. */
  totalChars: number;
}

const AGENT_LABELS = ["ai", "agent", "assistant", "bot"];
const CONTACT_LABELS = ["user", "customer", "contact", "human", "debtor"];
const LABEL_LINE = new RegExp(`^\\s*(${[...AGENT_LABELS, ...CONTACT_LABELS].join("|")})\\s*:\\s?(.*)$`, "i");

function speakerOf(label: string): Speaker {
  const lower = label.toLowerCase();
  if (AGENT_LABELS.includes(lower)) return "agent";
  if (CONTACT_LABELS.includes(lower)) return "contact";
  return "unknown";
}

export function parseTranscript(raw: string | null | undefined): ParsedTranscript {
  const text = (raw ?? "").replace(/\r\n?/g, "\n");
  if (!text.trim()) return { kind: "empty", segments: [], totalChars: 0 };
  const lines = text.split("\n");
  const labelled = lines.map((line) => LABEL_LINE.exec(line));
  const labelledCount = labelled.filter(Boolean).length;
  const firstContentLine = lines.findIndex((line) => line.trim() !== "");
  // One stray "Customer:" deep inside prose is not a speaker-labelled
  // transcript; a labelled first line or several labelled lines are.
  const isTurns = labelledCount >= 2 || (labelledCount === 1 && labelled[firstContentLine] != null);
  return isTurns ? toTurns(lines, labelled) : toParagraphs(lines);
}

interface Draft {
  speaker: Speaker | null;
  label: string | null;
  parts: string[];
}

function finish(drafts: Draft[], kind: ParsedTranscript["kind"]): ParsedTranscript {
  const segments: TranscriptSegment[] = [];
  let chars = 0;
  for (const draft of drafts) {
    const text = draft.parts.join(draft.speaker === null ? " " : "\n").trim();
    if (!text && draft.speaker === null) continue;
    segments.push({ index: segments.length, speaker: draft.speaker, label: draft.label, text, charsBefore: chars });
    chars += text.length;
  }
  return { kind, segments, totalChars: chars };
}

function toTurns(lines: string[], labelled: (RegExpExecArray | null)[]): ParsedTranscript {
  const drafts: Draft[] = [];
  lines.forEach((line, i) => {
    const match = labelled[i];
    if (match) {
      const label = match[1] ?? "";
      drafts.push({ speaker: speakerOf(label), label, parts: [(match[2] ?? "").trim()].filter(Boolean) });
      return;
    }
    const content = line.trim();
    if (!content) return;
    const last = drafts.at(-1);
    // Text before the first label has no speaker; later unlabelled lines
    // continue the turn they follow.
    if (last) last.parts.push(content);
    else drafts.push({ speaker: "unknown", label: null, parts: [content] });
  });
  return finish(drafts, "turns");
}

function toParagraphs(lines: string[]): ParsedTranscript {
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  for (const line of lines) {
    const content = line.trim();
    if (!content) {
      current = null;
      continue;
    }
    if (!current) {
      current = { speaker: null, label: null, parts: [] };
      drafts.push(current);
    }
    current.parts.push(content);
  }
  return finish(drafts, "plain");
}

/**
 * Where a segment probably starts in the recording, in seconds: its share of
 * the text before it times the duration. Approximate by construction (speech
 * rate varies, silences are invisible in text).
 */
export function estimateSegmentStart(transcript: ParsedTranscript, index: number, durationSeconds: number): number {
  const segment = transcript.segments[index];
  if (!segment || transcript.totalChars === 0 || !(durationSeconds > 0)) return 0;
  return (segment.charsBefore / transcript.totalChars) * durationSeconds;
}

export interface TranscriptMatch {
  segment: number;
  start: number;
  end: number;
}

/** Case-insensitive, literal (not regex) matches of `query` in every segment, in reading order. */
export function findMatches(segments: readonly TranscriptSegment[], query: string): TranscriptMatch[] {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return [];
  const matches: TranscriptMatch[] = [];
  for (const segment of segments) {
    const haystack = segment.text.toLocaleLowerCase();
    // Lower-casing can change length for a few scripts; only trust offsets when it did not.
    if (haystack.length !== segment.text.length) continue;
    let from = 0;
    for (;;) {
      const at = haystack.indexOf(needle, from);
      if (at === -1) break;
      matches.push({ segment: segment.index, start: at, end: at + needle.length });
      from = at + needle.length;
    }
  }
  return matches;
}

/** Splits a segment's text into plain and matched pieces (ranges sorted, not overlapping) for rendering as React text. */
export function splitByMatches(
  text: string,
  ranges: readonly { start: number; end: number; id: number }[],
): { text: string; match: number | null }[] {
  const pieces: { text: string; match: number | null }[] = [];
  let cursor = 0;
  for (const range of ranges) {
    if (range.start > cursor) pieces.push({ text: text.slice(cursor, range.start), match: null });
    pieces.push({ text: text.slice(range.start, range.end), match: range.id });
    cursor = range.end;
  }
  if (cursor < text.length) pieces.push({ text: text.slice(cursor), match: null });
  return pieces;
}
