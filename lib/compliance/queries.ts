import "server-only";
import { z } from "zod";
import { requireRole } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { BadRequestError } from "@/lib/http/errors";
import { HOLD_RULES } from "./catalogue";
import { ANY_DEBT } from "./context";
import { ALL_RULES, type ComplianceSettings, DEFAULT_SETTINGS } from "./settings";
import { loadComplianceSettings, type StoredComplianceSettings } from "./settings-store";
import type { HoldKind } from "./types";

/**
 * The compliance reads behind the call page banner, the account panel and
 * /compliance. Each starts with requireRole; the shapes are plain JSON so the
 * components (which never import this module) receive them as props.
 */

export interface FlagView {
  id: string;
  callId: string;
  rule: string;
  check: string;
  citation: string;
  severity: string;
  message: string;
  portfolio: string | null;
  debtKey: string | null;
  placedAt: string;
  status: "open" | "confirmed" | "dismissed";
  statusReason: string | null;
  statusBy: string | null;
  statusAt: string | null;
}

type FlagRow = Prisma.ComplianceFlagGetPayload<object>;

function flagView(f: FlagRow): FlagView {
  return {
    id: f.id,
    callId: f.callId,
    rule: f.rule,
    check: f.check,
    citation: f.citation,
    severity: f.severity,
    message: f.message,
    portfolio: f.portfolio,
    debtKey: f.debtKey,
    placedAt: f.placedAt.toISOString(),
    status: f.status as FlagView["status"],
    statusReason: f.statusReason,
    statusBy: f.statusBy,
    statusAt: f.statusAt?.toISOString() ?? null,
  };
}

const SEVERITY_ORDER: Record<string, number> = { violation: 0, unevaluable: 1, review: 2 };
const bySeverity = (a: FlagView, b: FlagView) =>
  (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) || a.rule.localeCompare(b.rule);

export interface CallBanner {
  flags: FlagView[];
  /** Managers confirm or dismiss flags. */
  canReview: boolean;
}

/** The flags one call raised, worst first, for the banner at the top of the call page. */
export async function callComplianceBanner(callId: string): Promise<CallBanner> {
  const viewer = await requireRole("agent");
  if (!z.uuid().safeParse(callId).success) return { flags: [], canReview: false };
  const rows = await prisma.complianceFlag.findMany({ where: { callId } });
  return { flags: rows.map(flagView).sort(bySeverity), canReview: hasRole(viewer.role, "manager") };
}

export interface HoldView {
  holdId: string;
  kind: string;
  label: string;
  rule: string;
  citation: string;
  source: "manual" | "speech";
  placedAt: string | null;
  note: string;
  createdBy: string | null;
  debtKeys: string[];
  numbers: string[];
  cleared: { at: string; by: string; reason: string } | null;
}

export interface NextCallView {
  debtKey: string;
  portfolio: string | null;
  nextAt: string | null;
  reason: string | null;
  rule: string | null;
  citation: string | null;
  evaluatedAt: string;
}

export interface AccountCompliance {
  accountId: string;
  flags: FlagView[];
  holds: HoldView[];
  nextCalls: NextCallView[];
  /** Agents add holds; managers also clear them and review flags. */
  canAddHold: boolean;
  canClear: boolean;
  canReview: boolean;
}

interface SnapshotHold {
  holdId: string;
  kind: HoldKind;
  placedAt: string | null;
  debtKeys: string[];
  numbers: string[];
}

/** For the account page (/accounts/[id]): flags, holds (manual and said on calls) with their clearances, and the next permissible call per debt. */
export async function accountCompliance(accountId: string): Promise<AccountCompliance | null> {
  const viewer = await requireRole("agent");
  if (!z.uuid().safeParse(accountId).success) return null;
  const [flags, manual, clearances, snapshot, next] = await Promise.all([
    prisma.complianceFlag.findMany({ where: { accountId }, orderBy: [{ placedAt: "desc" }, { id: "asc" }], take: 500 }),
    prisma.complianceHold.findMany({ where: { accountId }, orderBy: { placedAt: "asc" } }),
    prisma.complianceClearance.findMany({ where: { accountId }, orderBy: { clearedAt: "asc" } }),
    prisma.complianceAccountInput.findUnique({ where: { accountId } }),
    prisma.complianceNextCall.findMany({ where: { accountId }, orderBy: { debtKey: "asc" } }),
  ]);
  const clearanceOf = (holdId: string) => {
    const c = clearances.find((x) => x.holdId === holdId);
    return c ? { at: c.clearedAt.toISOString(), by: c.clearedBy, reason: c.reason } : null;
  };
  const speech = ((snapshot?.input as { holds?: SnapshotHold[] } | undefined)?.holds ?? []).filter((h) => HOLD_RULES[h.kind]);
  const holds: HoldView[] = [
    ...speech.map((h) => ({
      holdId: h.holdId,
      kind: h.kind,
      label: HOLD_RULES[h.kind].label,
      rule: HOLD_RULES[h.kind].rule,
      citation: HOLD_RULES[h.kind].citation,
      source: "speech" as const,
      placedAt: h.placedAt && !h.placedAt.startsWith("1970-") ? h.placedAt : null,
      note: "said on a call",
      createdBy: null,
      debtKeys: h.debtKeys,
      numbers: h.numbers,
      cleared: clearanceOf(h.holdId),
    })),
    ...manual
      .filter((h) => HOLD_RULES[h.kind as HoldKind])
      .map((h) => {
        const meta = HOLD_RULES[h.kind as HoldKind];
        return {
          holdId: h.id,
          kind: h.kind,
          label: meta.label,
          rule: meta.rule,
          citation: meta.citation,
          source: "manual" as const,
          placedAt: h.placedAt.toISOString(),
          note: h.note,
          createdBy: h.createdBy,
          debtKeys: h.debtKeys,
          numbers: h.numbers,
          cleared: clearanceOf(h.id),
        };
      }),
  ];
  const manager = hasRole(viewer.role, "manager");
  return {
    accountId,
    flags: flags.map(flagView),
    holds,
    nextCalls: next.map((n) => ({
      debtKey: n.debtKey === ANY_DEBT ? "any debt" : n.debtKey,
      portfolio: n.portfolio,
      nextAt: n.nextAt?.toISOString() ?? null,
      reason: n.reason,
      rule: n.rule,
      citation: n.citation,
      evaluatedAt: n.evaluatedAt.toISOString(),
    })),
    canAddHold: true,
    canClear: manager,
    canReview: manager,
  };
}

// ---------------------------------------------------------------------------
// /compliance (managers)

export const OVERVIEW_DAYS = [7, 30, 90] as const;

export const overviewQuerySchema = z.object({
  days: z.coerce
    .number()
    .refine((d) => (OVERVIEW_DAYS as readonly number[]).includes(d), "choose 7, 30 or 90")
    .default(30),
  rule: z
    .string()
    .regex(/^R\d{1,2}$/, "a rule id such as R1")
    .optional(),
  portfolio: z.string().trim().min(1).max(200).optional(),
  status: z.enum(["open", "confirmed", "dismissed", "all"]).default("open"),
  before: z.string().max(200).optional(),
});
export type OverviewQuery = z.infer<typeof overviewQuerySchema>;

export function parseOverviewQuery(params: Record<string, string | string[] | undefined>): OverviewQuery {
  const flat = Object.fromEntries(
    Object.entries(params)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = overviewQuerySchema.safeParse(flat);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join(".") || "(query)", message: i.message }));
    throw new BadRequestError(`Invalid query parameters: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}.`, { issues });
  }
  return parsed.data;
}

/** For the page: a hand-edited bad parameter shows the defaults instead of an error page. */
export function parseOverviewQueryOrDefault(params: Record<string, string | string[] | undefined>): OverviewQuery {
  try {
    return parseOverviewQuery(params);
  } catch {
    return parseOverviewQuery({});
  }
}

export interface Overview {
  query: OverviewQuery;
  since: string;
  byRule: { rule: string; portfolio: string | null; open: number; total: number }[];
  /** Weekly flag counts per rule over the period (trend). */
  trend: { week: string; rule: string; flags: number }[];
  flags: number;
  calls: number;
  /** Flags raised per 1,000 calls in the period. */
  per1000: number | null;
  accountsOnHold: number;
  list: FlagView[];
  nextCursor: string | null;
}

function cursorOf(f: FlagView): string {
  return `${f.placedAt}_${f.id}`;
}

function parseCursor(value: string | undefined): { at: Date; id: string } | null {
  if (!value) return null;
  const [at, id] = value.split("_");
  const date = new Date(at ?? "");
  if (Number.isNaN(date.getTime()) || !z.uuid().safeParse(id).success) {
    throw new BadRequestError("Invalid query parameters: before is not a cursor from this page.", {
      issues: [{ path: "before", message: "is not a cursor from this page" }],
    });
  }
  return { at: date, id: id! };
}

function listWhere(q: OverviewQuery, since: Date): Prisma.Sql {
  return Prisma.sql`f.placed_at >= ${since}
    ${q.rule ? Prisma.sql`AND f.rule = ${q.rule}` : Prisma.empty}
    ${q.portfolio ? Prisma.sql`AND f.portfolio = ${q.portfolio}` : Prisma.empty}
    ${q.status !== "all" ? Prisma.sql`AND f.status = ${q.status}` : Prisma.empty}`;
}

export const LIST_LIMIT = 50;

const DAY_MS = 86_400_000;

/** The first UTC midnight at or after `t`: from there on whole days come from the daily rollups. */
export function firstUtcMidnightFrom(t: Date): Date {
  const day = Math.floor(t.getTime() / DAY_MS) * DAY_MS;
  return new Date(day < t.getTime() ? day + DAY_MS : day);
}

type FlagAggregateRow = {
  part: number;
  week: Date | null;
  rule: string | null;
  portfolio: string | null;
  open: number | null;
  n: number;
};

/**
 * Flags since `since` by rule and portfolio (open, total; the 200 with most
 * open), by week and rule, and in all, in one statement: whole UTC days from
 * compliance_flag_rollup (kept by triggers on compliance_flags, in slots
 * summed here), the part of
 * the first day before its midnight from compliance_flags itself. The same
 * numbers as counting compliance_flags WHERE placed_at >= since (the app's
 * sessions run in UTC, so a UTC day lies in one week), at 1M calls and 90 days
 * ~3k rollup rows and one partial day instead of 610k flags, three times.
 */
function flagAggregates(since: Date, dayStart: Date) {
  return prisma.$queryRaw<FlagAggregateRow[]>`
    WITH g AS MATERIALIZED (
      SELECT date_trunc('week', r.day) AS week, r.rule, r.portfolio, r.status, sum(r.flags) AS n
        FROM compliance_flag_rollup r
       WHERE r.day >= ${dayStart}
       GROUP BY r.day, r.rule, r.portfolio, r.status
      HAVING sum(r.flags) <> 0
      UNION ALL
      SELECT date_trunc('week', f.placed_at), f.rule, f.portfolio, f.status, count(*)
        FROM compliance_flags f
       WHERE f.placed_at >= ${since} AND f.placed_at < ${dayStart}
       GROUP BY 1, 2, 3, 4
    )
    SELECT x.part, x.week, x.rule, x.portfolio, x.open, x.n FROM (
      SELECT 1 AS part, row_number() OVER (ORDER BY b.open DESC, b.n DESC, b.rule, b.portfolio) AS ord,
             NULL::timestamptz AS week, b.rule, b.portfolio, b.open, b.n
        FROM (SELECT g.rule, g.portfolio, coalesce(sum(g.n) FILTER (WHERE g.status = 'open'), 0)::int AS open, sum(g.n)::int AS n
                FROM g GROUP BY 1, 2 ORDER BY 3 DESC, 4 DESC, 1, 2 LIMIT 200) b
      UNION ALL
      SELECT 2, row_number() OVER (ORDER BY t.week, t.rule), t.week, t.rule, NULL, NULL, t.n
        FROM (SELECT g.week, g.rule, sum(g.n)::int AS n FROM g GROUP BY 1, 2) t
      UNION ALL
      SELECT 3, 1, NULL, NULL, NULL, NULL, coalesce(sum(g.n), 0)::int FROM g
    ) x
    ORDER BY x.part, x.ord`;
}

/**
 * Calls received since `since`: whole UTC days from the analytics daily
 * rollup (zone UTC, kept by the triggers on calls), the part of the first day
 * from calls; all from calls if the UTC zone's days are not exact there.
 */
function callsSince(since: Date, dayStart: Date) {
  const day = dayStart.toISOString().slice(0, 10);
  return prisma.$queryRaw<{ calls: number }[]>`
    SELECT (CASE
      WHEN EXISTS (SELECT 1 FROM analytics_zones z WHERE z.zone = 'UTC' AND (z.fully_backfilled OR z.complete_from <= ${day}::date))
      THEN (SELECT coalesce(sum(r.calls), 0) FROM analytics_daily_rollup r WHERE r.zone = 'UTC' AND r.day >= ${day}::date)
         + (SELECT count(*) FROM calls c WHERE c.received_at >= ${since} AND c.received_at < ${dayStart})
      ELSE (SELECT count(*) FROM calls c WHERE c.received_at >= ${since})
    END)::int AS calls`;
}

/** Open flags by rule and portfolio, the weekly trend, flags per 1,000 calls, accounts on hold, and the drill-down list. */
export async function complianceOverview(q: OverviewQuery, now: Date = new Date()): Promise<Overview> {
  await requireRole("manager");
  const since = new Date(now.getTime() - q.days * DAY_MS);
  const dayStart = firstUtcMidnightFrom(since);
  const cursor = parseCursor(q.before);
  const where = listWhere(q, since);
  const [aggregates, calls, onHold, list] = await Promise.all([
    flagAggregates(since, dayStart),
    callsSince(since, dayStart),
    // On hold: an account with a debt that no time can be found for because a hold (R4-R8) stands, i.e.
    // count(DISTINCT account_id) FROM compliance_next_calls WHERE next_at IS NULL AND rule IN ('R4', …, 'R8'),
    // kept per statement by the triggers on compliance_next_calls (a few slot rows instead of 233k at 1M calls).
    prisma.$queryRaw<{ n: number }[]>`SELECT coalesce(sum(h.accounts), 0)::int AS n FROM compliance_hold_count h`,
    prisma.$queryRaw<FlagRow[]>`
      SELECT f.id, f.flag_key AS "flagKey", f.account_id AS "accountId", f.call_id AS "callId", f.debt_key AS "debtKey", f.portfolio,
             f.rule, f."check", f.citation, f.severity, f.message, f.evidence, f.rules_version AS "rulesVersion", f.placed_at AS "placedAt",
             f.status, f.status_reason AS "statusReason", f.status_by AS "statusBy", f.status_at AS "statusAt", f.created_at AS "createdAt"
        FROM compliance_flags f
       WHERE ${where} ${cursor ? Prisma.sql`AND (f.placed_at, f.id) < (${cursor.at}, ${cursor.id}::uuid)` : Prisma.empty}
       ORDER BY f.placed_at DESC, f.id DESC LIMIT ${LIST_LIMIT + 1}`,
  ]);
  const byRule = aggregates.filter((a) => a.part === 1).map((a) => ({ rule: a.rule!, portfolio: a.portfolio, open: a.open!, total: a.n }));
  const trend = aggregates.filter((a) => a.part === 2).map((a) => ({ week: a.week!, rule: a.rule!, flags: a.n }));
  const flags = aggregates.find((a) => a.part === 3)?.n ?? 0;
  const callCount = calls[0]?.calls ?? 0;
  const page = list.slice(0, LIST_LIMIT).map(flagView);
  return {
    query: q,
    since: since.toISOString(),
    byRule,
    trend: trend.map((t) => ({ week: t.week.toISOString().slice(0, 10), rule: t.rule, flags: t.flags })),
    flags,
    calls: callCount,
    per1000: callCount > 0 ? Math.round((flags / callCount) * 10_000) / 10 : null,
    accountsOnHold: onHold[0]?.n ?? 0,
    list: page,
    nextCursor: list.length > LIST_LIMIT && page.length ? cursorOf(page[page.length - 1]!) : null,
  };
}

/** The drill-down list as CSV rows (all pages, batched by the keyset), for lib/http/csv.ts. */
export async function* complianceCsvRows(q: OverviewQuery, now: Date = new Date()): AsyncGenerator<FlagView[]> {
  await requireRole("manager");
  const since = new Date(now.getTime() - q.days * 86_400_000);
  const where = listWhere(q, since);
  let cursor: { at: Date; id: string } | null = null;
  for (;;) {
    const rows: FlagRow[] = await prisma.$queryRaw<FlagRow[]>`
      SELECT f.id, f.call_id AS "callId", f.debt_key AS "debtKey", f.portfolio, f.rule, f."check", f.citation, f.severity, f.message,
             f.placed_at AS "placedAt", f.status, f.status_reason AS "statusReason", f.status_by AS "statusBy", f.status_at AS "statusAt"
        FROM compliance_flags f
       WHERE ${where} ${cursor ? Prisma.sql`AND (f.placed_at, f.id) < (${cursor.at}, ${cursor.id}::uuid)` : Prisma.empty}
       ORDER BY f.placed_at DESC, f.id DESC LIMIT 1000`;
    if (rows.length === 0) return;
    yield rows.map(flagView);
    const last = rows[rows.length - 1]!;
    cursor = { at: last.placedAt, id: last.id };
    if (rows.length < 1000) return;
  }
}

export interface SettingsForm {
  stored: StoredComplianceSettings;
  defaults: ComplianceSettings;
  /** The effective settings of the defaults and of each configured portfolio. */
  effective: Record<string, ComplianceSettings>;
  /** Portfolios seen on debts, so the admin can configure one that has none yet. */
  portfolios: string[];
  rules: string[];
}

/** The admin settings page's data. */
export async function complianceSettingsForm(): Promise<SettingsForm> {
  await requireRole("admin");
  const [settings, rows] = await Promise.all([
    loadComplianceSettings(prisma),
    prisma.$queryRaw<{ portfolio: string }[]>`SELECT DISTINCT portfolio FROM crm_debts WHERE portfolio IS NOT NULL ORDER BY 1 LIMIT 500`,
  ]);
  const names = Object.keys(settings.stored.portfolios).sort();
  return {
    stored: settings.stored,
    defaults: DEFAULT_SETTINGS,
    effective: Object.fromEntries([["", settings.forPortfolio(null)], ...names.map((n) => [n, settings.forPortfolio(n)])]),
    portfolios: [...new Set([...rows.map((r) => r.portfolio), ...names])].sort(),
    rules: ALL_RULES,
  };
}
