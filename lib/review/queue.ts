import "server-only";
import { recordAudit } from "@/lib/auth/audit";
import { requireRole, type Viewer } from "@/lib/auth/guard";
import { OUTCOMES, PAYMENT_OUTCOMES, PROMISE_OUTCOMES } from "@/lib/calls/catalogue";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { ConflictError, NotFoundError } from "@/lib/http/errors";
import { QUEUE_REASONS, type QueueReason } from "./queue-reasons";
import { openComplianceFlagCalls } from "./queue-sources";
import { rateToBuckets } from "./sample";
import { type QueueSettings, readQueueSettings } from "./settings";

/**
 * The review queue: the calls of the last QUEUE_DAYS days not reviewed yet
 * that are in the random sample (per portfolio rate, deterministic by call
 * id), have an open compliance flag, a low-confidence promise, or a NEGATIVE
 * sentiment with a payment outcome. A reviewer claims a call before scoring;
 * a claim holds for the configured minutes, and only one reviewer holds it.
 */
export const QUEUE_DAYS = 14;
export { QUEUE_REASONS, type QueueReason };

const CONNECTED = OUTCOMES.filter((o) => o.isConnected).map((o) => o.value);
const PAYMENT_LIKE = [...new Set([...PAYMENT_OUTCOMES, ...PROMISE_OUTCOMES])];

export interface QueueItem {
  callId: string;
  receivedAt: Date;
  portfolio: string | null;
  outcome: string | null;
  sentiment: string | null;
  duration: number;
  reasons: QueueReason[];
  claimedBy: { id: string; name: string; expiresAt: Date } | null;
}

export interface QueuePage {
  items: QueueItem[];
  total: number;
  since: Date;
}

function since(now: Date): Date {
  return new Date(now.getTime() - QUEUE_DAYS * 86_400_000);
}

function bucketLimit(settings: QueueSettings): Prisma.Sql {
  const overrides = Object.entries(settings.portfolioRates);
  const fallback = rateToBuckets(settings.samplePercent);
  if (!overrides.length) return Prisma.sql`${fallback}::int`;
  const cases = overrides.map(([portfolio, pct]) => Prisma.sql`WHEN ${portfolio} THEN ${rateToBuckets(pct)}::int`);
  return Prisma.sql`CASE c.project_id ${Prisma.join(cases, " ")} ELSE ${fallback}::int END`;
}

/**
 * The four sources as predicates, each read through its own index: the sample
 * through calls_qa_sample_idx (received_at, bucket: the bucket is compared in
 * the index, not computed per call), the negative payment calls through
 * calls_qa_negative_idx (index only), low-confidence promises through their partial index, the
 * open flags' calls through compliance_flagged_calls_open_idx (index only). The
 * reasons of a shown call are these same predicates on its row.
 */
interface Sources {
  from: Date;
  now: Date;
  /** On `calls c`. */
  sample: Prisma.Sql;
  negative: Prisma.Sql;
  /** On `crm_promises p`. */
  promise: Prisma.Sql;
  /** SELECT call_id, reason FROM the open flags, or null without the compliance tables. */
  flags: Prisma.Sql | null;
}

async function sources(now: Date, settings: QueueSettings): Promise<Sources> {
  const from = since(now);
  const maxBuckets = Math.max(rateToBuckets(settings.samplePercent), ...Object.values(settings.portfolioRates).map(rateToBuckets));
  return {
    from,
    now,
    sample: Prisma.sql`(c.received_at >= ${from} AND c.received_at <= ${now} AND qa_sample_bucket(c.id) < ${maxBuckets}::int
      AND c.call_output = ANY(${CONNECTED}) AND qa_sample_bucket(c.id) < ${bucketLimit(settings)})`,
    negative: Prisma.sql`(c.sentiment_output = 'NEGATIVE' AND c.received_at >= ${from} AND c.received_at <= ${now}
      AND c.call_output = ANY(${PAYMENT_LIKE}))`,
    promise: Prisma.sql`(p.confidence = 'low' AND p.made_at >= ${from})`,
    flags: await openComplianceFlagCalls(from),
  };
}

// Hashed filters (IS NOT TRUE keeps them filters, not joins): one hash of the (few) reviews or live
// claims, probed per queued call, whatever the planner's estimate of those small tables.
const notReviewed = (id: Prisma.Sql) => Prisma.sql`(${id} IN (SELECT r.call_id FROM qa_reviews r)) IS NOT TRUE`;

/** The non-flag sources' calls (a few thousand in 14 days) with received_at, unreviewed. */
function smallSources(s: Sources, only?: QueueReason): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (!only || only === "sample")
    parts.push(Prisma.sql`SELECT c.id, c.received_at FROM calls c WHERE ${s.sample} AND ${notReviewed(Prisma.sql`c.id`)}`);
  if (!only || only === "negative_payment")
    parts.push(Prisma.sql`SELECT c.id, c.received_at FROM calls c WHERE ${s.negative} AND ${notReviewed(Prisma.sql`c.id`)}`);
  if (!only || only === "low_confidence_promise")
    parts.push(
      Prisma.sql`SELECT c.id, c.received_at FROM crm_promises p JOIN calls c ON c.id = p.call_id WHERE ${s.promise} AND ${notReviewed(Prisma.sql`c.id`)}`,
    );
  return Prisma.join(parts, " UNION ");
}

type Row = {
  call_id: string;
  received_at: Date;
  project_id: string | null;
  call_output: string | null;
  sentiment_output: string | null;
  duration: number;
  reasons: string[];
  claim_by: string | null;
  claim_name: string | null;
  claim_expires: Date | null;
  total: bigint;
};

/**
 * Unguarded: the queue page and API call getReviewQueue.
 *
 * One statement, no read of every queued call: the open flags' calls come
 * from an index-only scan of their one-row-per-call table (for the total), and the first page is
 * the merge of each source's own first `limit` (a call on the page is among
 * the first `limit` of every source it belongs to). The flagged calls' first
 * `limit` walk the calls of the period newest first (calls_received_at_id_idx,
 * index only) checking a hash of the flagged ids; only when fewer than
 * `limit` flagged calls were received in the period are the older flagged
 * calls looked up one by one.
 */
export async function readQueue(options: { reason?: QueueReason; limit?: number; now?: Date } = {}): Promise<QueuePage> {
  const now = options.now ?? new Date();
  const settings = await readQueueSettings();
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const s = await sources(now, settings);
  const only = options.reason;
  const withFlags = s.flags !== null && (!only || only === "compliance_flag");
  const withSmall = only !== "compliance_flag";
  if (!withFlags && !withSmall) return { since: s.from, total: 0, items: [] };

  const ctes: Prisma.Sql[] = [];
  const members: Prisma.Sql[] = [];
  const firsts: Prisma.Sql[] = [];
  if (withFlags) {
    ctes.push(
      Prisma.sql`flagged AS MATERIALIZED (SELECT g.call_id FROM (${s.flags!}) g WHERE ${notReviewed(Prisma.sql`g.call_id`)})`,
      // "IS TRUE" keeps the IN a hashed filter on the ordered walk (not a join that loses the order).
      Prisma.sql`flagged_recent AS MATERIALIZED (
        SELECT c.id, c.received_at FROM calls c
         WHERE c.received_at >= ${s.from} AND (c.id IN (SELECT call_id FROM flagged)) IS TRUE
         ORDER BY c.received_at DESC, c.id DESC LIMIT ${limit})`,
      Prisma.sql`flagged_older AS (
        SELECT DISTINCT c.id, c.received_at FROM flagged k JOIN calls c ON c.id = k.call_id
         WHERE c.received_at < ${s.from} AND (SELECT count(*) FROM flagged_recent) < ${limit}::int
         ORDER BY c.received_at DESC, c.id DESC LIMIT ${limit})`,
    );
    members.push(Prisma.sql`SELECT call_id FROM flagged`);
    firsts.push(Prisma.sql`SELECT id, received_at FROM flagged_recent`, Prisma.sql`SELECT id, received_at FROM flagged_older`);
  }
  if (withSmall) {
    ctes.push(Prisma.sql`small AS MATERIALIZED (${smallSources(s, only)})`);
    members.push(Prisma.sql`SELECT id FROM small`);
    firsts.push(Prisma.sql`(SELECT id, received_at FROM small ORDER BY received_at DESC, id DESC LIMIT ${limit})`);
  }
  const flagReason = s.flags
    ? Prisma.sql`CASE WHEN EXISTS (SELECT 1 FROM (${s.flags}) k WHERE k.call_id = c.id) THEN 'compliance_flag' END`
    : Prisma.sql`NULL`;
  const rows = await prisma.$queryRaw<Row[]>`
    WITH ${Prisma.join(ctes, ", ")},
    page AS (
      SELECT id, received_at FROM (${Prisma.join(firsts, " UNION ")}) f ORDER BY received_at DESC, id DESC LIMIT ${limit}
    ), total AS (
      SELECT count(*) AS n FROM (SELECT DISTINCT m.id FROM (${Prisma.join(members, " UNION ALL ")}) m(id)) d
    )
    SELECT c.id AS call_id, c.received_at, c.project_id, c.call_output, c.sentiment_output, c.duration,
           array_remove(ARRAY[
             ${flagReason},
             CASE WHEN EXISTS (SELECT 1 FROM crm_promises p WHERE p.call_id = c.id AND ${s.promise}) THEN 'low_confidence_promise' END,
             CASE WHEN ${s.negative} THEN 'negative_payment' END,
             CASE WHEN ${s.sample} THEN 'sample' END
           ]::text[], NULL) AS reasons,
           q.reviewer_id AS claim_by, q.reviewer_name AS claim_name, q.expires_at AS claim_expires,
           (SELECT n FROM total) AS total
      FROM page t
      JOIN calls c ON c.id = t.id
      LEFT JOIN qa_claims q ON q.call_id = c.id AND q.expires_at > ${now}
     ORDER BY c.received_at DESC, c.id DESC`;
  return {
    since: s.from,
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      callId: r.call_id,
      receivedAt: r.received_at,
      portfolio: r.project_id,
      outcome: r.call_output,
      sentiment: r.sentiment_output,
      duration: r.duration,
      reasons: r.reasons.filter((x): x is QueueReason => (QUEUE_REASONS as readonly string[]).includes(x)),
      claimedBy: r.claim_by ? { id: r.claim_by, name: r.claim_name ?? "", expiresAt: r.claim_expires! } : null,
    })),
  };
}

export async function getReviewQueue(options: { reason?: QueueReason; limit?: number } = {}): Promise<QueuePage> {
  await requireRole("manager");
  return readQueue(options);
}

/**
 * The navigation's count: open queue items nobody else holds. Never throws (a
 * count must not break the page). The sources' call ids only (the flags from
 * an index-only scan of their per-call table), one hash of the distinct ids, no read of their calls.
 */
export async function reviewQueueCount(viewer: Viewer, now = new Date()): Promise<number | null> {
  try {
    const s = await sources(now, await readQueueSettings());
    const ids = [
      Prisma.sql`SELECT c.id AS call_id FROM calls c WHERE ${s.sample}`,
      Prisma.sql`SELECT c.id FROM calls c WHERE ${s.negative}`,
      Prisma.sql`SELECT p.call_id FROM crm_promises p WHERE ${s.promise}`,
      ...(s.flags ? [Prisma.sql`SELECT g.call_id FROM (${s.flags}) g`] : []),
    ];
    const rows = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (${Prisma.join(ids, " UNION ")}) o
       WHERE ${notReviewed(Prisma.sql`o.call_id`)}
         AND (o.call_id IN (SELECT q.call_id FROM qa_claims q WHERE q.expires_at > ${now} AND q.reviewer_id <> ${viewer.id})) IS NOT TRUE`;
    return Number(rows[0]?.n ?? 0);
  } catch {
    return null;
  }
}

export interface Claim {
  callId: string;
  reviewerId: string;
  reviewerName: string;
  expiresAt: Date;
}

/**
 * Claims a call for the viewer. One statement decides: the row is inserted,
 * or taken over when expired or already the viewer's; otherwise nothing is
 * returned and the caller learns who holds it. Concurrent claims: one wins.
 */
export async function claimForReview(callId: string, now = new Date()): Promise<Claim> {
  const viewer = await requireRole("manager");
  const call = await prisma.call.findUnique({ where: { id: callId }, select: { id: true } }).catch(() => null);
  if (!call) throw new NotFoundError(`No call with id "${callId.slice(0, 64)}".`);
  const { claimMinutes } = await readQueueSettings();
  const expiresAt = new Date(now.getTime() + claimMinutes * 60_000);
  const name = viewer.name || viewer.email;
  const won = await prisma.$queryRaw<{ reviewer_id: string }[]>`
    INSERT INTO qa_claims (call_id, reviewer_id, reviewer_name, claimed_at, expires_at)
    VALUES (${callId}::uuid, ${viewer.id}, ${name}, ${now}, ${expiresAt})
    ON CONFLICT (call_id) DO UPDATE
       SET reviewer_id = EXCLUDED.reviewer_id, reviewer_name = EXCLUDED.reviewer_name,
           claimed_at = EXCLUDED.claimed_at, expires_at = EXCLUDED.expires_at
     WHERE qa_claims.expires_at <= ${now} OR qa_claims.reviewer_id = EXCLUDED.reviewer_id
    RETURNING reviewer_id`;
  if (!won.length) {
    const holder = await prisma.qaClaim.findUnique({ where: { callId } });
    throw new ConflictError(
      `${holder?.reviewerName ?? "Another reviewer"} is reviewing this call (claimed until ${holder?.expiresAt.toISOString() ?? "soon"}). Pick another call from the queue.`,
    );
  }
  await recordAudit({ actorId: viewer.id, action: "review.claim", target: `call:${callId}` });
  return { callId, reviewerId: viewer.id, reviewerName: name, expiresAt };
}

/** The live claim on a call, if any. */
export async function currentClaim(callId: string, now = new Date()): Promise<Claim | null> {
  await requireRole("manager");
  const row = await prisma.qaClaim.findFirst({ where: { callId, expiresAt: { gt: now } } }).catch(() => null);
  return row ? { callId, reviewerId: row.reviewerId, reviewerName: row.reviewerName, expiresAt: row.expiresAt } : null;
}
