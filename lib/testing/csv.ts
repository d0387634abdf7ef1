import { parse } from "csv-parse/sync";

/**
 * The rows of a CSV file as the app serves it (an optional UTF-8 BOM, RFC 4180
 * quoting, CRLF), read with csv-parse: tests read the exports with a parser
 * independent of the writer. Like a spreadsheet app, it ends a row at an
 * unquoted CR or LF as well as CRLF, so a bare line break the writer forgot to
 * quote shows up as a broken row instead of being read as data.
 */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: false, record_delimiter: ["\r\n", "\n", "\r"] }) as string[][];
}
