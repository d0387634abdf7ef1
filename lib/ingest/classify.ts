import type { z } from "zod";
import type { DeliveryError, FieldIssue } from "./errors";
import { deliveryBoundsIssue, PHONE_CALL_ENDED, type PhoneCallEnded, phoneCallEndedSchema } from "./payload-schema";

/**
 * What an authentic delivery is: a call to store, an event type we do not
 * handle (acknowledged and kept), or a body we cannot accept (kept as invalid
 * with every reason). Pure: used by the route and by replay alike.
 *
 * Levers' docs show two shapes, so both are accepted: the call fields at the
 * top level, and an envelope `{ "type": "phone_call.ended", "data": { … } }`.
 */
export type Classified =
  | { kind: "call"; eventType: string; call: PhoneCallEnded }
  | { kind: "ignored"; eventType: string }
  | { kind: "invalid"; eventType: string | null; providerCallId: string | null; error: DeliveryError };

export type ParsedBody = { json: unknown } | { notJson: string };

/** Parses a stored raw body the way svix does (JSON.parse), for replay. */
export function parseRawBody(rawBody: string): ParsedBody {
  try {
    return { json: JSON.parse(rawBody) as unknown };
  } catch (error) {
    return { notJson: error instanceof Error ? error.message : String(error) };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function classifyDelivery(body: ParsedBody): Classified {
  if ("notJson" in body) {
    return {
      kind: "invalid",
      eventType: null,
      providerCallId: null,
      error: { kind: "not_json", message: `The body is not valid JSON (${body.notJson}).` },
    };
  }
  const root = body.json;
  if (!isObject(root)) {
    return invalid(null, null, [{ path: "(root)", message: "must be a JSON object" }]);
  }
  const unbounded = deliveryBoundsIssue(root);
  if (unbounded) return invalid(typeof root.type === "string" ? root.type : null, stringOrNull(root.providerCallId), [unbounded]);

  const type = root.type;
  if (type !== undefined && type !== null && typeof type !== "string") {
    return invalid(null, stringOrNull(root.providerCallId), [{ path: "type", message: "must be a string" }]);
  }
  if (typeof type === "string" && type !== PHONE_CALL_ENDED) return { kind: "ignored", eventType: type };

  // An envelope has `data` and no call fields of its own.
  const enveloped = "data" in root && !("providerCallId" in root);
  const fields = enveloped ? root.data : root;
  const prefix = enveloped ? ["data"] : [];
  const eventType = PHONE_CALL_ENDED;

  const parsed = phoneCallEndedSchema.safeParse(fields);
  if (!parsed.success) {
    const providerCallId = isObject(fields) ? stringOrNull(fields.providerCallId) : null;
    return invalid(eventType, providerCallId, toIssues(parsed.error, prefix));
  }
  return { kind: "call", eventType, call: parsed.data };
}

function invalid(eventType: string | null, providerCallId: string | null, issues: FieldIssue[]): Classified {
  const summary = issues
    .slice(0, 5)
    .map((i) => `${i.path}: ${i.message}`)
    .join("; ");
  return {
    kind: "invalid",
    eventType,
    providerCallId,
    error: {
      kind: "validation",
      message: `The payload is not a valid ${PHONE_CALL_ENDED} event: ${summary}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ""}.`,
      issues,
    },
  };
}

function toIssues(error: z.ZodError, prefix: string[]): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map(String)].join(".") || "(root)",
    message: issue.message,
  }));
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value.trim().slice(0, 200) : null;
}
