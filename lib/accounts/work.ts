import "server-only";
import { z } from "zod";
import { requireRole, type Viewer } from "@/lib/auth/guard";
import { hasRole, type Role } from "@/lib/auth/roles";
import { API_KEY_VIEWER_PREFIX } from "@/lib/auth/viewer";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { ValidationError } from "@/lib/http/errors";
import { QUEUE_LABELS, QUEUES, type QueueName, queueSql, type Scope, walkSql } from "./work-queues";
import { type AgentSummary, readAgentSummary } from "./work-summary";

export { type AgentSummary, QUEUE_LABELS, QUEUES, type QueueName };

/**
 * My work: the agent's queues, read straight from the derived crm_* rows.
 *
 * - broken: broken promises with no right-party contact since they broke,
 *   the most recent break first;
 * - due: pending promises due today or tomorrow in the promise's own zone;
 * - callbacks_due / callbacks_overdue: open callbacks whose time has come,
 *   today in the contact's zone, or on an earlier local day;
 * - review: promises flagged Needs review (no date, no amount, low confidence);
 * - numbers: numbers marked wrong or not in service.
 *
 * An item is `<queue>:<id>`. Done and snooze are crm_account_events rows
 * (`work_done`, `work_snooze` with `until`), never derived, so they survive
 * re-derivation and a rebuild; a snooze hides its item until `until` passes.
 *
 * Ownership: an agent sees their own accounts and the unassigned ones (a
 * callback assigned to someone else follows its assignee); a manager sees
 * everything and may filter by agent (`agent=<user id>` or `unassigned`).
 *
 * Sorted soonest first (due, callbacks, review, numbers: the earliest first;
 * broken: the latest break first, the one still worth a call).
 *
 * Counts stop at COUNT_CAP (shown as "1,000+"): each queue's on the page, and
 * the navigation's total of every queue together. The managers' per-agent
 * summary is exact and counted by the worker every minute (a whole count of
 * every open item: 1.4 s at 1,000,000 calls), read here as last counted
 * (lib/accounts/work-summary.ts).
 *
 * Speed: each queue is one statement, an ordered index scan that stops after
 * COUNT_CAP + 1 rows (the count) whose first ITEMS_PER_QUEUE rows are the page;
 * the account is read in the walk only when the owner or the right-party
 * contact is tested. The navigation's count is one walk across the queues that
 * stops at the cap. So the page costs about the same at 1,000,000 calls as at
 * 200 (indexes in migrations 20261202030000_work and 20261202080000_work_speed).
 */

export const ITEMS_PER_QUEUE = 50;
export const COUNT_CAP = 1000;
export const WORK_EVENT_KINDS = ["work_done", "work_snooze"] as const;

export interface WorkItem {
  /** `<queue>:<id>`: what done / snooze name. */
  item: string;
  queue: QueueName;
  accountId: string;
  accountKey: string;
  assigneeId: string | null;
  assigneeName: string | null;
  /** What the row is about, in plain words. */
  title: string;
  /** The instant the row sorts by (due, broke, callback time, number marked). */
  at: Date | null;
  /** The local date / time the row is about, in the contact's zone ("2026-12-02", "17:00"). */
  localDate: string | null;
  localTime: string | null;
  timeZone: string;
  amountCents: number | null;
  currency: string | null;
  /** today | tomorrow for due promises. */
  when: string | null;
  number: string | null;
  nextCallAt: Date | null;
  nextCallReason: string | null;
}

export interface WorkQueue {
  name: QueueName;
  label: string;
  /** Capped at COUNT_CAP; `countCapped` says the real number is at least that. */
  count: number;
  countCapped: boolean;
  items: WorkItem[];
}

export interface WorkView {
  queues: WorkQueue[];
  total: number;
  totalCapped: boolean;
  scope: Scope;
  /** Managers: each agent's open work (and the unassigned pile), as last counted. */
  agents: { rows: AgentSummary[]; countedAt: Date } | null;
  /** Managers: whom they may filter by. */
  people: { id: string; name: string; role: string }[] | null;
}

export const workQuerySchema = z
  .object({
    agent: z
      .string()
      .trim()
      .max(100, "agent: at most 100 characters")
      .regex(/^[A-Za-z0-9_-]+$/, "agent: a user id, `unassigned` or `all`")
      .optional(),
    queue: z.enum(QUEUES, { message: `queue: one of ${QUEUES.join(", ")}` }).optional(),
    limit: z.coerce
      .number({ message: "limit: a number" })
      .int("limit: a whole number")
      .min(1, "limit: at least 1")
      .max(ITEMS_PER_QUEUE, `limit: at most ${ITEMS_PER_QUEUE}`)
      .optional(),
  })
  .strict();

export type WorkQuery = z.infer<typeof workQuerySchema>;

export function parseWorkQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): WorkQuery {
  const entries =
    params instanceof URLSearchParams
      ? Object.fromEntries(params.entries())
      : Object.fromEntries(Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : [[k, Array.isArray(v) ? v[0] : v]])));
  const parsed = workQuerySchema.safeParse(entries);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, parsed.error.issues[0]?.message ?? "The query is not valid.");
  return parsed.data;
}

/** The person whose queue this is: a user, or for an API key the admin who created it. */
async function actingUser(viewer: Viewer): Promise<{ id: string | null; role: Role }> {
  if (viewer.via !== "apiKey") return { id: viewer.id, role: viewer.role };
  const key = await prisma.apiKey.findUnique({
    where: { id: viewer.id.slice(API_KEY_VIEWER_PREFIX.length) },
    select: { createdById: true },
  });
  return { id: key?.createdById ?? null, role: viewer.role };
}

function scopeFor(user: { id: string | null; role: Role }, query: WorkQuery): Scope {
  const manager = hasRole(user.role, "manager");
  if (!manager) return { kind: "mine", userId: user.id };
  if (!query.agent || query.agent === "all") return { kind: "all", userId: null };
  if (query.agent === "unassigned") return { kind: "unassigned", userId: null };
  if (query.agent === "mine") return { kind: "mine", userId: user.id };
  return { kind: "agent", userId: query.agent };
}

interface Row {
  item: string;
  accountId: string;
  kind: string;
  at: Date | null;
  localDate: string | null;
  localTime: string | null;
  timeZone: string;
  amountCents: number | null;
  currency: string | null;
  when: string | null;
  number: string | null;
  reasons: string[];
  status: string;
  accountKey: string;
  assigneeId: string | null;
  assigneeName: string | null;
  nextCallAt: Date | null;
  nextCallReason: string | null;
}

function money(cents: number | null, currency: string | null): string {
  if (cents === null) return "an unknown amount";
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency || "USD" }).format(cents / 100);
}

const REASONS: Record<string, string> = {
  no_date: "no date",
  no_amount: "no amount",
  low_confidence: "low confidence",
};

function titleOf(name: QueueName, r: Row): string {
  const kind = r.kind === "extension" ? "Extension" : r.kind === "installment" ? "Installment" : "Promise";
  switch (name) {
    case "broken":
      return `${kind} of ${money(r.amountCents, r.currency)} due ${r.localDate} broken`;
    case "due":
      return `${kind} of ${money(r.amountCents, r.currency)} due ${r.when}`;
    case "callbacks_due":
      return `Callback requested for ${r.localTime} contact time`;
    case "callbacks_overdue":
      return `Callback requested for ${r.localDate} ${r.localTime} contact time`;
    case "review": {
      const why = r.reasons.map((x) => REASONS[x] ?? x.replaceAll("_", " ")).join(", ") || "check it";
      return `${kind} of ${money(r.amountCents, r.currency)}${r.localDate ? ` due ${r.localDate}` : ""}: ${why}`;
    }
    case "numbers":
      return `${r.number} is ${r.kind === "wrong_number" ? "a wrong number" : "not in service"}`;
  }
}

/**
 * Runs a queue's walk without parallel workers. Each walk stops after COUNT_CAP + 1 rows, which the planner still
 * costs as a share of the whole queue and so gathers from two parallel workers: at 1,000,000 calls their start-up
 * alone was 9-14 ms per queue, and the page's six walks (run at once) then competed for the same two cores
 * (own + unassigned: 98 ms p50 with them, the walks 15-20 ms each without).
 */
function serial<T>(query: Prisma.PrismaPromise<T>): Promise<T> {
  return prisma.$transaction([prisma.$executeRaw`SET LOCAL max_parallel_workers_per_gather = 0`, query]).then(([, result]) => result);
}

/**
 * One statement per queue: a single ordered walk of at most COUNT_CAP + 1 rows gives both the capped count and, in
 * the same order, the page (the first `limit` of them, whose display columns are read for those rows only).
 */
async function readQueue(name: QueueName, scope: Scope, limit: number): Promise<WorkQueue> {
  const q = queueSql(name);
  const walk = walkSql(q, scope);
  const rows = await serial(prisma.$queryRaw<(Partial<Row> & { n: number })[]>`
    WITH hit AS MATERIALIZED (
      SELECT ${q.keys}, row_number() OVER (ORDER BY ${q.order}) AS rn
        FROM ${walk.from}
       WHERE ${walk.where}
       ORDER BY ${q.order}
       LIMIT ${COUNT_CAP + 1})
    SELECT t.n, r.* FROM (SELECT count(*)::int AS n FROM hit) t
    LEFT JOIN LATERAL (
      SELECT ${q.select}, a.key AS "accountKey", ${q.owner} AS "assigneeId", u.name AS "assigneeName",
             a.next_call_at AS "nextCallAt", a.next_call_reason AS "nextCallReason", hit.rn
        FROM hit JOIN ${q.base} ON ${q.match} JOIN crm_accounts a ON a.id = ${q.accountId} LEFT JOIN users u ON u.id = ${q.owner}
       WHERE hit.rn <= ${limit}) r ON TRUE
    ORDER BY r.rn`);
  const n = rows[0]?.n ?? 0;
  const page = rows.filter((r): r is Row & { n: number } => typeof r.item === "string");
  return {
    name,
    label: QUEUE_LABELS[name],
    count: Math.min(n, COUNT_CAP),
    countCapped: n > COUNT_CAP,
    items: page.map((r) => ({
      item: r.item,
      queue: name,
      accountId: r.accountId,
      accountKey: r.accountKey,
      assigneeId: r.assigneeId,
      assigneeName: r.assigneeName,
      title: titleOf(name, r),
      at: r.at,
      localDate: r.localDate,
      localTime: r.localTime,
      timeZone: r.timeZone,
      amountCents: r.amountCents,
      currency: r.currency,
      when: r.when,
      number: r.number,
      nextCallAt: r.nextCallAt,
      nextCallReason: r.nextCallReason,
    })),
  };
}

/** The signed-in person's queues (agents: own + unassigned; managers: all or one agent's). */
/** GET /api/work: who is asking comes before what they asked (an anonymous caller with a bad query gets 401, not the validation error). */
export async function getWorkForRequest(params: URLSearchParams, options: { summary?: boolean } = {}): Promise<WorkView> {
  await requireRole("agent");
  return getWork(parseWorkQuery(params), options);
}

export async function getWork(query: WorkQuery = {}, options: { summary?: boolean } = {}): Promise<WorkView> {
  const viewer = await requireRole("agent");
  const user = await actingUser(viewer);
  const scope = scopeFor(user, query);
  const names = query.queue ? [query.queue] : QUEUES;
  const limit = query.limit ?? ITEMS_PER_QUEUE;
  const manager = hasRole(user.role, "manager");
  const [queues, agents, people] = await Promise.all([
    Promise.all(names.map((name) => readQueue(name, scope, limit))),
    manager && options.summary ? readAgentSummary(prisma) : Promise.resolve(null),
    manager
      ? prisma.user.findMany({ where: { banned: false }, select: { id: true, name: true, role: true }, orderBy: { name: "asc" } })
      : Promise.resolve(null),
  ]);
  return {
    queues,
    total: queues.reduce((n, q) => n + q.count, 0),
    totalCapped: queues.some((q) => q.countCapped),
    scope,
    agents,
    people,
  };
}

/**
 * The count beside "My work" in the navigation: the viewer's open items, every queue together, counted up to
 * COUNT_CAP + 1 and shown as "1,000+" past COUNT_CAP (one walk that stops at the cap, not one per queue).
 */
export async function getWorkCount(): Promise<{ count: number; capped: boolean }> {
  const viewer = await requireRole("agent");
  const user = await actingUser(viewer);
  const scope: Scope = { kind: "mine", userId: user.id };
  const parts = NAV_ORDER.map((name) => {
    const walk = walkSql(queueSql(name), scope);
    return Prisma.sql`SELECT 1 FROM ${walk.from} WHERE ${walk.where}`;
  });
  const counted = await serial(prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (${Prisma.join(parts, " UNION ALL ")} LIMIT ${COUNT_CAP + 1}) capped`);
  const n = counted[0]?.n ?? 0;
  return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

/** The navigation count's walk order: the queues whose rows cost least to test first. */
const NAV_ORDER: readonly QueueName[] = ["numbers", "due", "review", "callbacks_overdue", "callbacks_due", "broken"];
