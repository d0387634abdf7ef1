import { isDatabaseUnavailable } from "@/lib/db/errors";
import { AppError, errorResponse as appErrorResponse } from "@/lib/http/errors";

/**
 * Everything the webhook endpoint can answer, in one place: typed errors for
 * deliveries refused before anything is stored, outcomes for deliveries that
 * reached the inbox, and their HTTP answers. The rule behind the
 * codes: 2xx only after a durable commit; 5xx (always 503) only when a retry by
 * the sender can succeed; never a 500.
 */

export const DELIVERY_STATUSES = ["received", "processed", "ignored", "invalid", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

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

/** A refusal of the webhook endpoint: an AppError, so the one HTTP mapping (lib/http/errors.ts) answers it. */
export class IngestError extends AppError {
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}, options?: { cause?: unknown }) {
    super(status, code, message, { headers, cause: options?.cause });
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

function json(body: unknown, status: number): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
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

/**
 * HTTP for a delivery refused before (or without) reaching the inbox: the
 * app's mapping, except that an unexpected error (a bug of ours) answers 503,
 * not 500, so the sender retries and nothing is lost.
 */
export function errorResponse(error: unknown): Response {
  if (!(error instanceof AppError) && isDatabaseUnavailable(error)) return appErrorResponse(new DatabaseUnavailableError(error));
  return appErrorResponse(error, { unexpected: UNEXPECTED });
}

const UNEXPECTED = new IngestError(503, "unavailable", "The delivery could not be handled right now. Retry later.", {
  "Retry-After": "30",
});
