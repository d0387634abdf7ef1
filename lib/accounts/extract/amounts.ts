import nlp from "compromise";

/**
 * Money in speech with compromise's `.numbers()` ("two hundred dollars" →
 * 200 dollars, "$1,240.00" → 1240 with prefix $). Only numbers carrying a
 * currency (a symbol or unit) are amounts; a bare number right after a
 * payment verb ("I can do one fifty") is kept at low confidence, since
 * people say amounts that way but "the 15th" or a verification "4821" are
 * not amounts. Amounts after owe / balance / total describe the debt, not a
 * promise, and are skipped.
 */

export interface AmountMention {
  cents: number;
  /** ISO 4217 code when the symbol or unit tells, else null (a bare number). */
  currency: string | null;
  start: number;
  end: number;
  text: string;
  /** "symbol"/"word" carry a currency; "bare" is a number after a payment verb. */
  unit: "symbol" | "word" | "bare";
}

const SYMBOLS: Record<string, string> = { $: "USD", "£": "GBP", "€": "EUR", "₹": "INR" };
const UNIT_WORDS: Record<string, string> = {
  dollar: "USD", dollars: "USD", buck: "USD", bucks: "USD", usd: "USD",
  pound: "GBP", pounds: "GBP", quid: "GBP", euro: "EUR", euros: "EUR",
  rupee: "INR", rupees: "INR", dirham: "AED", dirhams: "AED", pesos: "MXN", peso: "MXN",
};
const CODES = new Set(["USD", "CAD", "GBP", "EUR", "INR", "AED", "MXN", "AUD"]);
/** compromise does not read "CA$120": mask the letters (same length, so offsets hold) and remember the currency. */
const PREFIXED_DOLLAR = /\b(CA|C|US|MX|AU|A)\$/g;
const PREFIX_CURRENCY: Record<string, string> = { CA: "CAD", C: "CAD", US: "USD", MX: "MXN", AU: "AUD", A: "AUD" };

const DEBT_WORDS = /\b(owe|owed|owing|balance|total|outstanding|past[-\s]due)\b/i;
const PAY_WORDS = /\b(pay|paying|send|sending|do|put|make|manage|afford|give)\b/i;
const BARE_AFTER_PAY = /\b(?:pay|do|send|put|manage|afford|give\s+you)\s+(?:you\s+|about\s+|around\s+|maybe\s+)?$/i;

function precedingWords(text: string, start: number, count: number): string {
  const before = text.slice(0, start).split(/\s+/).filter(Boolean);
  return before.slice(-count).join(" ");
}

/** True when the amount names the debt: a debt word among the few words before it and no payment verb in between. */
function describesDebt(text: string, start: number): boolean {
  const window = precedingWords(text, start, 4);
  const at = window.search(DEBT_WORDS);
  if (at < 0) return false;
  return !PAY_WORDS.test(window.slice(at).replace(DEBT_WORDS, ""));
}

export function findAmounts(text: string): AmountMention[] {
  const prefixCurrency = new Map<number, { currency: string; letters: number }>();
  const masked = text.replace(PREFIXED_DOLLAR, (_whole, letters: string, offset: number) => {
    prefixCurrency.set(offset + letters.length, { currency: PREFIX_CURRENCY[letters] ?? "USD", letters: letters.length });
    return " ".repeat(letters.length) + "$";
  });
  const found: AmountMention[] = [];
  const numbers = nlp(masked).numbers().json({ offset: true }) as {
    text: string;
    offset: { start: number; length: number };
    number: { prefix: string; num: number; unit: string };
  }[];
  for (const n of numbers) {
    const value = n.number?.num;
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) continue;
    let start = n.offset.start;
    let end = start + n.offset.length;
    // compromise keeps trailing punctuation ("$50." / "6th?") in the term.
    while (end > start && /[.,?!;:]/.test(text[end - 1] ?? "")) end--;
    // "100 a month": compromise swallows the article.
    const article = /\s+(a|an|and)$/i.exec(text.slice(start, end));
    if (article) end -= article[0].length;
    const raw = text.slice(start, end);
    if (/\d(st|nd|rd|th)$/i.test(raw) || /^(first|second|third|\w+th)$/i.test(raw)) continue; // ordinals are dates
    const prefix = n.number.prefix?.trim() ?? "";
    let currency: string | null = null;
    let unit: AmountMention["unit"] = "bare";
    const dollarAt = start + raw.indexOf("$");
    if (prefix && SYMBOLS[prefix]) {
      const prefixed = prefixCurrency.get(dollarAt);
      currency = prefixed?.currency ?? SYMBOLS[prefix]!;
      if (prefixed) start = dollarAt - prefixed.letters;
      unit = "symbol";
    } else {
      const unitWord = (n.number.unit || /^\s*([a-z]+)/i.exec(text.slice(end))?.[1] || "").toLowerCase();
      const before = /([A-Za-z]{3})\s*$/.exec(text.slice(0, start))?.[1]?.toUpperCase();
      if (UNIT_WORDS[unitWord]) {
        currency = UNIT_WORDS[unitWord]!;
        unit = "word";
        const unitMatch = new RegExp(`^\\s*${unitWord}`, "i").exec(text.slice(end));
        if (unitMatch) end += unitMatch[0].length;
      } else if (before && CODES.has(before)) {
        currency = before;
        unit = "symbol";
        start -= text.slice(0, start).length - text.slice(0, start).trimEnd().length + 3;
      } else if (!BARE_AFTER_PAY.test(text.slice(0, start))) continue;
    }
    if (describesDebt(text, start)) continue;
    // Followed by a clock word it is a time ("pay at 5 pm"), not money.
    if (unit === "bare" && /^\s*(am|pm|a\.m\.|p\.m\.|o'?clock)\b/i.test(text.slice(end))) continue;
    found.push({ cents: Math.round(value * 100), currency, start, end, text: text.slice(start, end), unit });
  }
  return found;
}
