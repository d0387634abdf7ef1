/**
 * Free-form values (request metadata, raw webhook bodies) as text for the call
 * page, never more than `limit` characters of HTML and never a recursive walk
 * of something nested deeper than `maxDepth` (JSON.stringify overflows the
 * stack on 100k nested arrays). The whole value stays downloadable.
 */
export interface BoundedText {
  text: string;
  truncated: boolean;
  /** Characters of the whole text, when it was computed. */
  totalChars: number | null;
}

export const DISPLAY_MAX_DEPTH = 32;

function deeperThan(value: unknown, maxDepth: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  let seen = 0;
  while (stack.length) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth >= maxDepth) return true;
    // A very wide value is not walked to its end: its size is what limits it.
    if (++seen > 100_000) return false;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

export function boundedText(value: unknown, options: { limit: number; pretty?: boolean }): BoundedText {
  let text: string;
  if (typeof value === "string") text = value;
  else if (value === null || value === undefined) text = String(value);
  else if (typeof value !== "object") text = String(value);
  else if (deeperThan(value, DISPLAY_MAX_DEPTH)) {
    return {
      text: `(nested more than ${DISPLAY_MAX_DEPTH} levels deep: not shown here, download it to read it)`,
      truncated: true,
      totalChars: null,
    };
  } else text = JSON.stringify(value, null, options.pretty ? 2 : undefined) ?? "";
  if (text.length <= options.limit) return { text, truncated: false, totalChars: text.length };
  return { text: text.slice(0, options.limit), truncated: true, totalChars: text.length };
}

export function moreLabel(bounded: BoundedText): string {
  return bounded.totalChars === null ? "" : `… ${(bounded.totalChars - bounded.text.length).toLocaleString("en-US")} more characters`;
}
