import { addDays, localToday, rollupZone } from "@/lib/analytics/period";
import {
  getDurationByOutcome,
  getFunnel,
  getKpis,
  getNumberBreakdown,
  getOutcomeDistribution,
  getOutcomeTrend,
  getProjectBreakdown,
  getSentimentTrend,
  loadZoneState,
} from "@/lib/analytics/queries";
import { toAnalyticsQuery } from "@/lib/analytics/query";
import type { AnalyticsSearchParams } from "@/lib/analytics/search-params";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import { disconnectPrisma } from "@/lib/db/client";
import { execute, Prisma, queryRows } from "@/lib/db/sql";
import { intOption, parseCliArgs } from "./common";

/**
 * Times every analytics query (the production functions, over the rollups)
 * against the same figures computed straight from the wide `calls` rows, on
 * an existing database:
 *
 *   DATABASE_URL=postgres://… npm run bench:analytics -- [--tz Asia/Kolkata] [--days 90] [--runs 15]
 *
 * `npm run bench` measures the same functions with everything else; this is
 * the quick loop for working on the rollups.
 */

const USAGE = `Usage: DATABASE_URL=postgresql://… npm run bench:analytics -- [options]

Times every analytics query against the same figures computed from the raw calls table.

  --tz ZONE    IANA time zone (default UTC)
  --days N     period length (default 90)
  --runs N     measured runs per query (default 15)
  --now ISO    the period's end (default now)
  -h, --help`;
const args = parseCliArgs(USAGE, { tz: { type: "string" }, days: { type: "string" }, runs: { type: "string" }, now: { type: "string" } });
const tz = args.tz ?? "UTC";
const days = intOption("days", args.days, 1) ?? 90;
const runs = intOption("runs", args.runs, 1) ?? 15;
const now = args.now ? new Date(args.now) : new Date();

const manager = { id: "measure", email: "measure@localhost", name: "measure", role: "manager" as const, via: "session" as const };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]!;
}

async function time(fn: () => Promise<unknown>, n: number): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 2; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

/** The same aggregate over the raw calls table (what the rollups save). */
function raw(select: Prisma.Sql, groupBy: Prisma.Sql = Prisma.empty) {
  return async (q: ReturnType<typeof toAnalyticsQuery>) => {
    await execute(
      Prisma.sql`SELECT ${select} FROM calls WHERE received_at >= ${q.period.start} AND received_at < ${q.period.end} ${groupBy}`,
    );
  };
}

const RAW: Record<string, (q: ReturnType<typeof toAnalyticsQuery>) => Promise<void>> = {
  getKpis: raw(
    Prisma.sql`count(*), count(*) FILTER (WHERE delivery_status = 'pass'), count(*) FILTER (WHERE provider_status = 'pass'),
     count(*) FILTER (WHERE call_output IN ('PAYMENT PROMISE', 'PAYMENT EXTENSION')), count(*) FILTER (WHERE call_output = 'PAYMENT COMPLETED'),
     sum(duration) FILTER (WHERE provider_status = 'pass'), count(*) FILTER (WHERE sentiment_output = 'NEGATIVE')`,
  ),
  getOutcomeTrend: raw(
    Prisma.sql`date_trunc('day', received_at AT TIME ZONE ${tz}::text), call_output, count(*)`,
    Prisma.sql`GROUP BY 1, 2`,
  ),
  getProjectBreakdown: raw(
    Prisma.sql`project_id, count(*), count(*) FILTER (WHERE call_output IN ('PAYMENT PROMISE', 'PAYMENT EXTENSION')), count(*) FILTER (WHERE sentiment_output = 'NEGATIVE')`,
    Prisma.sql`GROUP BY 1`,
  ),
  getNumberBreakdown: raw(Prisma.sql`number_from, count(*)`, Prisma.sql`GROUP BY 1`),
  getDurationByOutcome: raw(
    Prisma.sql`call_output, count(*), sum(duration), count(*) FILTER (WHERE duration < 60)`,
    Prisma.sql`GROUP BY 1`,
  ),
};

async function main() {
  const today = localToday(tz, now);
  const params: Partial<AnalyticsSearchParams> =
    days === 7 || days === 30 || days === 90
      ? { tz, range: `${days}d` }
      : { tz, range: "custom", from: addDays(today, -(days - 1)), to: today };
  const q = toAnalyticsQuery(params, now);
  const zone = await loadZoneState(rollupZone(tz));
  const rows = await queryRows<{ calls: bigint; rollup: bigint; daily: bigint }>(
    Prisma.sql`SELECT (SELECT count(*) FROM calls) AS calls, (SELECT count(*) FROM analytics_call_rollup) AS rollup,
            (SELECT count(*) FROM analytics_daily_rollup WHERE zone = ${rollupZone(tz)}) AS daily`,
  );
  console.log(
    `${rows[0]!.calls} calls; 15-minute rollup ${rows[0]!.rollup} rows; daily rollup for ${tz}: ${rows[0]!.daily} rows (${zone.kind})`,
  );
  console.log(`period ${q.period.from} … ${q.period.to} (${q.period.days} days), ${runs} runs after 2 warm-ups\n`);
  console.log("query".padEnd(24) + "rollup p50/p95 ms".padStart(20) + "raw calls p50/p95 ms".padStart(24));
  const fns = {
    getKpis,
    getOutcomeTrend,
    getSentimentTrend,
    getOutcomeDistribution,
    getFunnel,
    getProjectBreakdown,
    getNumberBreakdown,
    getDurationByOutcome,
  };
  for (const [name, fn] of Object.entries(fns)) {
    const fast = await time(() => runAsTrustedViewer(manager, () => fn(q)), runs);
    const naive = RAW[name] ? await time(() => RAW[name]!(q), Math.min(runs, 5)) : null;
    const fmt = (t: { p50: number; p95: number } | null) => (t ? `${t.p50.toFixed(1)} / ${t.p95.toFixed(1)}` : "–");
    console.log(name.padEnd(24) + fmt(fast).padStart(20) + fmt(naive).padStart(24));
  }
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => disconnectPrisma());
