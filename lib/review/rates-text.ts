/** The admin form's per-portfolio rates, one `portfolio=percent` a line. */
export function parseRatesText(text: string): { rates: Record<string, number> } | { error: string } {
  const rates: Record<string, number> = {};
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const match = /^(.+?)\s*=\s*([\d.]+)\s*%?$/.exec(line);
    const pct = match ? Number(match[2]) : Number.NaN;
    if (!match || !Number.isFinite(pct) || pct < 0 || pct > 100)
      return { error: `Per-portfolio rates, line ${i + 1}: write portfolio=percent with a percent from 0 to 100.` };
    rates[match[1]!.trim()] = pct;
  }
  return { rates };
}
