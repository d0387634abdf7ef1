/**
 * The one CSV writer for every download (the calls export, the analytics
 * charts). RFC 4180 with CRLF row ends, plus two rules for spreadsheet apps:
 *
 * - A field is quoted when it holds a quote, the delimiter, CR or LF, ANY of
 *   them alone: a bare "\n" left unquoted ends the row in every reader, so a
 *   summary "\n=1+1" would start a new row with a live formula.
 * - Every text cell that a spreadsheet would run as a formula (a start of
 *   `=`, `+`, `-`, `@`, TAB or CR) gets a leading apostrophe. Text reaches
 *   these files from callers' words (summaries, reasoning) and from webhook
 *   payloads (outcomes, project names), so no column is exempt. Plain
 *   numbers and phone numbers (+15074106928, -3, 0.25) are data and stay as
 *   they are: they hold no function call or cell reference.
 */
export type CsvValue = string | number | boolean | null | undefined;

export const CSV_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d[\d\s().-]*$/;

export function neutraliseFormula(value: string): string {
  if (!FORMULA_START.test(value)) return value;
  if ((value[0] === "+" || value[0] === "-") && PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = neutraliseFormula(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV text, each ended by CRLF. */
export function csvRows(rows: readonly (readonly CsvValue[])[]): string {
  let out = "";
  for (const row of rows) out += `${row.map(csvCell).join(",")}\r\n`;
  return out;
}
