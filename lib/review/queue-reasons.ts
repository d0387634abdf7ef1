/** Why a call is in the review queue. Plain data: client components import it too. */
export const QUEUE_REASONS = ["sample", "compliance_flag", "low_confidence_promise", "negative_payment"] as const;
export type QueueReason = (typeof QUEUE_REASONS)[number];
export const QUEUE_REASON_LABELS: Record<QueueReason, string> = {
  sample: "Random sample",
  compliance_flag: "Compliance flag",
  low_confidence_promise: "Low-confidence promise",
  negative_payment: "Negative sentiment, payment outcome",
};
