import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { GeneratedCall } from "./generate";

/**
 * Bulk loading of generated calls with PostgreSQL `COPY … FROM STDIN` (text
 * format): the demo seed and the benchmark's million-row load share it.
 * `project_id` and `search_vector` are generated columns and never written.
 */

export const CALL_COPY_COLUMNS = [
  "id",
  "provider_call_id",
  "number_from",
  "number_to",
  "provider_status",
  "delivery_status",
  "duration",
  "summary",
  "ended_reason",
  "call_output",
  "call_output_reasoning",
  "sentiment_output",
  "sentiment_output_reasoning",
  "transcription",
  "recording_url",
  "metadata",
  "request_metadata",
  "delivered_at",
  "received_at",
  "updated_at",
] as const;

const SPECIAL = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** One field in COPY text format: `\N` for null, backslash escapes for the four special characters. */
export function copyField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "number") return String(value);
  if (!SPECIAL.test(value)) return value;
  // Transcripts' only special character is the newline: one replaceAll is the cheap common case.
  if (!value.includes("\\") && !value.includes("\r") && !value.includes("\t")) return value.replaceAll("\n", "\\n");
  return value.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]!);
}

/** The COPY line (with its newline) for a call, in CALL_COPY_COLUMNS order. */
export function callCopyLine(call: GeneratedCall): string {
  const p = call.payload;
  const received = call.receivedAt.toISOString();
  return (
    `${call.id}\t${copyField(p.providerCallId)}\t${copyField(p.numberFrom)}\t${copyField(p.numberTo)}\t` +
    `${copyField(p.providerStatus)}\t${copyField(p.deliveryStatus)}\t${p.duration}\t${copyField(p.summary)}\t` +
    `${copyField(p.endedReason)}\t${copyField(p.callOutput)}\t${copyField(p.callOutputReasoning)}\t` +
    `${copyField(p.sentimentOutput)}\t${copyField(p.sentimentOutputReasoning)}\t${copyField(p.transcription)}\t` +
    `${copyField(p.recordingUrl)}\t${copyField(JSON.stringify(p.metadata))}\t` +
    `${copyField(JSON.stringify(p.metadata.requestMetadata))}\t${call.sentAt.toISOString()}\t${received}\t${received}\n`
  );
}

/**
 * Streams COPY lines into `table (columns)` on one connection, in chunks of
 * about 1 MB with back-pressure, so memory stays flat for millions of rows.
 * Returns the number of rows PostgreSQL reports.
 */
export async function copyLines(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  lines: Iterable<string>,
): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN`));
  function* chunks(): Generator<string> {
    let buffer = "";
    for (const line of lines) {
      buffer += line;
      if (buffer.length >= 1 << 20) {
        yield buffer;
        buffer = "";
      }
    }
    if (buffer) yield buffer;
  }
  await pipeline(Readable.from(chunks(), { objectMode: false }), stream);
  return stream.rowCount;
}
