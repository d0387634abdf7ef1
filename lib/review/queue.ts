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

async function candidates(now: Date, settings: QueueSettings): Promise<Prisma.Sql> {
  const from = since(now);
  const maxBuckets = Math.max(rateToBuckets(settings.samplePercent), ...Object.values(settings.portfolioRates).map(rateToBuckets));
  const flags = await openComplianceFlagCalls(from);
  // The sample's first step reads only (received_at, id) from the list index, so
  // only the sampled few calls are fetched from the table.
  return Prisma.sql`
    WITH sampled AS MATERIALIZED (
      SELECT id FROM calls WHERE received_at >= ${from} AND received_at <= ${now} AND qa_sample_bucket(id) < ${maxBuckets}::int
    ), candidates AS (
      SELECT c.id AS call_id, 'sample'::text AS reason FROM sampled s JOIN calls c ON c.id = s.id
       WHERE c.call_output = ANY(${CONNECTED}) AND qa_sample_bucket(c.id) < ${bucketLimit(settings)}
      UNION ALL
      SELECT p.call_id, 'low_confidence_promise' FROM crm_promises p WHERE p.confidence = 'low' AND p.made_at >= ${from}
      UNION ALL
      SELECT c.id, 'negative_payment' FROM calls c
       WHERE c.sentiment_output = 'NEGATIVE' AND c.received_at >= ${from} AND c.received_at <= ${now} AND c.call_output = ANY(${PAYMENT_LIKE})
      ${flags ? Prisma.sql`UNION ALL ${flags}` : Prisma.empty}
    ), open AS (
      SELECT k.call_id, array_agg(DISTINCT k.reason) AS reasons FROM candidates k
       WHERE NOT EXISTS (SELECT 1 FROM qa_reviews r WHERE r.call_id = k.call_id)
       GROUP BY k.call_id
    )`;
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

/** Unguarded: the queue page and API call getReviewQueue. */
export async function readQueue(options: { reason?: QueueReason; limit?: number; now?: Date } = {}): Promise<QueuePage> {
  const now = options.now ?? new Date();
  const settings = await readQueueSettings();
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const reasonFilter = options.reason ? Prisma.sql`AND ${options.reason} = ANY(o.reasons)` : Prisma.empty;
  const rows = await prisma.$queryRaw<Row[]>`
    ${await candidates(now, settings)}
    SELECT o.call_id, c.received_at, c.project_id, c.call_output, c.sentiment_output, c.duration, o.reasons,
           q.reviewer_id AS claim_by, q.reviewer_name AS claim_name, q.expires_at AS claim_expires,
           count(*) OVER () AS total
      FROM open o
      JOIN calls c ON c.id = o.call_id
      LEFT JOIN qa_claims q ON q.call_id = o.call_id AND q.expires_at > ${now}
     WHERE TRUE ${reasonFilter}
     ORDER BY c.received_at DESC, o.call_id DESC
     LIMIT ${limit}`;
  return {
    since: since(now),
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

/** The navigation's count: open queue items nobody else holds. Never throws (a count must not break the page). */
export async function reviewQueueCount(viewer: Viewer, now = new Date()): Promise<number | null> {
  try {
    const rows = await prisma.$queryRaw<{ n: bigint }[]>`
      ${await candidates(now, await readQueueSettings())}
      SELECT count(*) AS n FROM open o
       WHERE NOT EXISTS (SELECT 1 FROM qa_claims q WHERE q.call_id = o.call_id AND q.expires_at > ${now} AND q.reviewer_id <> ${viewer.id})`;
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
