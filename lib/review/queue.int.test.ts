import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/guard";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import { OUTCOMES, PAYMENT_OUTCOMES, PROMISE_OUTCOMES } from "@/lib/calls/catalogue";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { rng } from "@/lib/testing/analytics-calls";
import { testPool, useTestDatabase } from "@/lib/testing/database";
import { QUEUE_DAYS, readQueue, reviewQueueCount } from "./queue";
import { QUEUE_REASONS, type QueueReason } from "./queue-reasons";
import { rateToBuckets } from "./sample";
import { type QueueSettings, readQueueSettings, saveQueueSettings } from "./settings";

/**
 * The queue's statements read each source through its own index and merge
 * each source's first page; this holds them to the plain definition (every
 * source's calls, grouped, minus the reviewed, ordered by received_at, id:
 * the statements the queue used before) on a mixed data set: flags open and
 * closed, placed before and inside the period, on calls older than the
 * period and received after `now`; portfolio sample rates; reviews; claims.
 */
useTestDatabase();

const viewer = (id: string, role: Viewer["role"]): Viewer => ({ id: `api_key:${id}`, email: `${id}@test`, name: id, role, via: "apiKey" });
const ADMIN = viewer("admin", "admin");
const ANN = viewer("ann", "manager");
const BOB = viewer("bob", "manager");
const as = <T>(v: Viewer, fn: () => Promise<T>) => runAsTrustedViewer(v, fn);
const NOW = new Date("2026-11-30T12:00:00.000Z");
const DAY = 86_400_000;

// ---- the reference: the queue's statements as they were (one CTE of every source's rows) ----
const CONNECTED = OUTCOMES.filter((o) => o.isConnected).map((o) => o.value);
const PAYMENT_LIKE = [...new Set([...PAYMENT_OUTCOMES, ...PROMISE_OUTCOMES])];

function referenceBucketLimit(settings: QueueSettings): Prisma.Sql {
  const overrides = Object.entries(settings.portfolioRates);
  const fallback = rateToBuckets(settings.samplePercent);
  if (!overrides.length) return Prisma.sql`${fallback}::int`;
  const cases = overrides.map(([portfolio, pct]) => Prisma.sql`WHEN ${portfolio} THEN ${rateToBuckets(pct)}::int`);
  return Prisma.sql`CASE c.project_id ${Prisma.join(cases, " ")} ELSE ${fallback}::int END`;
}

async function referenceCandidates(now: Date, settings: QueueSettings): Promise<Prisma.Sql> {
  const from = new Date(now.getTime() - QUEUE_DAYS * DAY);
  const maxBuckets = Math.max(rateToBuckets(settings.samplePercent), ...Object.values(settings.portfolioRates).map(rateToBuckets));
  const flags = Prisma.sql`SELECT f.call_id, 'compliance_flag'::text AS reason FROM compliance_flags f WHERE f.status = 'open' AND f.placed_at >= ${from}`;
  return Prisma.sql`
    WITH sampled AS MATERIALIZED (
      SELECT id FROM calls WHERE received_at >= ${from} AND received_at <= ${now} AND qa_sample_bucket(id) < ${maxBuckets}::int
    ), candidates AS (
      SELECT c.id AS call_id, 'sample'::text AS reason FROM sampled s JOIN calls c ON c.id = s.id
       WHERE c.call_output = ANY(${CONNECTED}) AND qa_sample_bucket(c.id) < ${referenceBucketLimit(settings)}
      UNION ALL
      SELECT p.call_id, 'low_confidence_promise' FROM crm_promises p WHERE p.confidence = 'low' AND p.made_at >= ${from}
      UNION ALL
      SELECT c.id, 'negative_payment' FROM calls c
       WHERE c.sentiment_output = 'NEGATIVE' AND c.received_at >= ${from} AND c.received_at <= ${now} AND c.call_output = ANY(${PAYMENT_LIKE})
      UNION ALL ${flags}
    ), open AS (
      SELECT k.call_id, array_agg(DISTINCT k.reason) AS reasons FROM candidates k
       WHERE NOT EXISTS (SELECT 1 FROM qa_reviews r WHERE r.call_id = k.call_id)
       GROUP BY k.call_id
    )`;
}

async function referenceQueue(reason: QueueReason | undefined, limit: number, now: Date) {
  const settings = await readQueueSettings();
  const reasonFilter = reason ? Prisma.sql`AND ${reason} = ANY(o.reasons)` : Prisma.empty;
  const rows = await prisma.$queryRaw<
    {
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
    }[]
  >`
    ${await referenceCandidates(now, settings)}
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
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      callId: r.call_id,
      receivedAt: r.received_at,
      portfolio: r.project_id,
      outcome: r.call_output,
      sentiment: r.sentiment_output,
      duration: r.duration,
      reasons: r.reasons,
      claimedBy: r.claim_by ? { id: r.claim_by, name: r.claim_name ?? "", expiresAt: r.claim_expires! } : null,
    })),
  };
}

async function referenceCount(v: Viewer, now: Date): Promise<number> {
  const rows = await prisma.$queryRaw<{ n: bigint }[]>`
    ${await referenceCandidates(now, await readQueueSettings())}
    SELECT count(*) AS n FROM open o
     WHERE NOT EXISTS (SELECT 1 FROM qa_claims q WHERE q.call_id = o.call_id AND q.expires_at > ${now} AND q.reviewer_id <> ${v.id})`;
  return Number(rows[0]?.n ?? 0);
}

// ---- the data ----
beforeAll(async () => {
  const pool = testPool();
  const random = rng(20261202);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const outcomes = [...OUTCOMES.map((o) => o.value), "SOMETHING NEW", null];
  const sentiments = ["POSITIVE", "NEUTRAL", "NEGATIVE", "NEGATIVE", null];
  const projects = ["p-a", "p-b", "p-c", null];
  const values: unknown[] = [];
  const tuples: string[] = [];
  for (let i = 0; i < 700; i++) {
    // 40 days back, a few received after `now`, and some sharing a received_at (the id breaks the tie).
    const at = i % 50 === 0 ? NOW.getTime() + (i + 1) * 60_000 : NOW.getTime() - Math.floor(random() * 40 * DAY);
    const receivedAt = new Date(i % 17 === 0 ? Math.floor(at / 3_600_000) * 3_600_000 : at);
    const project = pick(projects);
    const base = values.length;
    tuples.push(`($${base + 1}, '+15550000000', '+15551234567', $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6})`);
    values.push(
      `q-${i}`,
      Math.floor(random() * 600),
      pick(outcomes),
      pick(sentiments),
      JSON.stringify(project ? { project_id: project } : {}),
      receivedAt,
    );
  }
  await pool.query(
    `INSERT INTO calls (provider_call_id, number_from, number_to, duration, call_output, sentiment_output, request_metadata, received_at)
     VALUES ${tuples.join(", ")}`,
    values,
  );
  const { rows: calls } = await pool.query<{ id: string; received_at: Date }>(
    "SELECT id, received_at FROM calls ORDER BY provider_call_id",
  );
  const account = await pool.query<{ id: string }>(
    "INSERT INTO crm_accounts (key, key_source) VALUES ('tel:+15551234567', 'number') RETURNING id",
  );
  const accountId = account.rows[0]!.id;

  // Flags on ~40 % of the calls, 1-3 each, open or closed; placed near the call, or (some) weeks later or earlier.
  let flag = 0;
  for (const call of calls) {
    if (random() >= 0.4) continue;
    for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
      const shift = random() < 0.15 ? (random() - 0.5) * 40 * DAY : -random() * 3_600_000;
      const status = pick(["open", "open", "open", "confirmed", "dismissed"]);
      await pool.query(
        `INSERT INTO compliance_flags (flag_key, account_id, call_id, rule, "check", citation, severity, message, rules_version, placed_at, status, status_reason)
         VALUES ($1, $2, $3, 'R1', 'frequency', '1006.14', 'high', 'Too many calls', 'v1', $4, $5, $6)`,
        [
          `k-${flag++}`,
          accountId,
          call.id,
          new Date(call.received_at.getTime() + shift),
          status,
          status === "dismissed" ? "Not a breach" : null,
        ],
      );
    }
  }
  // Promises on 60 calls, any confidence, made near the call or later.
  for (let i = 0; i < 60; i++) {
    const call = pick(calls);
    await pool.query(
      `INSERT INTO crm_promises (id, account_id, call_id, kind, made_at, time_zone, confidence, source, status, extraction_version)
       VALUES ($1, $2, $3, 'promise', $4, 'UTC', $5, 'transcript', 'pending', 1)`,
      [`p-${i}`, accountId, call.id, new Date(call.received_at.getTime() + random() * 20 * DAY), pick(["low", "low", "medium", "high"])],
    );
  }
  // Reviews on 50 calls, claims on 60 (Ann's and Bob's, live and expired).
  const scorecard = await pool.query<{ id: string }>("INSERT INTO qa_scorecards (name) VALUES ('QA') RETURNING id");
  const version = await pool.query<{ id: string }>(
    `INSERT INTO qa_scorecard_versions (scorecard_id, version, definition, published_by) VALUES ($1, 1, '{"sections": []}', 'admin') RETURNING id`,
    [scorecard.rows[0]!.id],
  );
  for (let i = 0; i < 50; i++)
    await pool.query(
      "INSERT INTO qa_reviews (call_id, version_id, reviewer_id, reviewer_name, score, critical_failed) VALUES ($1, $2, 'ann', 'Ann', 80, false)",
      [pick(calls).id, version.rows[0]!.id],
    );
  for (let i = 0; i < 60; i++) {
    const who = pick([ANN, BOB]);
    await pool.query(
      `INSERT INTO qa_claims (call_id, reviewer_id, reviewer_name, claimed_at, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (call_id) DO NOTHING`,
      [pick(calls).id, who.id, who.name, NOW, new Date(NOW.getTime() + (random() < 0.5 ? -1 : 1) * 10 * 60_000)],
    );
  }
  await pool.query("ANALYZE");
}, 120_000);

const RATES: QueueSettings[] = [
  { samplePercent: 20, portfolioRates: { "p-a": 60, "p-b": 0 }, claimMinutes: 30 },
  { samplePercent: 35, portfolioRates: {}, claimMinutes: 30 },
];

describe("the review queue against its plain definition", () => {
  for (const [i, settings] of RATES.entries()) {
    it(`the same page, order, reasons, claims and total for every reason and page size (rates ${i + 1})`, async () => {
      await as(ADMIN, () => saveQueueSettings(settings));
      let pages = 0;
      for (const reason of [undefined, ...QUEUE_REASONS])
        for (const limit of [1, 7, 50, 200]) {
          const expected = await referenceQueue(reason, limit, NOW);
          const actual = await as(ANN, () => readQueue({ reason, limit, now: NOW }));
          expect({ reason, limit, ...actual }).toEqual({ reason, limit, since: new Date(NOW.getTime() - QUEUE_DAYS * DAY), ...expected });
          if (expected.items.length) pages++;
        }
      expect(pages).toBe(20);
      const whole = await referenceQueue(undefined, 200, NOW);
      // The data reaches every branch: each reason, flagged calls older than the period, a page of 200 not filled by the period's flags.
      for (const reason of QUEUE_REASONS) expect(whole.items.some((item) => item.reasons.includes(reason))).toBe(true);
      expect(whole.items.some((item) => item.receivedAt.getTime() < NOW.getTime() - QUEUE_DAYS * DAY)).toBe(true);
      expect(whole.items.some((item) => item.receivedAt.getTime() > NOW.getTime())).toBe(true);
      expect(whole.items.some((item) => item.claimedBy)).toBe(true);
    });

    it(`the same navigation count for each reviewer (rates ${i + 1})`, async () => {
      await as(ADMIN, () => saveQueueSettings(settings));
      const counts = new Map<string, number>();
      for (const v of [ANN, BOB, ADMIN]) {
        const expected = await referenceCount(v, NOW);
        expect(expected).toBeGreaterThan(0);
        expect(await reviewQueueCount(v, NOW)).toBe(expected);
        counts.set(v.id, expected);
      }
      // The data reaches the claims: the admin (who claims nothing) does not count calls Ann or Bob hold, so a reviewer
      // with a live claim in the queue counts more. (Ann's and Bob's counts can be equal by chance: the sample hashes
      // call ids, which are random per run.)
      expect(Math.max(counts.get(ANN.id)!, counts.get(BOB.id)!)).toBeGreaterThan(counts.get(ADMIN.id)!);
    });
  }

  it("at another moment (a period holding other calls) and with nothing sampled", async () => {
    await as(ADMIN, () => saveQueueSettings({ samplePercent: 0, portfolioRates: { "p-c": 100 }, claimMinutes: 30 }));
    for (const now of [new Date(NOW.getTime() - 20 * DAY), new Date(NOW.getTime() + 3 * DAY)])
      for (const reason of [undefined, "sample", "compliance_flag"] as const) {
        const expected = await referenceQueue(reason, 50, now);
        expect(await as(ANN, () => readQueue({ reason, limit: 50, now }))).toEqual({
          since: new Date(now.getTime() - QUEUE_DAYS * DAY),
          ...expected,
        });
        expect(await reviewQueueCount(ANN, now)).toBe(await referenceCount(ANN, now));
      }
  });
});
