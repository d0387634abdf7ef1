/**
 * The review queue's random sample is deterministic: a call is in it when its
 * bucket (0-9999, from the last 32 bits of its id, random in every uuid
 * version) is below the rate in basis points. Stable across page loads,
 * cheap (no random(), no table), and uniform per portfolio and week. The SQL
 * function qa_sample_bucket (migration 20261202070000_qa) computes the same.
 */
export function sampleBucket(callId: string): number {
  const last = callId.replace(/-/g, "").slice(-8);
  return (Number.parseInt(last, 16) & 0x7fffffff) % 10_000;
}

/** A percentage (0-100, decimals allowed) as the bucket threshold. */
export function rateToBuckets(percent: number): number {
  return Math.round(Math.min(100, Math.max(0, percent)) * 100);
}

export function isSampled(callId: string, percent: number): boolean {
  return sampleBucket(callId) < rateToBuckets(percent);
}
