import "server-only";
import { z } from "zod";
import { requireRole, type Viewer } from "@/lib/auth/guard";
import { hasRole, type Role } from "@/lib/auth/roles";
import { API_KEY_VIEWER_PREFIX } from "@/lib/auth/viewer";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { ValidationError } from "@/lib/http/errors";

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
 * the navigation's total of every queue together; the managers' per-agent
 * summary is exact.
 *
 * Speed: each queue is one statement, an ordered index scan that stops after
 * COUNT_CAP + 1 rows (the count) whose first ITEMS_PER_QUEUE rows are the page;
 * the account is read in the walk only when the owner or the right-party
 * contact is tested. The navigation's count is one walk across the queues that
 * stops at the cap. So the page costs about the same at 1,000,000 calls as at
 * 200 (indexes in migrations 20261202030000_work and 20261202080000_work_speed).
 */

export const QUEUES = ["broken", "due", "callbacks_due", "callbacks_overdue", "review", "numbers"] as const;
export type QueueName = (typeof QUEUES)[number];

export const QUEUE_LABELS: Record<QueueName, string> = {
  broken: "Broken promises",
  due: "Promises due today and tomorrow",
  callbacks_due: "Callbacks due now",
  callbacks_overdue: "Overdue callbacks",
  review: "Needs review",
  numbers: "Wrong numbers to fix",
};

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

export interface AgentSummary {
  assigneeId: string | null;
  name: string;
  open: number;
  byQueue: Partial<Record<QueueName, number>>;
}

export interface WorkView {
  queues: WorkQueue[];
  total: number;
  totalCapped: boolean;
  /** Who the queues are for: "mine" (own + unassigned), an agent id, "unassigned", or "all". */
  scope: { kind: "mine" | "agent" | "unassigned" | "all"; userId: string | null };
  /** Managers: each agent's open work (and the unassigned pile). */
  agents: AgentSummary[] | null;
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

type Scope = WorkView["scope"];

function scopeFor(user: { id: string | null; role: Role }, query: WorkQuery): Scope {
  const manager = hasRole(user.role, "manager");
  if (!manager) return { kind: "mine", userId: user.id };
  if (!query.agent || query.agent === "all") return { kind: "all", userId: null };
  if (query.agent === "unassigned") return { kind: "unassigned", userId: null };
  if (query.agent === "mine") return { kind: "mine", userId: user.id };
  return { kind: "agent", userId: query.agent };
}

/** The owner condition on an owner expression (the account's assignee). */
function ownerSql(owner: Prisma.Sql, scope: Scope): Prisma.Sql {
  switch (scope.kind) {
    case "all":
      return Prisma.sql`TRUE`;
    case "unassigned":
      return Prisma.sql`${owner} IS NULL`;
    case "agent":
      return Prisma.sql`${owner} = ${scope.userId}`;
    case "mine":
      return scope.userId ? Prisma.sql`(${owner} = ${scope.userId} OR ${owner} IS NULL)` : Prisma.sql`${owner} IS NULL`;
  }
}

/**
 * The owner condition of a queue's row: the row's own assignee (a callback's) wins over the account's. The same as
 * ownerSql on COALESCE(own, a.assignee_id), spelled on the plain columns so the planner can estimate it (on the
 * COALESCE it guessed a few hundred rows of ~90,000 and read them all rather than walk in order to the cap).
 */
function rowOwnerSql(own: Prisma.Sql | null, scope: Scope, accountId: Prisma.Sql): Prisma.Sql {
  const account = ownerSql(ACCOUNT_OWNER, scope);
  if (!own || scope.kind === "all") return account;
  // One agent's: their accounts are few, so they are gathered once (a hashed subplan) rather than each row's account
  // read in turn (an agent with no callbacks made the walk read the account of every open callback, ~90,000).
  if (scope.kind === "agent")
    return Prisma.sql`(${own} = ${scope.userId} OR (${own} IS NULL AND ${accountId} IN (SELECT o.id FROM crm_accounts o WHERE o.assignee_id = ${scope.userId})))`;
  const user = scope.kind === "mine" ? scope.userId : null;
  return user ? Prisma.sql`(${own} = ${user} OR (${own} IS NULL AND ${account}))` : Prisma.sql`(${own} IS NULL AND ${account})`;
}

/** Not done and not snoozed (the snooze's time not yet passed). */
function openSql(accountId: Prisma.Sql, item: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`NOT EXISTS (
    SELECT 1 FROM crm_account_events e
     WHERE e.account_id = ${accountId} AND e.kind IN ('work_done', 'work_snooze') AND e.payload->>'item' = ${item}
       AND (e.kind = 'work_done' OR (e.payload->>'until')::timestamptz > now()))`;
}

interface QueueSql {
  /** The queue's own table and alias (`crm_promises p`). */
  base: Prisma.Sql;
  /** The base row's account (`p.account_id`). */
  accountId: Prisma.Sql;
  /** The base row's key, carried from the walk to the page (`p.id AS k`), and how the page finds the row again. */
  keys: Prisma.Sql;
  match: Prisma.Sql;
  /** The queue's condition on the base row (the done / snooze probe included). */
  where: Prisma.Sql;
  /** Broken only: the instant a right-party contact must be older than (the queue then reads the account). */
  cutoff: Prisma.Sql | null;
  select: Prisma.Sql;
  order: Prisma.Sql;
  /** Who the row is for (`a.assignee_id`, or a callback's own assignee before it). */
  owner: Prisma.Sql;
  /** The row's own assignee, if it has one (callbacks). */
  own: Prisma.Sql | null;
}

const ACCOUNT_OWNER = Prisma.sql`a.assignee_id`;
const CALLBACK_OWNER = Prisma.sql`COALESCE(cb.assignee, a.assignee_id)`;
const PROMISE_ITEM = (queue: string) => Prisma.sql`${`${queue}:`} || p.id`;
const PROMISE_KEYS = {
  base: Prisma.sql`crm_promises p`,
  accountId: Prisma.sql`p.account_id`,
  keys: Prisma.sql`p.id AS k`,
  match: Prisma.sql`p.id = hit.k`,
};

/** The condition on the account a queue's row belongs to (a right-party contact since the break clears a broken promise). */
function accountWhere(q: QueueSql): Prisma.Sql {
  return q.cutoff ? Prisma.sql`(a.last_right_party_at IS NULL OR a.last_right_party_at < ${q.cutoff})` : Prisma.sql`TRUE`;
}

function queueSql(name: QueueName): QueueSql {
  const promiseSelect = (queue: QueueName, when: Prisma.Sql, at: Prisma.Sql) => Prisma.sql`
    ${`${queue}:`} || p.id AS item, p.account_id AS "accountId", p.kind AS kind, ${at} AS at, p.due_date::text AS "localDate",
    NULL::text AS "localTime", p.time_zone AS "timeZone", p.amount_cents AS "amountCents", p.currency, ${when} AS "when",
    NULL::text AS number, p.review_reasons AS reasons, p.status`;
  switch (name) {
    case "broken":
      return {
        ...PROMISE_KEYS,
        owner: ACCOUNT_OWNER,
        own: null,
        // Most recent break first: a fresh broken promise is the one worth a call. Pending promises whose day has passed
        // turn broken at the next maturing sweep (every 5 minutes), so the queue reads the partial index of broken ones only.
        where: Prisma.sql`p.status = 'broken' AND p.due_date IS NOT NULL
          AND ${openSql(Prisma.sql`p.account_id`, PROMISE_ITEM("broken"))}`,
        cutoff: Prisma.sql`COALESCE(p.status_at, p.breaks_at, now())`,
        select: promiseSelect("broken", Prisma.sql`NULL::text`, Prisma.sql`COALESCE(p.status_at, p.breaks_at)`),
        order: Prisma.sql`p.due_date DESC, p.id DESC`,
      };
    case "due": {
      const today = Prisma.sql`(now() AT TIME ZONE p.time_zone)::date`;
      return {
        ...PROMISE_KEYS,
        owner: ACCOUNT_OWNER,
        own: null,
        // The outer range (UTC day −1 … +2) lets the index narrow before the per-zone test.
        where: Prisma.sql`p.status = 'pending'
          AND p.due_date BETWEEN (now() AT TIME ZONE 'UTC')::date - 1 AND (now() AT TIME ZONE 'UTC')::date + 2
          AND p.due_date BETWEEN ${today} AND ${today} + 1
          AND (p.breaks_at IS NULL OR p.breaks_at > now())
          AND ${openSql(Prisma.sql`p.account_id`, PROMISE_ITEM("due"))}`,
        cutoff: null,
        select: promiseSelect(
          "due",
          Prisma.sql`CASE WHEN p.due_date = ${today} THEN 'today' ELSE 'tomorrow' END`,
          Prisma.sql`p.due_date::timestamp AT TIME ZONE p.time_zone`,
        ),
        order: Prisma.sql`p.due_date, p.id`,
      };
    }
    case "callbacks_due":
    case "callbacks_overdue": {
      const localToday = Prisma.sql`to_char(now() AT TIME ZONE cb.time_zone, 'YYYY-MM-DD')`;
      return {
        base: Prisma.sql`crm_callbacks cb`,
        accountId: Prisma.sql`cb.account_id`,
        keys: Prisma.sql`cb.id AS k`,
        match: Prisma.sql`cb.id = hit.k`,
        owner: CALLBACK_OWNER,
        own: Prisma.sql`cb.assignee`,
        // Due now: the local day is today in the contact's zone, and no zone's today is before yesterday in UTC (every
        // zone's offset lies within −12 h … +14 h), so the index narrows to the last UTC day and later before the per-zone
        // test (without it the walk passes every overdue callback first).
        where: Prisma.sql`cb.status = 'open' AND cb.due_at <= now()
          AND ${
            name === "callbacks_due"
              ? Prisma.sql`cb.local_date >= to_char(now() AT TIME ZONE 'UTC' - interval '1 day', 'YYYY-MM-DD') AND cb.local_date >= ${localToday}`
              : Prisma.sql`cb.local_date < ${localToday}`
          }
          AND ${openSql(Prisma.sql`cb.account_id`, Prisma.sql`${`${name}:`} || cb.id`)}`,
        cutoff: null,
        select: Prisma.sql`${`${name}:`} || cb.id AS item, cb.account_id AS "accountId", 'callback' AS kind, cb.due_at AS at,
          cb.local_date AS "localDate", cb.local_time AS "localTime", cb.time_zone AS "timeZone", NULL::int AS "amountCents",
          NULL::text AS currency, NULL::text AS "when", NULL::text AS number, ARRAY[]::text[] AS reasons, cb.status`,
        order: Prisma.sql`cb.due_at, cb.id`,
      };
    }
    case "review":
      return {
        ...PROMISE_KEYS,
        owner: ACCOUNT_OWNER,
        own: null,
        where: Prisma.sql`p.needs_review AND p.status IN ('pending', 'broken')
          AND ${openSql(Prisma.sql`p.account_id`, PROMISE_ITEM("review"))}`,
        cutoff: null,
        select: promiseSelect("review", Prisma.sql`NULL::text`, Prisma.sql`p.made_at`),
        order: Prisma.sql`p.made_at, p.id`,
      };
    case "numbers":
      return {
        base: Prisma.sql`crm_account_numbers n`,
        accountId: Prisma.sql`n.account_id`,
        keys: Prisma.sql`n.account_id AS k, n.number AS k2`,
        match: Prisma.sql`n.account_id = hit.k AND n.number = hit.k2`,
        owner: ACCOUNT_OWNER,
        own: null,
        where: Prisma.sql`n.status IN ('wrong_number', 'not_in_service')
          AND ${openSql(Prisma.sql`n.account_id`, Prisma.sql`'numbers:' || n.account_id::text || ':' || n.number`)}`,
        cutoff: null,
        select: Prisma.sql`'numbers:' || n.account_id::text || ':' || n.number AS item, n.account_id AS "accountId", n.status AS kind,
          n.since AS at, NULL::text AS "localDate", NULL::text AS "localTime",
          COALESCE((SELECT l.time_zone FROM crm_call_links l WHERE l.account_id = n.account_id ORDER BY l.placed_at DESC LIMIT 1), 'UTC') AS "timeZone",
          NULL::int AS "amountCents", NULL::text AS currency, NULL::text AS "when", n.number, ARRAY[]::text[] AS reasons, n.status`,
        order: Prisma.sql`n.since, n.account_id, n.number`,
      };
  }
}

/** The rows a queue walks for a scope: the base table, joined to the account only when the condition reads it. */
function walkSql(q: QueueSql, scope: Scope): { from: Prisma.Sql; where: Prisma.Sql } {
  const needsAccount = q.cutoff !== null || (scope.kind !== "all" && !(q.own && scope.kind === "agent"));
  return {
    from: needsAccount ? Prisma.sql`${q.base} JOIN crm_accounts a ON a.id = ${q.accountId}` : q.base,
    where: needsAccount
      ? Prisma.sql`${q.where} AND ${accountWhere(q)} AND ${rowOwnerSql(q.own, scope, q.accountId)}`
      : scope.kind === "all"
        ? q.where
        : Prisma.sql`${q.where} AND ${rowOwnerSql(q.own, scope, q.accountId)}`,
  };
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
 * One statement per queue: a single ordered walk of at most COUNT_CAP + 1 rows gives both the capped count and, in
 * the same order, the page (the first `limit` of them, whose display columns are read for those rows only).
 */
async function readQueue(name: QueueName, scope: Scope, limit: number): Promise<WorkQueue> {
  const q = queueSql(name);
  const walk = walkSql(q, scope);
  const rows = await prisma.$queryRaw<(Partial<Row> & { n: number })[]>`
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
    ORDER BY r.rn`;
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

/**
 * Each agent's open work (managers): per owner and queue, uncapped. Every queue's rows are gathered first and joined
 * to their accounts once (the owner, and for broken promises the right-party contact), then grouped once.
 */
async function agentSummary(): Promise<AgentSummary[]> {
  const parts = QUEUES.map((name) => {
    const q = queueSql(name);
    const assignee = q.own ?? Prisma.sql`NULL::text`;
    return Prisma.sql`SELECT ${name}::text AS queue, ${q.accountId} AS account_id, ${assignee} AS assignee,
      ${q.cutoff ?? Prisma.sql`NULL::timestamptz`} AS cutoff FROM ${q.base} WHERE ${q.where}`;
  });
  const rows = await prisma.$queryRaw<{ queue: QueueName; owner: string | null; n: number }[]>`
    SELECT w.queue, COALESCE(w.assignee, a.assignee_id) AS owner, count(*)::int AS n
      FROM (${Prisma.join(parts, " UNION ALL ")}) w JOIN crm_accounts a ON a.id = w.account_id
     WHERE w.cutoff IS NULL OR a.last_right_party_at IS NULL OR a.last_right_party_at < w.cutoff
     GROUP BY 1, 2`;
  const people = await prisma.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.owner).filter((o): o is string => !!o))] } },
    select: { id: true, name: true },
  });
  const names = new Map(people.map((p) => [p.id, p.name]));
  const byOwner = new Map<string | null, AgentSummary>();
  // In QUEUES order, as each agent's byQueue always listed them.
  rows.sort((x, y) => QUEUES.indexOf(x.queue) - QUEUES.indexOf(y.queue));
  for (const r of rows) {
    const s = byOwner.get(r.owner) ?? {
      assigneeId: r.owner,
      name: r.owner ? (names.get(r.owner) ?? r.owner) : "Unassigned",
      open: 0,
      byQueue: {},
    };
    s.open += r.n;
    s.byQueue[r.queue] = (s.byQueue[r.queue] ?? 0) + r.n;
    byOwner.set(r.owner, s);
  }
  return [...byOwner.values()].sort((a, b) => (a.assigneeId === null ? 1 : b.assigneeId === null ? -1 : b.open - a.open));
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
    manager && options.summary ? agentSummary() : Promise.resolve(null),
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
  const counted = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (${Prisma.join(parts, " UNION ALL ")} LIMIT ${COUNT_CAP + 1}) capped`;
  const n = counted[0]?.n ?? 0;
  return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

/** The navigation count's walk order: the queues whose rows cost least to test first. */
const NAV_ORDER: readonly QueueName[] = ["numbers", "due", "review", "callbacks_overdue", "callbacks_due", "broken"];
