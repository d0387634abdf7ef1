import { parse } from "csv-parse/sync";

/**
 * The rows of a CSV file as the app serves it (an optional UTF-8 BOM, RFC 4180
 * quoting, CRLF), read with csv-parse: tests read the exports with a parser
 * independent of the csv-stringify that writes them.
 */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: false }) as string[][];
}
