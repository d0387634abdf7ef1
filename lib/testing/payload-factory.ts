import { randomUUID } from "node:crypto";
import type { PhoneCallEndedPayload } from "../ingest/payload-schema";

/**
 * A valid `phone_call.ended` payload with a fresh providerCallId, so a test
 * states only the fields it cares about: `buildPayload({ callOutput: "WRONG NUMBER" })`.
 */
export function buildPayload(overrides: Partial<PhoneCallEndedPayload> = {}): PhoneCallEndedPayload {
  const providerCallId = randomUUID();
  return {
    providerCallId,
    numberFrom: "+15074106928",
    numberTo: `+9715854${String(Math.floor(Math.random() * 100_000)).padStart(5, "0")}`,
    providerStatus: "pass",
    deliveryStatus: "pass",
    duration: 53,
    summary: "The contact agreed to pay the outstanding balance on Friday.",
    endedReason: "customer-ended-call",
    callOutput: "PAYMENT PROMISE",
    callOutputReasoning: "The contact committed to a specific date and amount.",
    sentimentOutput: "POSITIVE",
    sentimentOutputReasoning: "Cooperative and calm throughout the conversation.",
    transcription: [
      "AI: Hello, this is Ava calling from Acme Collections about your account.",
      "User: Hi, yes, I know. I can pay the balance on Friday.",
      "AI: Thank you. I have noted a payment promise for Friday.",
    ].join("\n"),
    recordingUrl: `levers-test-bucket:livekit-egress/${providerCallId}/${randomUUID()}/recording_1768238221.mp3`,
    metadata: { requestMetadata: { project_id: "proj_123", extra_id: `custom_${providerCallId.slice(0, 8)}` } },
    ...overrides,
  };
}

/** The envelope shape Levers' verification docs show: `{ type, data }`. */
export function envelope(data: unknown, type = "phone_call.ended"): { type: string; data: unknown } {
  return { type, data };
}
