import "server-only";
import type { AnalyticsQuery } from "@/lib/analytics/query";
import { requireRole } from "@/lib/auth/guard";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";

/**
 * The accounts' figures on /analytics (manager): promise-kept rate, broken
 * promise follow-up time, right-party-contact rate, promises per right-party
 * contact, attempts per account, and the best-time-to-call heatmap. They read
 * the derived crm_* rows (never the wide calls rows) and honour the page's
 * period and portfolio (project) filters; the outcome and sentiment filters
 * are about single calls and do not apply to accounts.
 *
 * Periods: a promise counts in the period it was made; a broken promise in
 * the period it broke; a call in the period it was placed.
 */

/** Heatmap cells with fewer calls than this are greyed: their rate says little. */
export const MIN_HEATMAP_CALLS = 20;

export interface AccountKpis {
  /** Promises made in the period (a payment plan counts once). */
  promisesMade: number;
  /** Matured (kept, kept late or broken) promises made in the period. */
  kept: number;
  /** Of `kept`, paid after the due day. */
  keptLate: number;
  broken: number;
  pending: number;
  /** kept / (kept + broken); null without matured promises. */
  keptRate: number | null;
  /** Promises that broke in the period, and how many had a right-party contact after breaking. */
  brokenInPeriod: number;
  followedUp: number;
  /** Seconds from breaking to the next right-party contact (followed-up ones only). */
  followUpMedianSeconds: number | null;
  followUpP90Seconds: number | null;
  /** Call attempts placed in the period, their right-party contacts, and the accounts called. */
  attempts: number;
  rightPartyContacts: number;
  accountsCalled: number;
  rightPartyRate: number | null;
  promisesPerRightPartyContact: number | null;
  attemptsPerAccount: number | null;
}

export interface HeatmapCell {
  /** ISO weekday in the contact's zone: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Hour of the day in the contact's zone, 0–23. */
  hour: number;
  calls: number;
  rightPartyContacts: number;
}

export interface BestTimeResult {
  cells: HeatmapCell[];
  minCalls: number;
}

function portfolioJoin(q: AnalyticsQuery, debtColumn: Prisma.Sql): { join: Prisma.Sql; where: Prisma.Sql } {
  if (!q.filters.project.length) return { join: Prisma.empty, where: Prisma.empty };
  return {
    join: Prisma.sql`JOIN crm_debts d ON d.id = ${debtColumn}`,
    where: Prisma.sql`AND d.portfolio = ANY(${q.filters.project}::text[])`,
  };
}

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

interface PromiseRow {
  made: number;
  kept: number;
  kept_late: number;
  broken: number;
  pending: number;
}
interface FollowRow {
  broken: number;
  followed: number;
  median_s: number | null;
  p90_s: number | null;
}
interface CallRow {
  attempts: number;
  rpc: number;
  accounts: number;
}

export async function getAccountKpis(q: AnalyticsQuery): Promise<AccountKpis> {
  await requireRole("manager");
  const { start, end } = q.period;
  const pp = portfolioJoin(q, Prisma.sql`p.debt_id`);
  const lp = portfolioJoin(q, Prisma.sql`l.debt_id`);
  const [promises, follow, calls] = await Promise.all([
    prisma.$queryRaw<PromiseRow[]>`
      SELECT (count(*) FILTER (WHERE p.kind <> 'installment') + count(DISTINCT p.call_id) FILTER (WHERE p.kind = 'installment'))::int AS made,
             count(*) FILTER (WHERE p.status IN ('kept', 'kept_late'))::int AS kept,
             count(*) FILTER (WHERE p.status = 'kept_late')::int AS kept_late,
             count(*) FILTER (WHERE p.status = 'broken')::int AS broken,
             count(*) FILTER (WHERE p.status = 'pending')::int AS pending
        FROM crm_promises p ${pp.join}
       WHERE p.made_at >= ${start} AND p.made_at < ${end} ${pp.where}`,
    // Set-based, not a subquery per broken promise (that was 10,000 index probes, run twice, at 100,000
    // calls): the right-party contacts since the period began are joined to the broken promises by account
    // (promises breaking at the same instant on one account counted n times), all from indexes alone.
    prisma.$queryRaw<FollowRow[]>`
      WITH b AS MATERIALIZED (
        SELECT p.account_id, p.status_at AS broke_at, count(*) AS n
          FROM crm_promises p ${pp.join}
         WHERE p.status = 'broken' AND p.status_at >= ${start} AND p.status_at < ${end} ${pp.where}
         GROUP BY 1, 2
      ), next AS (
        SELECT b.n, min(l.placed_at) - b.broke_at AS gap
          FROM b JOIN crm_call_links l ON l.account_id = b.account_id AND l.placed_at > b.broke_at
         WHERE l.placed_at >= ${start} AND l.right_party_contact
         GROUP BY b.account_id, b.broke_at, b.n
      )
      SELECT (SELECT coalesce(sum(n), 0) FROM b)::int AS broken, count(*)::int AS followed,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM gap)) AS median_s,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM gap)) AS p90_s
        FROM next CROSS JOIN generate_series(1, next.n)`,
    // Grouped by account (a hash aggregate) rather than count(DISTINCT …), which sorts every call.
    prisma.$queryRaw<CallRow[]>`
      SELECT coalesce(sum(a.n), 0)::int AS attempts, coalesce(sum(a.r), 0)::int AS rpc, count(*)::int AS accounts
        FROM (SELECT l.account_id, count(*) AS n, count(*) FILTER (WHERE l.right_party_contact) AS r
                FROM crm_call_links l ${lp.join}
               WHERE l.placed_at >= ${start} AND l.placed_at < ${end} ${lp.where}
               GROUP BY l.account_id) a`,
  ]);
  const p = promises[0] ?? { made: 0, kept: 0, kept_late: 0, broken: 0, pending: 0 };
  const f = follow[0] ?? { broken: 0, followed: 0, median_s: null, p90_s: null };
  const c = calls[0] ?? { attempts: 0, rpc: 0, accounts: 0 };
  const seconds = (v: number | null) => (v === null ? null : Number(v));
  return {
    promisesMade: p.made,
    kept: p.kept,
    keptLate: p.kept_late,
    broken: p.broken,
    pending: p.pending,
    keptRate: ratio(p.kept, p.kept + p.broken),
    brokenInPeriod: f.broken,
    followedUp: f.followed,
    followUpMedianSeconds: seconds(f.median_s),
    followUpP90Seconds: seconds(f.p90_s),
    attempts: c.attempts,
    rightPartyContacts: c.rpc,
    accountsCalled: c.accounts,
    rightPartyRate: ratio(c.rpc, c.attempts),
    promisesPerRightPartyContact: ratio(p.made, c.rpc),
    attemptsPerAccount: ratio(c.attempts, c.accounts),
  };
}

/**
 * Right-party-contact rate by the contact's local weekday × hour. Calls are
 * first counted per zone and UTC quarter hour (every zone's offset is a
 * multiple of 15 minutes, so a quarter hour lies within one local hour), and
 * only those few thousand groups are turned into local time: converting each
 * call's instant would cost a zone conversion per row.
 */
export async function getBestTimeToCall(q: AnalyticsQuery): Promise<BestTimeResult> {
  await requireRole("manager");
  const { start, end } = q.period;
  const lp = portfolioJoin(q, Prisma.sql`l.debt_id`);
  const rows = await prisma.$queryRaw<{ weekday: number; hour: number; calls: number; rpc: number }[]>`
    WITH slots AS (
      SELECT l.time_zone AS tz, date_bin('15 minutes', l.placed_at, TIMESTAMPTZ '2000-01-03 00:00:00+00') AS slot,
             count(*) AS calls, count(*) FILTER (WHERE l.right_party_contact) AS rpc
        FROM crm_call_links l ${lp.join}
       WHERE l.placed_at >= ${start} AND l.placed_at < ${end} ${lp.where}
       GROUP BY 1, 2
    )
    SELECT extract(isodow FROM slot AT TIME ZONE tz)::int AS weekday, extract(hour FROM slot AT TIME ZONE tz)::int AS hour,
           sum(calls)::int AS calls, sum(rpc)::int AS rpc
      FROM slots
     GROUP BY 1, 2
     ORDER BY 1, 2`;
  return {
    cells: rows.map((r) => ({ weekday: r.weekday, hour: r.hour, calls: r.calls, rightPartyContacts: r.rpc })),
    minCalls: MIN_HEATMAP_CALLS,
  };
}
