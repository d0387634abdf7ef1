/**
 * Latency figures: nearest-rank percentiles over the measured runs (no
 * interpolation, so p95 of 15 runs is a value that was actually observed).
 */

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(samples: readonly number[]): Summary {
  if (!samples.length) return { n: 0, p50: Number.NaN, p95: Number.NaN, min: Number.NaN, max: Number.NaN, mean: Number.NaN };
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    min: Math.min(...samples),
    max: Math.max(...samples),
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
  };
}

/** How many times faster the production figure is than the naive one (p50 over p50); null when either is missing. */
export function speedup(production: number | null | undefined, naive: number | null | undefined): number | null {
  if (production == null || naive == null || !Number.isFinite(production) || !Number.isFinite(naive) || production <= 0) return null;
  return naive / production;
}

export interface MeasureOptions {
  warmups: number;
  runs: number;
}

/** Runs `fn` `warmups` times unmeasured, then `runs` times, returning each run's wall time in ms. */
export async function measure(fn: () => Promise<unknown>, options: MeasureOptions): Promise<number[]> {
  for (let i = 0; i < options.warmups; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}
