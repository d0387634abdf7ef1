import nlp from "compromise";

/**
 * Money in speech. Spelled-out amounts ("two hundred dollars", "one hundred
 * and twenty five dollars", "one fifty") are read with compromise's
 * `.numbers()`; written ones ("$1,240.00", "CA$120.50", "AED 450.00",
 * "150 bucks") with a plain pattern first, because compromise costs about
 * 10 ms per sentence (measured), and a million-call rebuild cannot afford
 * that for the digits most transcripts use.
 *
 * Only numbers carrying a currency (a symbol, code or unit word) are
 * amounts; a bare number right after a payment verb ("I can do one fifty")
 * is kept as `bare` (the caller gives it low confidence), since "the 15th"
 * or a verification "4821" are not amounts. Amounts after owe / balance /
 * total describe the debt, not a promise, and are skipped.
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
const DOLLAR_PREFIX: Record<string, string> = { CA: "CAD", C: "CAD", US: "USD", MX: "MXN", AU: "AUD", A: "AUD" };
const UNIT_WORDS: Record<string, string> = {
  dollar: "USD",
  dollars: "USD",
  buck: "USD",
  bucks: "USD",
  usd: "USD",
  pound: "GBP",
  pounds: "GBP",
  quid: "GBP",
  euro: "EUR",
  euros: "EUR",
  rupee: "INR",
  rupees: "INR",
  dirham: "AED",
  dirhams: "AED",
  pesos: "MXN",
  peso: "MXN",
};

const DIGITS = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?`;
const WRITTEN = new RegExp(
  String.raw`(?:\b(CA|C|US|MX|AU|A))?([$£€₹])\s?${DIGITS}` +
    String.raw`|\b(USD|CAD|GBP|EUR|INR|AED|MXN|AUD)\s?${DIGITS}` +
    String.raw`|\b${DIGITS}\s*(dollars?|bucks?|pounds?|quid|euros?|rupees?|dirhams?|pesos?|usd)\b` +
    String.raw`|\b${DIGITS}\b`,
  "gi",
);
const NUMBER_WORDS =
  /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|grand)\b/i;

const DEBT_WORDS = /\b(owe|owed|owing|balance|total|outstanding|past[-\s]due|account current)\b/i;
const PAY_WORDS = /\b(pay|paying|send|sending|do|put|make|manage|afford|give)\b/i;
const BARE_AFTER_PAY = /\b(?:pay|do|send|put|manage|afford|give\s+you)\s+(?:you\s+|about\s+|around\s+|maybe\s+)?$/i;

function precedingWords(text: string, start: number, count: number): string {
  return text.slice(0, start).split(/\s+/).filter(Boolean).slice(-count).join(" ");
}

/** True when the amount names the debt: a debt word among the few words before it and no payment verb in between. */
function describesDebt(text: string, start: number): boolean {
  const window = precedingWords(text, start, 4);
  const at = window.search(DEBT_WORDS);
  if (at < 0) return false;
  return !PAY_WORDS.test(window.slice(at).replace(DEBT_WORDS, ""));
}

function toCents(whole: string, fraction: string | undefined): number {
  return Number(whole.replace(/,/g, "")) * 100 + (fraction ? Number(fraction.padEnd(2, "0")) : 0);
}

/** Written amounts: symbols, codes, unit words, and bare digits (filtered later). */
function writtenAmounts(text: string): AmountMention[] {
  const out: AmountMention[] = [];
  for (const m of text.matchAll(WRITTEN)) {
    const start = m.index;
    const end = start + m[0].length;
    const matched = m[0];
    if (m[2]) {
      out.push({
        cents: toCents(m[3]!, m[4]),
        currency: (m[1] && DOLLAR_PREFIX[m[1].toUpperCase()]) || SYMBOLS[m[2]]!,
        start,
        end,
        text: matched,
        unit: "symbol",
      });
    } else if (m[5]) {
      out.push({ cents: toCents(m[6]!, m[7]), currency: m[5].toUpperCase(), start, end, text: matched, unit: "symbol" });
    } else if (m[10]) {
      out.push({
        cents: toCents(m[8]!, m[9]),
        currency: UNIT_WORDS[m[10].toLowerCase()] ?? "USD",
        start,
        end,
        text: matched,
        unit: "word",
      });
    } else if (m[11]) {
      // "15th" / "4821" / "5 pm": only kept right after a payment verb, and never an ordinal or a time.
      if (/^(st|nd|rd|th)\b/i.test(text.slice(end)) || /^\s*(am|pm|a\.m\.|p\.m\.|o'?clock)\b|^:\d/i.test(text.slice(end))) continue;
      if (!BARE_AFTER_PAY.test(text.slice(0, start))) continue;
      out.push({ cents: toCents(m[11], m[12]), currency: null, start, end, text: matched, unit: "bare" });
    }
  }
  return out;
}

/** Spelled-out amounts via compromise; only the ones written with words (digits were read above). */
function spokenAmounts(text: string): AmountMention[] {
  const out: AmountMention[] = [];
  const numbers = nlp(text).numbers().json({ offset: true }) as {
    offset: { start: number; length: number };
    number: { num: number; unit: string };
  }[];
  for (const n of numbers) {
    const value = n.number?.num;
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) continue;
    const start = n.offset.start;
    let end = start + n.offset.length;
    // compromise keeps trailing punctuation ("fifty.") and swallows an article ("100 a month").
    while (end > start && /[.,?!;:]/.test(text[end - 1] ?? "")) end--;
    const article = /\s+(a|an|and)$/i.exec(text.slice(start, end));
    if (article) end -= article[0].length;
    const raw = text.slice(start, end);
    if (/\d/.test(raw) || !NUMBER_WORDS.test(raw)) continue;
    if (/\b(first|second|third|\w+th)$/i.test(raw)) continue; // ordinals are dates
    const unitWord = (n.number.unit || /^\s*([a-z]+)/i.exec(text.slice(end))?.[1] || "").toLowerCase();
    const currency = UNIT_WORDS[unitWord];
    if (currency) {
      const unitMatch = new RegExp(String.raw`^\s*${unitWord}`, "i").exec(text.slice(end));
      if (unitMatch) end += unitMatch[0].length;
      out.push({ cents: Math.round(value * 100), currency, start, end, text: text.slice(start, end), unit: "word" });
    } else if (BARE_AFTER_PAY.test(text.slice(0, start)) && !/^\s*(am|pm|a\.m\.|p\.m\.|o'?clock)\b/i.test(text.slice(end))) {
      out.push({ cents: Math.round(value * 100), currency: null, start, end, text: raw, unit: "bare" });
    }
  }
  return out;
}

export function findAmounts(text: string): AmountMention[] {
  const found = writtenAmounts(text);
  if (NUMBER_WORDS.test(text)) {
    for (const spoken of spokenAmounts(text)) if (!found.some((f) => f.start < spoken.end && spoken.start < f.end)) found.push(spoken);
  }
  return found.filter((a) => a.cents > 0 && !describesDebt(text, a.start)).sort((a, b) => a.start - b.start);
}
