import { BadRequestError, PayloadTooLargeError } from "@/lib/http/errors";

/** A small JSON request body, or a 400/413 that says what is wrong (never a 500). */
export async function readJsonBody(request: Request, maxBytes = 64 * 1024): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.length > maxBytes) throw new PayloadTooLargeError();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequestError("The request body must be JSON.");
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new BadRequestError("The request body must be a JSON object.");
  return value as Record<string, unknown>;
}
