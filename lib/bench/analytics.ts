import "server-only";
import {
  getDurationByOutcome,
  getFunnel,
  getKpis,
  getNumberBreakdown,
  getOutcomeDistribution,
  getOutcomeTrend,
  getProjectBreakdown,
  getSentimentTrend,
} from "@/lib/analytics/queries";
import type { AnalyticsQuery } from "@/lib/analytics/query";
import type { NaiveAnalyticsKind } from "./naive";

/**
 * The analytics page's production query functions, by name, each with a
 * flattening of its result into the same `key → number` map the naive
 * raw-table version returns (lib/bench/naive.ts), so the two can be compared.
 */
export interface AnalyticsCase {
  kind: NaiveAnalyticsKind;
  label: string;
  run: (q: AnalyticsQuery) => Promise<unknown>;
  flatten: (result: never) => Record<string, number>;
}

const breakdown = (rows: { key: string; calls: number; promises: number; negative: number; rated: number }[]) => {
  const out: Record<string, number> = {};
  for (const r of rows) for (const k of ["calls", "promises", "negative", "rated"] as const) out[`${r.key}.${k}`] = r[k];
  return out;
};

const trend = (result: Awaited<ReturnType<typeof getOutcomeTrend>>) => {
  const out: Record<string, number> = {};
  for (const bucket of result.buckets) for (const [key, n] of Object.entries(bucket.values)) if (n !== 0) out[`${bucket.key}|${key}`] = n;
  return out;
};

export const ANALYTICS_CASES: AnalyticsCase[] = [
  {
    kind: "kpis",
    label: "KPIs (period + previous period)",
    run: getKpis,
    flatten: (r: Awaited<ReturnType<typeof getKpis>>) => {
      const out: Record<string, number> = {};
      const snake = (k: string) => k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
      for (const period of ["current", "previous"] as const) {
        if (r[period].calls === 0) continue;
        for (const [k, v] of Object.entries(r[period])) out[`${period}.${snake(k)}`] = v;
      }
      return out;
    },
  },
  { kind: "outcomeTrend", label: "outcome trend", run: getOutcomeTrend, flatten: trend },
  { kind: "sentimentTrend", label: "sentiment trend", run: getSentimentTrend, flatten: trend },
  {
    kind: "outcomeDistribution",
    label: "outcome distribution",
    run: getOutcomeDistribution,
    flatten: (rows: Awaited<ReturnType<typeof getOutcomeDistribution>>) => Object.fromEntries(rows.map((r) => [r.value, r.calls])),
  },
  {
    kind: "funnel",
    label: "funnel",
    run: getFunnel,
    flatten: (r: Awaited<ReturnType<typeof getFunnel>>) => ({ ...r }),
  },
  { kind: "projectBreakdown", label: "by project", run: getProjectBreakdown, flatten: breakdown },
  { kind: "numberBreakdown", label: "by Levers number", run: getNumberBreakdown, flatten: breakdown },
  {
    kind: "durationByOutcome",
    label: "duration by outcome",
    run: getDurationByOutcome,
    flatten: (rows: Awaited<ReturnType<typeof getDurationByOutcome>>) => {
      const out: Record<string, number> = {};
      for (const r of rows) {
        out[`${r.outcome}.calls`] = r.calls;
        out[`${r.outcome}.durationSum`] = r.durationSum;
        r.bands.forEach((n, i) => {
          out[`${r.outcome}.band${i}`] = n;
        });
      }
      return out;
    },
  },
];

/** Differences between two flattened results ("key: production 12 vs naive 13"), at most `limit`. */
export function diffMaps(production: Record<string, number>, naive: Record<string, number>, limit = 5): string[] {
  const keys = new Set([...Object.keys(production), ...Object.keys(naive)]);
  const diffs: string[] = [];
  for (const key of [...keys].sort()) {
    const a = production[key] ?? 0;
    const b = naive[key] ?? 0;
    if (Math.abs(a - b) > 1e-6 * Math.max(1, Math.abs(b))) diffs.push(`${key}: production ${a} vs naive ${b}`);
  }
  return diffs.length > limit ? [...diffs.slice(0, limit), `… and ${diffs.length - limit} more`] : diffs;
}
