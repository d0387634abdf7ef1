import "server-only";
import { classifyDelivery } from "./classify";
import { errorResponse, IngestError, type IngestOutcome, outcomeResponse } from "./errors";
import { readBodyCapped } from "./read-body";
import { ingestDelivery } from "./store";
import { verifyDelivery, webhookVerifiers } from "./verify";

/**
 * POST /api/webhooks/levers, start to end: configured? → body (≤ 5 MiB) →
 * signature → classification → one transaction → answer. Every path ends in
 * a deliberate status code (see errors.ts); none is a 500.
 */
export async function handleLeversWebhook(request: Request): Promise<Response> {
  let messageId: string | undefined;
  try {
    const verifiers = webhookVerifiers();
    const rawBody = await readBodyCapped(request);
    const headers = Object.fromEntries(request.headers) as Record<string, string>;
    const verified = verifyDelivery(rawBody, headers, verifiers);
    messageId = verified.messageId;
    const classified = classifyDelivery(verified.body);
    const outcome = await ingestDelivery(
      { messageId: verified.messageId, sentAt: verified.sentAt, headers: keptHeaders(headers), rawBody },
      classified,
    );
    logOutcome(outcome, messageId);
    return outcomeResponse(outcome);
  } catch (error) {
    logRefusal(error, messageId);
    return errorResponse(error);
  }
}

const KEPT_HEADERS = /^(svix-|webhook-|content-type$|content-length$|user-agent$)/;

/** What the inbox keeps of the request headers: enough to audit and re-verify a delivery, no cookies or proxies' extras. */
function keptHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => KEPT_HEADERS.test(name)));
}

function logOutcome(outcome: IngestOutcome, messageId: string) {
  if (outcome.status === "invalid") {
    console.warn(`[webhooks] ${messageId}: kept as invalid (${outcome.error.message})`);
  }
}

function logRefusal(error: unknown, messageId: string | undefined) {
  if (!(error instanceof IngestError)) return; // errorResponse logs the unexpected ones
  const who = messageId ?? "delivery";
  if (error.status === 503) {
    const reason =
      "reason" in error ? String((error as { reason: unknown }).reason) : error.cause instanceof Error ? error.cause.message : "";
    console.error(`[webhooks] ${who}: ${error.message}${reason ? ` (${reason})` : ""}`);
  } else {
    console.warn(`[webhooks] ${who}: refused with ${error.status} (${error.message})`);
  }
}
