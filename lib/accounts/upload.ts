import "server-only";
import { Readable, Transform } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { recordAudit } from "@/lib/auth/audit";
import { requireRole } from "@/lib/auth/guard";
import { getPrisma } from "@/lib/db/client";
import { AppError, BadRequestError } from "@/lib/http/errors";
import { type ImportSummary, importCalls } from "./import";

/**
 * The admin upload of call history (/admin/import → POST /api/admin/import):
 * the request body IS the JSONL file, streamed line by line into importCalls
 * (lib/accounts/import.ts), never held whole in memory. Same rules as `npm
 * run calls:import`: each line is stored whole or not at all, bad lines are
 * reported by number and skipped, a re-upload is idempotent on providerCallId.
 * The route is outside proxy.ts's matcher: Next.js buffers (and cuts at
 * 10 MB) the body of any request the proxy sees.
 */
export const UPLOAD_MAX_BYTES = 1024 * 1024 * 1024;

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(413, "payload_too_large", message);
  }
}

/** Counts bytes as they pass and fails the stream past the limit (a body without, or lying about, its Content-Length). */
function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(new PayloadTooLargeError(`The file is larger than ${limit / 1024 / 1024} MiB.`));
      else done(null, chunk);
    },
  });
}

export async function importUpload(
  body: ReadableStream<Uint8Array> | null,
  contentLength: string | null,
  limit = UPLOAD_MAX_BYTES,
): Promise<ImportSummary> {
  const viewer = await requireRole("admin");
  if (!body) throw new BadRequestError("The request body must be the JSONL file (one phone_call.ended payload per line, plus receivedAt).");
  const declared = contentLength === null ? null : Number(contentLength);
  if (declared !== null && Number.isFinite(declared) && declared > limit)
    throw new PayloadTooLargeError(`The file is larger than ${limit / 1024 / 1024} MiB. Split it, or use npm run calls:import.`);
  const stream = Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>).pipe(byteLimit(limit));
  const summary = await importCalls(getPrisma(), stream);
  await recordAudit({
    actorId: viewer.id,
    action: "calls.import",
    target: "calls",
    details: { lines: summary.lines, imported: summary.imported, alreadyKnown: summary.alreadyKnown, invalid: summary.invalid },
  });
  return summary;
}
