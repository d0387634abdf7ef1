import { randomBytes } from "node:crypto";
import { Webhook } from "svix";

/**
 * Signs a delivery the way Svix does, with the `svix` library's own signer,
 * so tests exercise the real verification path.
 */
export type SignedHeaders = {
  "svix-id": string;
  "svix-timestamp": string;
  "svix-signature": string;
};

export interface SignOptions {
  /** svix-id; a fresh `msg_…` id by default. Reuse it to simulate a retry. */
  id?: string;
  /** When the message was signed; now by default. */
  timestamp?: Date;
}

export function newMessageId(): string {
  return `msg_${randomBytes(12).toString("hex")}`;
}

export function signDelivery(body: string, secret: string, opts: SignOptions = {}): SignedHeaders {
  const id = opts.id ?? newMessageId();
  const timestamp = opts.timestamp ?? new Date();
  return {
    "svix-id": id,
    "svix-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "svix-signature": new Webhook(secret).sign(id, timestamp, body),
  };
}

/** The same headers under the Standard Webhooks names (`webhook-*`). */
export function asStandardWebhookHeaders(headers: SignedHeaders): Record<string, string> {
  return {
    "webhook-id": headers["svix-id"],
    "webhook-timestamp": headers["svix-timestamp"],
    "webhook-signature": headers["svix-signature"],
  };
}

/** A fresh random `whsec_` secret. */
export function generateTestSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

/** Where tests address the route handler; the host does not matter to it. */
export const WEBHOOK_URL = "http://localhost:3000/api/webhooks/levers";

export interface WebhookRequestOptions extends SignOptions {
  secret: string;
  /** Replace or drop (undefined) headers after signing. */
  headers?: Record<string, string | undefined>;
  url?: string;
}

/**
 * The `Request` Svix would send: `body` (an object is JSON-encoded, a string
 * is sent as is) signed with `secret`. For tests that call the route handler.
 */
export function signedWebhookRequest(body: unknown, options: WebhookRequestOptions): { request: Request; messageId: string; raw: string } {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const signed = signDelivery(raw, options.secret, options);
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "Svix-Webhooks/1.5", ...signed };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  const request = new Request(options.url ?? WEBHOOK_URL, { method: "POST", headers, body: raw });
  return { request, messageId: signed["svix-id"], raw };
}
