/**
 * Phrase templates with `{slot}` placeholders, compiled once into literal/slot
 * pieces so that filling one is a few string concatenations: the generator
 * fills dozens per call and must stay fast at a million calls.
 */

export const SLOTS = [
  "agent", // the AI agent's name
  "creditor",
  "product", // "auto loan", "credit card account", ...
  "first",
  "last",
  "full",
  "balance", // total balance, formatted with currency
  "pastDue", // past-due amount
  "amount", // amount agreed/paid in this call
  "date", // promise/payment date, e.g. "Friday, March 14"
  "extDate", // extended due date
  "days", // days past due
  "last4", // card or account last four digits
  "conf", // confirmation number
  "method", // payment method phrase
  "excuse", // first-person reason for not paying now
  "callback", // when to call back
  "stranger", // who answered a wrong number
  "weekday", // weekday of the call
] as const;

export type Slot = (typeof SLOTS)[number];
export type SlotValues = string[];

const SLOT_INDEX = new Map<string, number>(SLOTS.map((s, i) => [s, i]));

export const slot = (name: Slot): number => SLOT_INDEX.get(name)!;

/** Literal text pieces and slot indexes, in order. */
export type Compiled = readonly (string | number)[];

export function compile(template: string): Compiled {
  const parts: (string | number)[] = [];
  let rest = template;
  for (;;) {
    const open = rest.indexOf("{");
    if (open < 0) break;
    const close = rest.indexOf("}", open);
    if (close < 0) throw new Error(`Unclosed slot in template: ${template}`);
    const name = rest.slice(open + 1, close);
    const index = SLOT_INDEX.get(name);
    if (index === undefined) throw new Error(`Unknown slot {${name}} in template: ${template}`);
    if (open > 0) parts.push(rest.slice(0, open));
    parts.push(index);
    rest = rest.slice(close + 1);
  }
  if (rest) parts.push(rest);
  return parts;
}

export function fill(compiled: Compiled, values: SlotValues): string {
  let s = "";
  for (let i = 0; i < compiled.length; i++) {
    const p = compiled[i]!;
    s += typeof p === "string" ? p : values[p]!;
  }
  return s;
}

/** Upper bound of a filled template's length, for cheap length budgeting. */
export function literalLength(compiled: Compiled): number {
  let n = 0;
  for (const p of compiled) n += typeof p === "string" ? p.length : 12;
  return n;
}
