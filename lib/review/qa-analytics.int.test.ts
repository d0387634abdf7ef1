import { beforeAll, describe, expect, it } from "vitest";
import { toAnalyticsQuery } from "@/lib/analytics/query";
import type { Viewer } from "@/lib/auth/guard";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import { seedDemoData } from "@/lib/demo/seed";
import { testPool, useTestDatabase } from "@/lib/testing/database";
import { getQaAnalytics } from "./qa-analytics";
import { readQueue } from "./queue";
import { wilsonInterval } from "./wilson";

const { url } = useTestDatabase();
const MANAGER: Viewer = { id: "api_key:m", email: "m@test", name: "M", role: "manager", via: "apiKey" };
const NOW = new Date("2026-11-30T12:00:00.000Z");

beforeAll(async () => {
  await seedDemoData(url(), { calls: 4000, now: NOW, onlyIfEmpty: false, log: () => {} });
}, 120_000);

describe("demo QA data and the QA figures", () => {
  it("seeds scored calls (some failing a critical question at 0), review verdicts and agents' overrides", async () => {
    const { rows } = await testPool().query(
      `SELECT count(*)::int AS reviews, count(*) FILTER (WHERE critical_failed AND score = 0)::int AS critical,
              (SELECT count(*)::int FROM call_verdicts WHERE source = 'override') AS overrides,
              (SELECT count(*)::int FROM call_verdicts WHERE source = 'review' AND corrected) AS corrected,
              (SELECT count(DISTINCT version_id)::int FROM qa_reviews) AS versions
         FROM qa_reviews`,
    );
    expect(rows[0].reviews).toBeGreaterThan(50);
    expect(rows[0].critical).toBeGreaterThan(0);
    expect(rows[0].overrides).toBeGreaterThan(0);
    expect(rows[0].corrected).toBeGreaterThan(0);
    expect(rows[0].versions).toBe(2);
  });

  it("counts fails per question and their Wilson interval exactly as a direct SQL count does", async () => {
    const q = toAnalyticsQuery({ tz: "UTC", from: "2026-07-01", to: "2026-12-01" }, NOW);
    const qa = await runAsTrustedViewer(MANAGER, () => getQaAnalytics(q, { limit: 50 }));
    const { rows } = await testPool().query<{ question_id: string; fails: number; n: number }>(
      `SELECT question_id, count(*) FILTER (WHERE failed)::int AS fails, count(*)::int AS n
         FROM qa_review_answers WHERE answer <> 'na' GROUP BY 1`,
    );
    expect(qa.failedQuestions.length).toBeGreaterThan(0);
    for (const f of qa.failedQuestions) {
      const direct = rows.find((r) => r.question_id === f.questionId)!;
      expect([f.k, f.n]).toEqual([direct.fails, direct.n]);
      expect(f.low).toBeCloseTo(wilsonInterval(direct.fails, direct.n)!.low, 10);
    }
    const total = await testPool().query<{ n: number }>("SELECT count(*)::int AS n FROM qa_reviews WHERE score IS NOT NULL");
    expect(qa.reviews).toBe(total.rows[0]!.n);
    expect(qa.distribution.reduce((s, d) => s + d.reviews, 0)).toBe(qa.reviews);
  });

  it("leaves the last two weeks to the review queue", async () => {
    const queue = await runAsTrustedViewer(MANAGER, () => readQueue({ now: NOW }));
    expect(queue.total).toBeGreaterThan(5);
  });
});
