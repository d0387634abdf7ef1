import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import type { PrismaClient } from "@/lib/db/generated/client";
import { classifyDelivery } from "@/lib/ingest/classify";
import type { PhoneCallEnded } from "@/lib/ingest/payload-schema";
import { pgJson, pgText } from "@/lib/ingest/pg-safe";

/**
 * History import: one `phone_call.ended` payload per line plus `receivedAt`
 * (ISO 8601). The file is streamed line by line (memory stays flat whatever
 * its size); each line is validated with the webhook's own classifier and
 * stored as a webhook delivery would be: an inbox row (status processed,
 * message id `import:<sha256 of the line>`) and the call, both in one
 * statement per batch, so a line is stored whole or not at all. Idempotent on
 * providerCallId: a call already stored (by a webhook or an earlier import)
 * is left as it is. The calls' trigger queues their derivation like any
 * webhook's.
 *
 * Why not lib/ingest/store.ts's ingestDelivery: it stamps received_at with
 * now(); history needs the line's receivedAt (on the call and the inbox row).
 * What it would need: a `receivedAt` on IncomingDelivery, passed to
 * INSERT_NEW_CALLS/INSERT_CALL in place of now().
 */

// Small enough that what the Prisma runtime keeps of recent statements' parameters (it plateaus after ~100 statements) stays
// ~100 MB whatever the file size: at 500 lines a batch the import process grew past 1 GB.
export const IMPORT_BATCH_SIZE = 100;
/** Bad lines kept with their reason; past this only counted (memory stays flat on a file of garbage). */
export const MAX_REPORTED_ERRORS = 1000;
/** A payload line longer than the webhook's body limit is refused like the webhook would. */
export const MAX_LINE_CHARS = 5 * 1024 * 1024;

export interface ImportLineError {
  line: number;
  message: string;
}

export interface ImportSummary {
  lines: number;
  imported: number;
  /** Valid lines whose call (providerCallId) was already stored. */
  alreadyKnown: number;
  invalid: number;
  errors: ImportLineError[];
  seconds: number;
}

interface ValidLine {
  line: number;
  messageId: string;
  rawBody: string;
  call: PhoneCallEnded;
  receivedAt: Date;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export type ParsedLine = { ok: true; value: Omit<ValidLine, "line"> } | { ok: false; message: string } | { ok: "blank" };

/** One line → a storable call, or why not. Pure. */
export function parseImportLine(text: string): ParsedLine {
  const trimmed = text.trim();
  if (!trimmed) return { ok: "blank" };
  if (trimmed.length > MAX_LINE_CHARS) return { ok: false, message: `the line is longer than ${MAX_LINE_CHARS} characters` };
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch (error) {
    return { ok: false, message: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) return { ok: false, message: "must be a JSON object" };
  const { receivedAt, ...payload } = json as Record<string, unknown>;
  if (typeof receivedAt !== "string" || !ISO_8601.test(receivedAt) || Number.isNaN(Date.parse(receivedAt))) {
    return { ok: false, message: "receivedAt: must be an ISO 8601 date-time with a zone, e.g. 2026-03-02T15:04:05Z" };
  }
  const received = new Date(receivedAt);
  if (received.getTime() > Date.now() + 5 * 60_000) return { ok: false, message: "receivedAt: must not be in the future" };
  const classified = classifyDelivery({ json: payload });
  if (classified.kind === "invalid") return { ok: false, message: classified.error.message };
  if (classified.kind === "ignored")
    return { ok: false, message: `type: only phone_call.ended can be imported, not "${classified.eventType}"` };
  const rawBody = JSON.stringify(payload);
  return {
    ok: true,
    value: {
      messageId: `import:${createHash("sha256").update(trimmed).digest("hex")}`,
      // JSON.stringify escapes U+0000, so the body is always storable text.
      rawBody,
      call: classified.call,
      receivedAt: received,
    },
  };
}

/** Stores a batch in one statement: per line the call and its inbox row, or neither. Returns how many calls were new. */
async function storeBatch(prisma: PrismaClient, batch: ValidLine[]): Promise<number> {
  // One line per call within a batch (a statement cannot insert a key twice); the first wins, as a re-import would.
  const seen = new Set<string>();
  const rows = batch.filter((l) => {
    const id = pgText(l.call.providerCallId);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  rows.sort((a, b) => (a.call.providerCallId < b.call.providerCallId ? -1 : 1));
  const col = <T>(f: (l: ValidLine) => T) => rows.map(f);
  const c = (l: ValidLine) => l.call;
  const jsonOrNull = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(pgJson(v)));
  const result = await prisma.$queryRaw<{ n: number }[]>`
    WITH input AS (
      SELECT * FROM unnest(
        ${col((l) => pgText(c(l).providerCallId))}::text[], ${col((l) => pgText(c(l).numberFrom))}::text[], ${col((l) => pgText(c(l).numberTo))}::text[],
        ${col((l) => c(l).duration)}::int[], ${col((l) => pgText(c(l).providerStatus))}::text[], ${col((l) => pgText(c(l).deliveryStatus))}::text[],
        ${col((l) => pgText(c(l).summary))}::text[], ${col((l) => pgText(c(l).endedReason))}::text[], ${col((l) => pgText(c(l).callOutput))}::text[],
        ${col((l) => pgText(c(l).callOutputReasoning))}::text[], ${col((l) => pgText(c(l).sentimentOutput))}::text[],
        ${col((l) => pgText(c(l).sentimentOutputReasoning))}::text[], ${col((l) => pgText(c(l).transcription))}::text[],
        ${col((l) => pgText(c(l).recordingUrl))}::text[], ${col((l) => jsonOrNull(c(l).metadata))}::jsonb[],
        ${col((l) => jsonOrNull(c(l).metadata?.requestMetadata))}::jsonb[], ${col((l) => l.receivedAt)}::timestamptz[],
        ${col((l) => l.messageId)}::text[], ${col((l) => l.rawBody)}::text[]
      ) AS i(provider_call_id, number_from, number_to, duration, provider_status, delivery_status, summary, ended_reason, call_output,
             call_output_reasoning, sentiment_output, sentiment_output_reasoning, transcription, recording_url, metadata, request_metadata,
             received_at, message_id, raw_body)
    ),
    stored AS (
      INSERT INTO calls (provider_call_id, number_from, number_to, duration, provider_status, delivery_status, summary, ended_reason, call_output,
                         call_output_reasoning, sentiment_output, sentiment_output_reasoning, transcription, recording_url, metadata,
                         request_metadata, delivered_at, received_at, updated_at)
      SELECT provider_call_id, number_from, number_to, duration, provider_status, delivery_status, summary, ended_reason, call_output,
             call_output_reasoning, sentiment_output, sentiment_output_reasoning, transcription, recording_url, COALESCE(metadata, '{}'),
             COALESCE(request_metadata, '{}'), received_at, received_at, now()
        FROM input
       WHERE NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.message_id = input.message_id)
      ON CONFLICT (provider_call_id) DO NOTHING
      RETURNING id, provider_call_id
    ),
    kept AS (
      INSERT INTO webhook_deliveries (message_id, event_type, status, headers, raw_body, provider_call_id, sent_at, received_at, processed_at, call_id)
      SELECT i.message_id, 'phone_call.ended', 'processed', '{"source":"import"}'::jsonb, i.raw_body, s.provider_call_id, i.received_at,
             i.received_at, now(), s.id
        FROM stored s JOIN input i ON i.provider_call_id = s.provider_call_id
      ON CONFLICT (message_id) DO NOTHING
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM stored)::int AS n, (SELECT count(*) FROM kept)::int AS k`;
  return result[0]?.n ?? 0;
}

export interface ImportOptions {
  batchSize?: number;
  onProgress?: (summary: ImportSummary) => void;
}

/**
 * Lines of a stream, read with real backpressure: the next chunk is read only
 * when the consumer asks (readline's async iterator keeps reading while the
 * consumer awaits a database batch, and buffered a whole 54 MB file).
 */
async function* readLines(stream: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  for await (const chunk of stream) {
    rest += typeof chunk === "string" ? chunk : decoder.write(chunk as Buffer);
    let start = 0;
    for (let nl = rest.indexOf("\n"); nl !== -1; nl = rest.indexOf("\n", start)) {
      yield rest.slice(start, nl).replace(/\r$/, "");
      start = nl + 1;
    }
    rest = rest.slice(start);
  }
  rest += decoder.end();
  if (rest) yield rest.replace(/\r$/, "");
}

/** Imports a JSONL stream. Bad lines are reported by number (1-based) and skipped; the others are stored. */
export async function importCalls(prisma: PrismaClient, input: Readable | string, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const stream = typeof input === "string" ? createReadStream(input, { encoding: "utf8" }) : input;
  const summary: ImportSummary = { lines: 0, imported: 0, alreadyKnown: 0, invalid: 0, errors: [], seconds: 0 };
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  let batch: ValidLine[] = [];
  // One batch is stored while the next is parsed: parsing (JSON, validation, hashing) is Node's CPU and
  // the insert is PostgreSQL's, so on two cores they overlap instead of taking turns. At most one
  // statement in flight keeps memory at two batches.
  let storing: Promise<void> = Promise.resolve();
  const flush = async () => {
    await storing;
    if (!batch.length) return;
    const lines = batch;
    batch = [];
    storing = storeBatch(prisma, lines).then((stored) => {
      summary.imported += stored;
      summary.alreadyKnown += lines.length - stored;
      options.onProgress?.(summary);
    });
    // A failed statement surfaces at the next flush (or the final one), not as an unhandled rejection.
    storing.catch(() => {});
  };
  for await (const text of readLines(stream)) {
    summary.lines += 1;
    const parsed = parseImportLine(text);
    if (parsed.ok === "blank") continue;
    if (parsed.ok === false) {
      summary.invalid += 1;
      if (summary.errors.length < MAX_REPORTED_ERRORS) summary.errors.push({ line: summary.lines, message: parsed.message });
      continue;
    }
    batch.push({ line: summary.lines, ...parsed.value });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  await storing;
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
