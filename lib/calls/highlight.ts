/**
 * Search snippets travel as segments (`{ text, hit }`), never as HTML: the
 * transcript is personal, untrusted text, and React renders segments as text
 * with <mark> around hits. PostgreSQL's ts_headline marks hits with two
 * private-use characters that are stripped from the source text first, so
 * nothing a caller said can forge a highlight.
 */
export interface TextSegment {
  text: string;
  hit: boolean;
}

export const HIT_START = "\uE000";
export const HIT_END = "\uE001";
export const FRAGMENT_SEPARATOR = "\uE002";
/** Characters removed from the document before ts_headline sees it (PostgreSQL `translate` argument). */
export const MARKER_CHARS = HIT_START + HIT_END + FRAGMENT_SEPARATOR;

/** ts_headline output → segments; fragments are joined with " … ". */
export function headlineToSegments(headline: string): TextSegment[] {
  const segments: TextSegment[] = [];
  const push = (text: string, hit: boolean) => {
    if (!text) return;
    const last = segments[segments.length - 1];
    if (last && last.hit === hit) last.text += text;
    else segments.push({ text, hit });
  };
  const fragments = headline.split(FRAGMENT_SEPARATOR);
  fragments.forEach((fragment, index) => {
    if (index > 0) push(" … ", false);
    let rest = collapse(fragment);
    while (rest.length) {
      const start = rest.indexOf(HIT_START);
      if (start === -1) {
        push(rest, false);
        break;
      }
      push(rest.slice(0, start), false);
      const end = rest.indexOf(HIT_END, start + 1);
      if (end === -1) {
        push(rest.slice(start + 1), true);
        break;
      }
      push(rest.slice(start + 1, end), true);
      rest = rest.slice(end + 1);
    }
  });
  return trimSegments(segments);
}

/** Plain text (a summary or a transcript's first line) as one segment. */
export function plainSegments(text: string): TextSegment[] {
  const t = collapse(text).trim();
  return t ? [{ text: t, hit: false }] : [];
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ");
}

function trimSegments(segments: TextSegment[]): TextSegment[] {
  const first = segments[0];
  if (first && !first.hit) first.text = first.text.trimStart();
  const last = segments[segments.length - 1];
  if (last && !last.hit) last.text = last.text.trimEnd();
  return segments.filter((s) => s.text.length > 0);
}

/** The first line of a transcript worth showing in a list (skips blank lines). */
export function firstLine(transcript: string | null): string | null {
  if (!transcript) return null;
  for (const line of transcript.split(/\r?\n/)) {
    const t = line.trim();
    if (t) return t;
  }
  return null;
}
