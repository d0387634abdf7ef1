import { BadRequestError, PayloadTooLargeError } from "@/lib/http/errors";

/** Notes are at most 10,000 characters (≤ 40 KB in UTF-8); edits are tiny. */
export const MAX_JSON_BYTES = 64 * 1024;

/** The request's JSON body, or a clear 400 / 413 (never a 500). */
export async function readJsonBody(request: Request, limit = MAX_JSON_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new PayloadTooLargeError(`The request body is over ${limit / 1024} KB.`);
  const text = await request.text().catch(() => {
    throw new BadRequestError("The request body could not be read.");
  });
  if (new TextEncoder().encode(text).byteLength > limit) throw new PayloadTooLargeError(`The request body is over ${limit / 1024} KB.`);
  if (!text.trim()) throw new BadRequestError("Send a JSON object in the request body.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequestError("The request body is not valid JSON.");
  }
}
