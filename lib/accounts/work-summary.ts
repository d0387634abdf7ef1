import type { PrismaClient } from "@/lib/db/generated/client";
import { Prisma } from "@/lib/db/generated/client";
import { QUEUES, type QueueName, queueSql } from "./work-queues";

/**
 * The managers' per-agent summary on My work: every open item, per owner and
 * queue, exact. Counting it means reading every open item and its account's
 * owner (at 1,000,000 calls ~305,000 items, 1.4 s on 2 cores), which no page
 * should wait for; so the accounts worker recounts it once a minute (its
 * cron, one instance at a time) into crm_work_summary, and the page reads the
 * last count with the time it was taken. When no worker has counted for
 * SUMMARY_MAX_AGE_MS (none running, or a fresh database), the reader counts
 * itself and stores the result for the next reader.
 *
 * No access check: the page reads it behind requireRole("manager").
 */

export interface AgentSummary {
  assigneeId: string | null;
  name: string;
  open: number;
  byQueue: Partial<Record<QueueName, number>>;
}

export interface CountedSummary {
  rows: AgentSummary[];
  countedAt: Date;
}

/** The worker recounts every minute; a count older than this is not served (the reader counts again). */
export const SUMMARY_MAX_AGE_MS = 3 * 60_000;

/**
 * Counts now. Every queue's rows are gathered first and joined to their accounts once (the owner, and for broken
 * promises the right-party contact), then grouped once.
 */
export async function countAgentSummary(db: PrismaClient): Promise<AgentSummary[]> {
  const parts = QUEUES.map((name) => {
    const q = queueSql(name);
    const assignee = q.own ?? Prisma.sql`NULL::text`;
    return Prisma.sql`SELECT ${name}::text AS queue, ${q.accountId} AS account_id, ${assignee} AS assignee,
      ${q.cutoff ?? Prisma.sql`NULL::timestamptz`} AS cutoff FROM ${q.base} WHERE ${q.where}`;
  });
  const rows = await db.$queryRaw<{ queue: QueueName; owner: string | null; n: number }[]>`
    SELECT w.queue, COALESCE(w.assignee, a.assignee_id) AS owner, count(*)::int AS n
      FROM (${Prisma.join(parts, " UNION ALL ")}) w JOIN crm_accounts a ON a.id = w.account_id
     WHERE w.cutoff IS NULL OR a.last_right_party_at IS NULL OR a.last_right_party_at < w.cutoff
     GROUP BY 1, 2`;
  const people = await db.user.findMany({
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

/** Counts and stores the count (the worker's cron task; a reader finding no recent count). */
export async function refreshAgentSummary(db: PrismaClient, now = new Date()): Promise<CountedSummary> {
  const rows = await countAgentSummary(db);
  // A slower count finishing after a newer one must not replace it.
  await db.$executeRaw`
    INSERT INTO crm_work_summary (id, summary, counted_at) VALUES (1, ${JSON.stringify(rows)}::jsonb, ${now})
    ON CONFLICT (id) DO UPDATE SET summary = EXCLUDED.summary, counted_at = EXCLUDED.counted_at
     WHERE crm_work_summary.counted_at <= EXCLUDED.counted_at`;
  return { rows, countedAt: now };
}

/** The last count if it is recent enough, else a new one. */
export async function readAgentSummary(db: PrismaClient, options: { now?: Date; maxAgeMs?: number } = {}): Promise<CountedSummary> {
  const now = options.now ?? new Date();
  const stored = await db.crmWorkSummary.findUnique({ where: { id: 1 } });
  if (stored && now.getTime() - stored.countedAt.getTime() <= (options.maxAgeMs ?? SUMMARY_MAX_AGE_MS))
    return { rows: stored.summary as unknown as AgentSummary[], countedAt: stored.countedAt };
  return refreshAgentSummary(db, now);
}
