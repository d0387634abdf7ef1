/**
 * Everything the webhook endpoint can answer, in one place: typed errors for
 * deliveries refused before anything is stored, outcomes for deliveries that
 * reached the inbox, and the one mapping of both to HTTP. The rule behind the
 * codes: 2xx only after a durable commit; 5xx (always 503) only when a retry by
 * the sender can succeed; never a 500.
 */

export type DeliveryStatus = "received" | "processed" | "ignored" | "invalid" | "failed";

export interface FieldIssue {
  /** Dotted path into the body, e.g. "data.numberTo" or "(root)". */
  path: string;
  message: string;
}

/** What is stored in webhook_deliveries.error. */
export interface DeliveryError {
  kind: "not_json" | "validation" | "processing";
  message: string;
  issues?: FieldIssue[];
}

export class IngestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class BodyTooLargeError extends IngestError {
  constructor(limit: number) {
    super(413, "payload_too_large", `The body is larger than ${Math.round(limit / 1024 / 1024)} MiB.`);
  }
}

export class UnreadableBodyError extends IngestError {
  constructor(cause: unknown) {
    super(400, "unreadable_body", "The request body could not be read.", {}, { cause });
  }
}

export class WebhookNotConfiguredError extends IngestError {
  constructor(readonly reason: string) {
    super(503, "not_configured", "Webhook ingestion is not configured on this server.", { "Retry-After": "60" });
  }
}

export class InvalidSignatureError extends IngestError {
  constructor(reason: string) {
    super(401, "invalid_signature", reason);
  }
}

export class DatabaseUnavailableError extends IngestError {
  constructor(cause?: unknown, message = "The database is unavailable; the delivery was not stored. Retry later.") {
    super(503, "database_unavailable", message, { "Retry-After": "5" }, { cause });
  }
}

export type IngestOutcome =
  | { status: "processed"; deliveryId: string; callId: string; providerCallId: string; op: "insert" | "update" }
  | { status: "duplicate"; deliveryId: string; callId: string | null }
  | { status: "ignored"; deliveryId: string; eventType: string }
  | { status: "invalid"; deliveryId: string; error: DeliveryError }
  | { status: "failed"; deliveryId: string; error: DeliveryError };

const NO_STORE = { "Cache-Control": "no-store" };

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

/** HTTP for a delivery that reached the inbox. */
export function outcomeResponse(outcome: IngestOutcome): Response {
  switch (outcome.status) {
    case "processed":
    case "duplicate":
    case "ignored":
      return json(outcome, 200);
    case "invalid": {
      const { error } = outcome;
      const body = {
        status: "invalid",
        deliveryId: outcome.deliveryId,
        error: error.kind === "not_json" ? "not_json" : "validation_failed",
        message: error.message,
        ...(error.issues ? { issues: error.issues } : {}),
      };
      return json(body, error.kind === "not_json" ? 400 : 422);
    }
    case "failed":
      // Kept in the inbox as `failed` for `npm run webhooks:replay`: a retry by
      // the sender would hit the same fault, so acknowledge instead.
      return json({ status: "failed", deliveryId: outcome.deliveryId, message: outcome.error.message }, 202);
  }
}

/** HTTP for a delivery refused before (or without) reaching the inbox. */
export function errorResponse(error: unknown): Response {
  if (error instanceof IngestError) {
    return json({ error: error.code, message: error.message }, error.status, error.headers);
  }
  if (isDatabaseUnavailable(error)) return errorResponse(new DatabaseUnavailableError(error));
  // A bug of ours. 503 rather than 500 so the sender retries: nothing is lost.
  console.error("[webhooks] unexpected error; answering 503 so the sender retries:", error);
  return json({ error: "unavailable", message: "The delivery could not be handled right now. Retry later." }, 503, { "Retry-After": "30" });
}

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up / shutting down)
  "57014", // query_canceled (statement timeout)
  "55P03", // lock_not_available
  "40001", // serialization_failure
  "40P01", // deadlock_detected
]);
// Connection exceptions (08), insufficient resources (53: disk full, out of
// memory, too many connections) and system errors (58: I/O).
const UNAVAILABLE_CLASSES = ["08", "53", "58"];
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection error|Query read timeout|not queryable|timeout exceeded when trying to connect|Cannot use a pool after calling end|ECONNREFUSED|the database system is/i;

/** True when a retry later can succeed: the database is down, restarting, overloaded or the connection broke. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof e.code === "string") {
      if (UNAVAILABLE_CODES.has(e.code)) return true;
      if (e.code.length === 5 && UNAVAILABLE_CLASSES.includes(e.code.slice(0, 2))) return true;
    }
    if (typeof e.message === "string" && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    // AggregateError from a connect to several addresses (IPv4 + IPv6).
    if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = e.cause;
  }
  return false;
}

/** Transaction conflicts worth retrying at once, before giving up with 503. */
export function isRetryableConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "40001" || code === "40P01";
}
