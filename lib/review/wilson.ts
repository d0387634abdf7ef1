/**
 * The Wilson score interval for a proportion (k successes in n trials): unlike
 * the normal approximation it stays inside [0, 1] and is honest for small n
 * and for rates near 0 or 1, so "12 of 12 agree" reads as 76–100 %, not 100 %.
 * Plain math: safe to import anywhere.
 */

/** The two-sided 95 % normal quantile. */
export const Z95 = 1.959963984540054;

export interface Proportion {
  /** Successes (e.g. verdicts agreeing with the AI). */
  k: number;
  /** Sample size. */
  n: number;
  /** k / n; null when n = 0. */
  rate: number | null;
  /** 95 % Wilson interval; null when n = 0. */
  low: number | null;
  high: number | null;
}

export function wilsonInterval(k: number, n: number, z: number = Z95): { low: number; high: number } | null {
  if (!Number.isFinite(k) || !Number.isFinite(n) || n <= 0 || k < 0 || k > n) return null;
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // Clamp the rounding dust at the ends (k = 0 gives low = -1e-17).
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export function proportion(k: number, n: number): Proportion {
  const interval = wilsonInterval(k, n);
  return { k, n, rate: n > 0 ? k / n : null, low: interval?.low ?? null, high: interval?.high ?? null };
}
