import type { AccountCallInput } from "./input";

/**
 * Stored-call fixtures for the accounts unit tests: a complete
 * AccountCallInput with a connected right-party conversation by default, so
 * each test states only what matters to it.
 */
let counter = 0;

export function storedCall(overrides: Partial<AccountCallInput> & { at?: string } = {}): AccountCallInput {
  counter += 1;
  const { at, ...rest } = overrides;
  const sent = new Date(at ?? "2026-03-02T15:00:00Z");
  const id = rest.providerCallId ?? `call-${String(counter).padStart(4, "0")}`;
  return {
    id: `id-${id}`,
    providerCallId: id,
    numberTo: "+13125550100",
    providerStatus: "pass",
    deliveryStatus: "pass",
    duration: 0,
    endedReason: "customer-ended-call",
    callOutput: "NOT INTERESTED",
    transcription: "AI: Hello, is this Sam?\nUser: Yes, speaking.",
    requestMetadata: { account_id: "A1", project_id: "proj_1" },
    deliveredAt: sent,
    receivedAt: sent,
    firstSentAt: sent,
    timeZone: "America/Chicago",
    ...rest,
  };
}
