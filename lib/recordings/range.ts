/**
 * HTTP Range (RFC 9110 §14) for one representation of `size` bytes. Only
 * single byte ranges are served; anything we do not understand (other units,
 * several ranges, malformed specs) is ignored and the whole file is sent,
 * which the RFC allows. A well-formed range that starts past the end is 416.
 */
export type ByteRange = { kind: "full" } | { kind: "partial"; start: number; end: number } | { kind: "unsatisfiable" };

const SINGLE = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i;

export function parseRange(header: string | null | undefined, size: number): ByteRange {
  if (!header) return { kind: "full" };
  const match = SINGLE.exec(header.trim());
  if (!match) return { kind: "full" };
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return { kind: "full" };

  if (first === "") {
    // Suffix range: the last N bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }

  const start = Number(first);
  const lastByte = last === "" ? Infinity : Number(last);
  // first > last is a malformed spec (ignored); a start past the end is a real but unsatisfiable request.
  if (!Number.isSafeInteger(start) || lastByte < start) return { kind: "full" };
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", start, end: Math.min(lastByte, size - 1) };
}

/** True when a request starts playback from the beginning (no range, or one starting at byte 0). */
export function startsAtZero(header: string | null | undefined): boolean {
  if (!header) return true;
  const match = SINGLE.exec(header.trim());
  if (!match) return true;
  return match[1] !== "" && Number(match[1]) === 0;
}
