import { Prisma } from "@/lib/db/generated/client";

/**
 * My work's queues as SQL: which rows each queue holds, in what order, and
 * whose they are. Shared by the page's reads (lib/accounts/work.ts, behind the
 * role guard) and the worker's per-agent summary (lib/accounts/work-summary.ts),
 * so both count the same rows. No access checks here: callers check.
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

/** Who the queues are for: "mine" (own + unassigned), an agent id, "unassigned", or "all". */
export interface Scope {
  kind: "mine" | "agent" | "unassigned" | "all";
  userId: string | null;
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

export interface QueueSql {
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

export function queueSql(name: QueueName): QueueSql {
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
export function walkSql(q: QueueSql, scope: Scope): { from: Prisma.Sql; where: Prisma.Sql } {
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
