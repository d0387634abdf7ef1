import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/guard";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import { prisma } from "@/lib/db/client";
import { insertCall } from "@/lib/testing/calls";
import { testPool, useTestDatabase } from "@/lib/testing/database";
import { claimForReview, readQueue } from "./queue";
import { listReviews, submitReview } from "./reviews";
import { sampleBucket } from "./sample";
import type { ScorecardDefinition } from "./scorecard-schema";
import { publishScorecard } from "./scorecards";
import { saveQueueSettings } from "./settings";

useTestDatabase();

const viewer = (id: string, role: Viewer["role"]): Viewer => ({ id: `api_key:${id}`, email: `${id}@test`, name: id, role, via: "apiKey" });
const ADMIN = viewer("admin", "admin");
const ANN = viewer("ann", "manager");
const BOB = viewer("bob", "manager");
const AGENT = viewer("agent", "agent");
const as = <T>(v: Viewer, fn: () => Promise<T>) => runAsTrustedViewer(v, fn);

const V1: ScorecardDefinition = {
  sections: [
    {
      id: "opening",
      title: "Opening",
      questions: [
        { id: "disclosure", text: "Gave the mini-Miranda", type: "yes_no", weight: 2, critical: true },
        { id: "empathy", text: "Showed empathy", type: "scale", weight: 1, critical: false },
      ],
    },
  ],
};

let callId = "";
let v1 = "";

beforeAll(async () => {
  const call = await insertCall(testPool(), { callOutput: "PAYMENT PROMISE", sentimentOutput: "NEUTRAL" });
  callId = call.id;
  v1 = (await as(ADMIN, () => publishScorecard({ name: "Collections QA", definition: V1 }))).versionId;
});

describe("QA reviews", () => {
  it("stores a failing critical question as a score of 0 and records the reviewer's verdict", async () => {
    const review = await as(ANN, () =>
      submitReview(callId, {
        versionId: v1,
        answers: [
          { questionId: "disclosure", answer: "no", comment: "Never said it", turn: 2 },
          { questionId: "empathy", answer: "5" },
        ],
        outcome: "NOT INTERESTED",
        sentiment: "NEUTRAL",
        reason: "The debtor refused to pay",
      }),
    );
    expect(review).toMatchObject({ score: 0, criticalFailed: true, version: 1 });
    const stored = await testPool().query("SELECT score, critical_failed FROM qa_reviews WHERE id = $1", [review.id]);
    expect(stored.rows[0]).toEqual({ score: 0, critical_failed: true });
    const verdict = await prisma.callVerdict.findUnique({ where: { callId } });
    expect(verdict).toMatchObject({ outcome: "NOT INTERESTED", aiOutcome: "PAYMENT PROMISE", source: "review", reviewId: review.id });
  });

  it("keeps an old review on the version it was scored on after a new version is published", async () => {
    const v2 = await as(ADMIN, async () => {
      const current = await prisma.qaScorecardVersion.findUniqueOrThrow({ where: { id: v1 }, select: { scorecardId: true } });
      return publishScorecard({
        scorecardId: current.scorecardId,
        definition: {
          sections: [
            { ...V1.sections[0]!, questions: [{ id: "close", text: "Closed politely", type: "yes_no", weight: 1, critical: false }] },
          ],
        },
      });
    });
    expect(v2.version).toBe(2);
    await as(BOB, () =>
      submitReview(callId, {
        versionId: v2.versionId,
        answers: [{ questionId: "close", answer: "yes" }],
        outcome: "PAYMENT PROMISE",
        sentiment: "NEUTRAL",
      }),
    );
    const reviews = await as(ANN, () => listReviews(callId));
    expect(reviews.map((r) => [r.version, r.score])).toEqual([
      [2, 100],
      [1, 0],
    ]);
    const old = reviews[1]!;
    expect(old.definition.sections[0]!.questions.map((q) => q.id)).toEqual(["disclosure", "empathy"]);
    expect(old.answers.find((a) => a.questionId === "disclosure")).toMatchObject({
      answer: "no",
      failed: true,
      comment: "Never said it",
      turn: 2,
    });
  });

  it("answers 400 naming the field, 404 for an unknown call, 403 for an agent", async () => {
    await expect(
      as(ANN, () =>
        submitReview(callId, {
          versionId: v1,
          answers: [{ questionId: "disclosure", answer: "3" }],
          outcome: "PAYMENT PROMISE",
          sentiment: "NEUTRAL",
        }),
      ),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining("answers.0.answer must be yes, no or na") });
    await expect(
      as(ANN, () =>
        submitReview(callId, {
          versionId: v1,
          answers: [{ questionId: "disclosure", answer: "yes" }],
          outcome: "PAYMENT PROMISE",
          sentiment: "NEUTRAL",
        }),
      ),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining("answers.empathy is not answered") });
    await expect(as(ANN, () => submitReview("00000000-0000-4000-8000-000000000000", {}))).rejects.toMatchObject({ status: 404 });
    await expect(as(AGENT, () => listReviews(callId))).rejects.toMatchObject({ status: 403 });
  });
});

describe("the review queue", () => {
  it("lets exactly one of two concurrent claims win", async () => {
    const call = await insertCall(testPool(), { callOutput: "PAYMENT PROMISE", sentimentOutput: "NEGATIVE" });
    const results = await Promise.allSettled([as(ANN, () => claimForReview(call.id)), as(BOB, () => claimForReview(call.id))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ status: 409 });
    const claims = await testPool().query("SELECT reviewer_id FROM qa_claims WHERE call_id = $1", [call.id]);
    expect(claims.rows).toHaveLength(1);
    // An expired claim is free again.
    const later = new Date(Date.now() + 31 * 60_000);
    const loser = claims.rows[0].reviewer_id === ANN.id ? BOB : ANN;
    await expect(as(loser, () => claimForReview(call.id, later))).resolves.toMatchObject({ reviewerId: loser.id });
  });

  it("holds sampled connected calls, negative payment calls and low-confidence promises, and drops reviewed ones", async () => {
    await testPool().query("DELETE FROM calls");
    const now = new Date();
    const recent = new Date(now.getTime() - 86_400_000);
    const calls = [];
    for (let i = 0; i < 60; i++)
      calls.push(await insertCall(testPool(), { callOutput: "CALL BACK REQUESTED", sentimentOutput: "NEUTRAL", receivedAt: recent }));
    const negative = await insertCall(testPool(), { callOutput: "PAYMENT PROMISE", sentimentOutput: "NEGATIVE", receivedAt: recent });
    const old = await insertCall(testPool(), {
      callOutput: "PAYMENT PROMISE",
      sentimentOutput: "NEGATIVE",
      receivedAt: new Date(now.getTime() - 30 * 86_400_000),
    });
    const unsure = await insertCall(testPool(), { callOutput: "CALL BACK REQUESTED", sentimentOutput: "NEUTRAL", receivedAt: recent });
    const account = await testPool().query<{ id: string }>(
      "INSERT INTO crm_accounts (key, key_source) VALUES ('tel:+1555', 'number') RETURNING id",
    );
    await testPool().query(
      `INSERT INTO crm_promises (id, account_id, call_id, kind, made_at, time_zone, confidence, source, status, extraction_version)
       VALUES ('p1', $1, $2, 'promise', $3, 'UTC', 'low', 'transcript', 'pending', 1)`,
      [account.rows[0]!.id, unsure.id, recent],
    );
    await as(ADMIN, () => saveQueueSettings({ samplePercent: 25, portfolioRates: {}, claimMinutes: 30 }));

    const queue = await as(ANN, () => readQueue({ limit: 200, now }));
    const inQueue = new Map(queue.items.map((item) => [item.callId, item.reasons]));
    const expectedSample = calls.filter((c) => sampleBucket(c.id) < 2500).map((c) => c.id);
    expect(expectedSample.length).toBeGreaterThan(0);
    for (const id of expectedSample) expect(inQueue.get(id)).toEqual(["sample"]);
    for (const c of calls) if (!expectedSample.includes(c.id)) expect(inQueue.has(c.id)).toBe(false);
    expect(inQueue.get(negative.id)).toContain("negative_payment");
    expect(inQueue.get(unsure.id)).toContain("low_confidence_promise");
    expect(inQueue.has(old.id)).toBe(false);
    expect(queue.total).toBe(inQueue.size);

    // The SQL bucket and the TypeScript one agree.
    const buckets = await testPool().query<{ id: string; b: number }>("SELECT id, qa_sample_bucket(id) AS b FROM calls");
    for (const row of buckets.rows) expect(row.b).toBe(sampleBucket(row.id));

    await as(ANN, () =>
      submitReview(negative.id, {
        versionId: v1,
        answers: [
          { questionId: "disclosure", answer: "yes" },
          { questionId: "empathy", answer: "na" },
        ],
        outcome: "PAYMENT PROMISE",
        sentiment: "NEGATIVE",
      }),
    );
    const after = await as(ANN, () => readQueue({ limit: 200, now }));
    expect(after.items.some((item) => item.callId === negative.id)).toBe(false);
  });
});
