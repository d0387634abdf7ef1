import { Webhook, WebhookVerificationError } from "svix";
import { env } from "@/lib/env";
import { InvalidSignatureError, WebhookNotConfiguredError } from "./errors";

/**
 * Signature checks with the `svix` library (Standard Webhooks: HMAC-SHA256 of
 * `${id}.${timestamp}.${body}`, several `v1,` signatures allowed, ±5 minutes).
 */

export interface VerifiedDelivery {
  messageId: string;
  /** The svix-timestamp / webhook-timestamp header. */
  sentAt: Date;
  /** The body parsed by svix, or `notJson` when it is authentic but not JSON. */
  body: { json: unknown } | { notJson: string };
}

interface SecretCache {
  source: string;
  webhooks: Webhook[];
  problems: string[];
}
let cache: SecretCache | undefined;

/**
 * The verifiers for LEVERS_WEBHOOK_SECRET: one `whsec_…` secret, or several
 * separated by commas while a secret is being rotated. Parsed once per value.
 */
export function webhookVerifiers(source = env.LEVERS_WEBHOOK_SECRET ?? ""): Webhook[] {
  if (cache?.source !== source) {
    const webhooks: Webhook[] = [];
    const problems: string[] = [];
    source
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .forEach((secret, index) => {
        try {
          webhooks.push(new Webhook(secret));
        } catch (error) {
          problems.push(`secret #${index + 1} is not a valid whsec_ secret (${error instanceof Error ? error.message : String(error)})`);
        }
      });
    cache = { source, webhooks, problems };
    for (const problem of problems) console.error(`[webhooks] LEVERS_WEBHOOK_SECRET: ${problem}; it is skipped.`);
  }
  if (!cache.webhooks.length) {
    const reason = source.trim()
      ? "LEVERS_WEBHOOK_SECRET holds no usable secret"
      : env.DEMO_MODE
        ? "LEVERS_WEBHOOK_SECRET is not set (demo mode: start the app with `npm start`, which provides the generated secret)"
        : "LEVERS_WEBHOOK_SECRET is not set";
    throw new WebhookNotConfiguredError(reason);
  }
  return cache.webhooks;
}

function header(headers: Record<string, string>, name: "id" | "timestamp" | "signature"): string | undefined {
  return headers[`svix-${name}`] ?? headers[`webhook-${name}`];
}

/**
 * Verifies a delivery against every configured secret; throws
 * InvalidSignatureError (401) when none matches. `headers` must be a plain
 * object with lower-case names (svix reads it with Object.keys).
 */
export function verifyDelivery(rawBody: string, headers: Record<string, string>, verifiers = webhookVerifiers()): VerifiedDelivery {
  const messageId = header(headers, "id");
  const timestamp = header(headers, "timestamp");
  if (!messageId || !timestamp || !header(headers, "signature")) {
    throw new InvalidSignatureError("Missing svix-id, svix-timestamp or svix-signature header.");
  }

  let reason = "No matching signature.";
  for (const webhook of verifiers) {
    let json: unknown;
    try {
      json = webhook.verify(rawBody, headers);
    } catch (error) {
      // svix parses the body only after the signature matched, so a SyntaxError
      // means "authentic, but not JSON".
      if (error instanceof SyntaxError) return result(messageId, timestamp, { notJson: error.message });
      if (error instanceof WebhookVerificationError) {
        reason = describeFailure(error.message);
        // A stale timestamp or malformed header fails the same way for every secret.
        if (!/No matching signature/i.test(error.message)) break;
        continue;
      }
      throw error;
    }
    return result(messageId, timestamp, { json });
  }
  throw new InvalidSignatureError(reason);
}

function result(messageId: string, timestamp: string, body: VerifiedDelivery["body"]): VerifiedDelivery {
  return { messageId, sentAt: new Date(Number.parseInt(timestamp, 10) * 1000), body };
}

function describeFailure(message: string): string {
  if (/too old/i.test(message)) return "Timestamp too old (more than 5 minutes).";
  if (/too new/i.test(message)) return "Timestamp too far in the future (more than 5 minutes).";
  if (/No matching signature/i.test(message)) return "No matching signature.";
  if (/Invalid Signature Headers/i.test(message)) return "Invalid svix-timestamp header.";
  return message;
}
