import type { Call } from "@/lib/db/generated/client";

/**
 * What the accounts core reads of a stored call: a Pick of Prisma's `Call`,
 * so the worker can pass rows straight in, plus two facts the `calls` row
 * does not hold and the integration must supply:
 * - `firstSentAt`: the earliest delivery's `svix-timestamp` (min of
 *   `webhook_deliveries.sent_at`). `deliveredAt` is the delivery that last
 *   *changed* the call, so it drifts later on retries; it is only a fallback.
 * - `timeZone`: the contact's IANA zone (from the number's exchange, or the
 *   account's address) when known; otherwise the settings' default is used.
 */
export type StoredCallFields = Pick<
  Call,
  | "id"
  | "providerCallId"
  | "numberTo"
  | "providerStatus"
  | "deliveryStatus"
  | "duration"
  | "endedReason"
  | "callOutput"
  | "transcription"
  | "requestMetadata"
  | "deliveredAt"
  | "receivedAt"
>;

export type AccountCallInput = StoredCallFields & {
  firstSentAt?: Date | null;
  timeZone?: string | null;
};

export type Confidence = "high" | "medium" | "low";

/** Where in a call something was said: the speaker turn (lib/calls/transcript.ts index) and a character span in that turn's text. */
export interface Evidence {
  turn: number;
  start: number;
  end: number;
  /** The spanned text, so a reviewer sees it without re-parsing. */
  text: string;
}
