import "server-only";
import type { AnalyticsQuery } from "@/lib/analytics/query";
import { requireRole } from "@/lib/auth/guard";
import { compareOutcomes, sentimentInfo } from "@/lib/calls/catalogue";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { type Proportion, proportion } from "./wilson";

/**
 * The AI measured against its people: of the calls a person gave a verdict on
 * (lib/review/verdicts.ts), how often the AI's value equals the person's, per
 * AI value, per portfolio and over time, with the confusion matrix. The AI's
 * value is the one the person judged (`ai_*` on the verdict); a verdict that
 * leaves a field to the AI agrees with it on that field. Every figure carries
 * its sample size and 95 % Wilson interval. Calls received in the analytics
 * period (and portfolio filter) count; one statement for both dimensions
 * over the small verdict table joined to calls by primary key.
 */

export type AccuracyDimension = "outcome" | "sentiment";

export interface ConfusionCell {
  ai: string;
  human: string;
  calls: number;
}

export interface AccuracyGroup extends Proportion {
  /** AI value, portfolio ('' = none) or bucket start day. */
  key: string;
}

export interface AccuracyResult {
  dimension: AccuracyDimension;
  overall: Proportion;
  /** Values on either axis, catalogue order ('' = none recorded). */
  values: string[];
  matrix: ConfusionCell[];
  byValue: AccuracyGroup[];
  byPortfolio: AccuracyGroup[];
  trend: AccuracyGroup[];
}

interface Row {
  dim: AccuracyDimension;
  ai: string;
  human: string;
  project: string;
  bucket: string;
  calls: number;
}

const COLUMNS: Record<AccuracyDimension, Prisma.Sql> = {
  outcome: Prisma.sql`('outcome', coalesce(s.ai_outcome, ''), coalesce(s.outcome, s.ai_outcome, ''))`,
  sentiment: Prisma.sql`('sentiment', coalesce(s.ai_sentiment, ''), coalesce(s.sentiment, s.ai_sentiment, ''))`,
};

/**
 * Both dimensions in one pass: each verdict of the period is read once, with
 * its portfolio probed once (the probe is the cost: one per verdict), then
 * counted per dimension.
 */
function loadRows(q: AnalyticsQuery, dimensions: AccuracyDimension[]): Promise<Row[]> {
  const { start, end, tz, granularity } = q.period;
  // The portfolio is read per verdict (a primary-key probe) rather than joined: a join lets the planner
  // read every call of the table's project index to meet a few thousand verdicts. MATERIALIZED: the
  // probe runs once per verdict, not once per dimension.
  const project = q.filters.project.length ? Prisma.sql`WHERE s.project = ANY(${q.filters.project}::text[])` : Prisma.empty;
  return prisma.$queryRaw<Row[]>`
    WITH s AS MATERIALIZED (
      SELECT v.ai_outcome, v.outcome, v.ai_sentiment, v.sentiment,
             (SELECT c.project_id FROM calls c WHERE c.id = v.call_id) AS project,
             date_trunc(${granularity}, v.received_at AT TIME ZONE ${tz})::date::text AS bucket
        FROM call_verdicts v
       WHERE v.received_at >= ${start} AND v.received_at < ${end}
    )
    SELECT d.dim, d.ai, d.human, coalesce(s.project, '') AS project, s.bucket, count(*)::int AS calls
      FROM s CROSS JOIN LATERAL (VALUES ${Prisma.join(
        dimensions.map((d) => COLUMNS[d]),
        ", ",
      )}) d(dim, ai, human)
      ${project}
     GROUP BY 1, 2, 3, 4, 5`;
}

function groupBy(rows: Row[], key: (r: Row) => string): AccuracyGroup[] {
  const groups = new Map<string, { k: number; n: number }>();
  for (const r of rows) {
    const g = groups.get(key(r)) ?? { k: 0, n: 0 };
    g.n += r.calls;
    if (r.ai === r.human) g.k += r.calls;
    groups.set(key(r), g);
  }
  return [...groups].map(([k, g]) => ({ key: k, ...proportion(g.k, g.n) }));
}

const compareSentiments = (a: string, b: string) => sentimentInfo(a).order - sentimentInfo(b).order || a.localeCompare(b);

function accuracyOf(rows: Row[], dimension: AccuracyDimension): AccuracyResult {
  const compare = dimension === "outcome" ? compareOutcomes : compareSentiments;
  const cells = new Map<string, ConfusionCell>();
  for (const r of rows) {
    const id = `${r.ai}\u0000${r.human}`;
    const cell = cells.get(id) ?? { ai: r.ai, human: r.human, calls: 0 };
    cell.calls += r.calls;
    cells.set(id, cell);
  }
  const values = [...new Set(rows.flatMap((r) => [r.ai, r.human]))].sort(compare);
  const overall = groupBy(rows, () => "")[0];
  return {
    dimension,
    overall: overall ?? proportion(0, 0),
    values,
    matrix: [...cells.values()],
    byValue: groupBy(rows, (r) => r.ai).sort((a, b) => compare(a.key, b.key)),
    byPortfolio: groupBy(rows, (r) => r.project).sort((a, b) => b.n - a.n || a.key.localeCompare(b.key)),
    trend: groupBy(rows, (r) => r.bucket).sort((a, b) => a.key.localeCompare(b.key)),
  };
}

export async function getAiAccuracy(q: AnalyticsQuery, dimension: AccuracyDimension): Promise<AccuracyResult> {
  await requireRole("manager");
  return accuracyOf(await loadRows(q, [dimension]), dimension);
}

export interface AccuracyPanels {
  outcome: AccuracyResult;
  sentiment: AccuracyResult;
}

/** Both dimensions for the /analytics accuracy section. */
export async function getAccuracyPanels(q: AnalyticsQuery): Promise<AccuracyPanels> {
  await requireRole("manager");
  const rows = await loadRows(q, ["outcome", "sentiment"]);
  return {
    outcome: accuracyOf(
      rows.filter((r) => r.dim === "outcome"),
      "outcome",
    ),
    sentiment: accuracyOf(
      rows.filter((r) => r.dim === "sentiment"),
      "sentiment",
    ),
  };
}
