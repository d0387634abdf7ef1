import "server-only";
import type pg from "pg";
import { getKpis, getOutcomeTrend } from "@/lib/analytics/queries";
import { toAnalyticsQuery } from "@/lib/analytics/query";
import { type CallFilters, NO_FILTERS } from "@/lib/calls/filters";
import { listCalls } from "@/lib/calls/queries";
import { getAccuracyPanels } from "@/lib/review/accuracy";
import type { FigureGroup } from "./report";
import type { Summary } from "./stats";

/**
 * The review loop at scale: verdicts on 2 % of the calls (a QA programme's
 * sample plus corrections), then the AI accuracy section, the corrected
 * analytics view (the verdict delta over the rollups) and the calls list
 * with the verdict filters. The verdicts are removed again afterwards, so a
 * reused database still agrees with the naive raw-table figures next run.
 */
export const VERDICT_SHARE = 50; // one call in 50

interface Case {
  id: string;
  group: FigureGroup;
  label: string;
  production: () => Promise<unknown>;
  target?: (s: Summary) => { text: string; met: boolean } | null;
}

export async function withSeededVerdicts(
  client: pg.Client,
  log: (line: string) => void,
  fn: () => Promise<void>,
  share: number = VERDICT_SHARE,
): Promise<void> {
  const started = Date.now();
  // Deterministic: every 50th call by id hash; 80 % agree with the AI, the rest get another outcome (and some a sentiment).
  const result = await client.query(
    `INSERT INTO call_verdicts (call_id, received_at, outcome, sentiment, ai_outcome, ai_sentiment, reason, by_id, by_name, at, source)
     SELECT c.id, c.received_at,
            CASE WHEN h % 5 = 0 THEN (ARRAY['PAYMENT PROMISE','PAYMENT EXTENSION','PAYMENT COMPLETED','CALL BACK REQUESTED','NOT INTERESTED','WRONG NUMBER'])[1 + h % 6]
                 ELSE c.call_output END,
            CASE WHEN h % 7 = 0 THEN (ARRAY['POSITIVE','NEUTRAL','NEGATIVE'])[1 + h % 3] ELSE NULL END,
            c.call_output, c.sentiment_output, 'bench', 'bench', 'Benchmark', c.received_at + interval '1 day', 'review'
       FROM (SELECT id, call_output, sentiment_output, received_at, abs(hashtext(id::text)) AS h FROM calls) c
      WHERE c.h % ${Math.max(1, Math.trunc(share))} = 0 AND (c.call_output IS NOT NULL OR c.h % 7 = 0)
     ON CONFLICT (call_id) DO NOTHING`,
  );
  await client.query("ANALYZE call_verdicts");
  log(`  ${result.rowCount?.toLocaleString("en-US")} verdicts seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  try {
    await fn();
  } finally {
    await client.query("DELETE FROM call_verdicts WHERE by_id = 'bench'");
  }
}

export function reviewCases(now: Date, within: (ms: number) => (s: Summary) => { text: string; met: boolean }): Case[] {
  const days = (n: number) => new Date(now.getTime() - n * 86_400_000);
  const list = (filters: Partial<CallFilters>) => () =>
    listCalls({ ...NO_FILTERS, ...filters }, { sort: "receivedAt.desc", cursor: null, limit: 50 });
  const cases: Case[] = [];
  for (const periodDays of [30, 90] as const) {
    const q = toAnalyticsQuery({ range: periodDays === 30 ? "30d" : "90d" }, now);
    cases.push(
      {
        id: `review.accuracy.${periodDays}d`,
        group: "analytics",
        label: `AI accuracy (outcome + sentiment: matrix, per value, portfolio, trend), ${periodDays} days`,
        production: () => getAccuracyPanels(q),
        target: within(100),
      },
      {
        id: `review.kpis-corrected.${periodDays}d`,
        group: "analytics",
        label: `analytics: KPIs, corrected values (verdict delta), ${periodDays} days`,
        production: () => getKpis(q),
        target: within(200),
      },
      {
        id: `review.kpis-ai.${periodDays}d`,
        group: "analytics",
        label: `analytics: KPIs, AI values (values=ai), ${periodDays} days`,
        production: () => getKpis({ ...q, values: "ai" }),
        target: within(200),
      },
      {
        id: `review.outcome-trend-corrected.${periodDays}d`,
        group: "analytics",
        label: `analytics: outcome trend, corrected values, ${periodDays} days`,
        production: () => getOutcomeTrend(q),
        target: within(200),
      },
    );
  }
  cases.push(
    {
      id: "review.list.corrected",
      group: "list",
      label: "list: corrected calls, first page",
      production: list({ corrected: true }),
      target: within(50),
    },
    {
      id: "review.list.reviewed",
      group: "list",
      label: "list: reviewed calls, first page",
      production: list({ reviewed: true }),
      target: within(50),
    },
    {
      id: "review.list.corrected-outcome",
      group: "list",
      label: "list: corrected outcome NOT INTERESTED, first page",
      production: list({ correctedOutcome: ["NOT INTERESTED"] }),
      target: within(50),
    },
    {
      id: "review.list.cell",
      group: "list",
      label: "list: confusion-matrix cell (AI PAYMENT PROMISE, person NOT INTERESTED, last 90 days)",
      production: list({ outcome: ["PAYMENT PROMISE"], correctedOutcome: ["NOT INTERESTED"], reviewed: true, from: days(90) }),
      target: within(50),
    },
  );
  return cases;
}
