import "server-only";
import { NO_FILTERS } from "@/lib/calls/filters";
import { buildCallsWhere } from "@/lib/calls/where";
import { ident, list, Prisma } from "@/lib/db/sql";
import type { AnalyticsFilters } from "./query";
import type { InstantRange, RangeSplit } from "./range-split";

/**
 * SQL fragments over the rollup tiers. A "source" is a subquery with one row
 * per rollup row in the range, tagged with its local `day`, whichever tier it
 * came from; every analytics query aggregates over one. Filters go through the
 * calls list's own WHERE builder: the rollups keep the calls table's column
 * names (NULL stored as ''), and every filter value is non-empty, so
 * `call_output = ANY($1)` selects the same calls in both places.
 */

export const CALL_MEASURES = [
  "calls",
  "duration_sum",
  "dur_under_15s",
  "dur_15_30s",
  "dur_30_60s",
  "dur_1_2m",
  "dur_2_3m",
  "dur_3_5m",
  "dur_5_10m",
  "dur_10m_plus",
] as const;

const CALL_DIMENSIONS = ["call_output", "sentiment_output", "project_id", "delivery_status", "provider_status"] as const;
const NUMBER_DIMENSIONS = ["number_from", "call_output", "sentiment_output", "project_id"] as const;

export type SourceKind = "call" | "number";

const TABLES: Record<SourceKind, { daily: string; fine: string; columns: readonly string[] }> = {
  call: { daily: "analytics_daily_rollup", fine: "analytics_call_rollup", columns: [...CALL_DIMENSIONS, ...CALL_MEASURES] },
  number: { daily: "analytics_daily_number_rollup", fine: "analytics_number_rollup", columns: [...NUMBER_DIMENSIONS, "calls"] },
};

function filterWhere(filters: AnalyticsFilters): Prisma.Sql {
  return buildCallsWhere(
    { ...NO_FILTERS, outcome: filters.outcome, sentiment: filters.sentiment, project: filters.project },
    { alias: "r" },
  );
}

/**
 * `(SELECT day, <dimensions>, <measures> FROM …)` for one range. `zone` is the
 * daily tier's key for `tz` (lib/analytics/period.ts rollupZone). `tag`, when
 * given, adds a constant `period` column (KPIs read two ranges at once).
 */
export function rollupSource(
  kind: SourceKind,
  split: RangeSplit,
  tz: string,
  zone: string,
  filters: AnalyticsFilters,
  tag?: string,
  corrected: InstantRange | null = null,
): Prisma.Sql {
  const table = TABLES[kind];
  const columns = list(table.columns.map((c) => ident("r", c)));
  const daily = ident(table.daily);
  const tagColumn = tag === undefined ? Prisma.empty : Prisma.sql`${tag}::text AS period, `;
  const parts: Prisma.Sql[] = [];
  if (split.daily) {
    parts.push(
      Prisma.sql`SELECT ${tagColumn}r.day, ${columns} FROM ${daily} r
        WHERE r.zone = ${zone} AND r.day >= ${split.daily.fromDay}::date AND r.day < ${split.daily.toDay}::date
          AND ${filterWhere(filters)}`,
    );
  }
  if (split.fine.length) {
    const ranges = list(
      split.fine.map((f) => Prisma.sql`(r.bucket_start >= ${f.start} AND r.bucket_start < ${f.end})`),
      " OR ",
    );
    parts.push(
      Prisma.sql`SELECT ${tagColumn}(r.bucket_start AT TIME ZONE ${tz})::date AS day, ${columns} FROM ${ident(table.fine)} r
        WHERE (${ranges}) AND ${filterWhere(filters)}`,
    );
  }
  if (corrected) parts.push(verdictDelta(kind, corrected, tz, filters, tagColumn));
  if (!parts.length) {
    // An empty range: keep the column list so the outer query still type-checks.
    parts.push(Prisma.sql`SELECT ${tagColumn}r.day, ${columns} FROM ${daily} r WHERE FALSE`);
  }
  return Prisma.sql`(${list(parts, "\nUNION ALL\n")})`;
}

const DURATION_BAND_SQL: Record<string, string> = {
  dur_under_15s: "c.duration < 15",
  dur_15_30s: "c.duration >= 15 AND c.duration < 30",
  dur_30_60s: "c.duration >= 30 AND c.duration < 60",
  dur_1_2m: "c.duration >= 60 AND c.duration < 120",
  dur_2_3m: "c.duration >= 120 AND c.duration < 180",
  dur_3_5m: "c.duration >= 180 AND c.duration < 300",
  dur_5_10m: "c.duration >= 300 AND c.duration < 600",
  dur_10m_plus: "c.duration >= 600",
};

/**
 * People's corrections (lib/review) as a delta over the AI's rollups: for
 * each corrected call received in `range`, -1 under the AI's key and +1 under
 * the corrected one, in the rollup's own columns. Verdicts are few, so this
 * reads the small call_verdicts table and its calls by primary key instead of
 * joining verdicts into every rollup read.
 */
function verdictDelta(kind: SourceKind, range: InstantRange, tz: string, filters: AnalyticsFilters, tagColumn: Prisma.Sql): Prisma.Sql {
  const measures: Record<string, string> = {
    number_from: "c.number_from",
    call_output: "d.call_output",
    sentiment_output: "d.sentiment_output",
    project_id: "coalesce(c.project_id, '')",
    delivery_status: "coalesce(c.delivery_status, '')",
    provider_status: "coalesce(c.provider_status, '')",
    calls: "d.sign",
    duration_sum: "(d.sign * c.duration)::bigint",
    ...Object.fromEntries(Object.entries(DURATION_BAND_SQL).map(([k, cond]) => [k, `CASE WHEN ${cond} THEN d.sign ELSE 0 END`])),
  };
  const columns = TABLES[kind].columns;
  // Fixed expressions from the constant table above, never user input.
  const inner = Prisma.raw(columns.map((c) => `${measures[c]} AS ${c}`).join(", "));
  const outer = list(columns.map((c) => ident("r", c)));
  return Prisma.sql`SELECT ${tagColumn}r.day, ${outer} FROM (
      SELECT (v.received_at AT TIME ZONE ${tz})::date AS day, ${inner}
        FROM call_verdicts v JOIN calls c ON c.id = v.call_id
        CROSS JOIN LATERAL (VALUES (-1, coalesce(c.call_output, ''), coalesce(c.sentiment_output, '')),
                                   (1, coalesce(v.outcome, c.call_output, ''), coalesce(v.sentiment, c.sentiment_output, ''))) d(sign, call_output, sentiment_output)
       WHERE v.received_at >= ${range.start} AND v.received_at < ${range.end}
         AND (coalesce(v.outcome, c.call_output) IS DISTINCT FROM c.call_output OR coalesce(v.sentiment, c.sentiment_output) IS DISTINCT FROM c.sentiment_output)
    ) r WHERE ${filterWhere(filters)}`;
}
