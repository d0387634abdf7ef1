import { BodyTooLargeError, UnreadableBodyError } from "./errors";

/** Svix payloads are small; a 4 MiB transcript must still fit. Anything larger is refused. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Reads the request body as text, refusing more than `limit` bytes: first by
 * the declared Content-Length (without reading anything), then by counting
 * what actually arrives, so a lying or absent Content-Length cannot make us
 * buffer an unbounded body.
 */
export async function readBodyCapped(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) {
    await request.body?.cancel().catch(() => {});
    throw new BodyTooLargeError(limit);
  }
  if (!request.body) return "";

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => {});
        throw new BodyTooLargeError(limit);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw error;
    throw new UnreadableBodyError(error);
  } finally {
    reader.releaseLock();
  }
  // ignoreBOM keeps a leading BOM: the signature covers exactly what was sent.
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(concat(chunks, total));
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
