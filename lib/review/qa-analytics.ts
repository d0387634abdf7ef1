import "server-only";
import type { AnalyticsQuery } from "@/lib/analytics/query";
import { requireRole } from "@/lib/auth/guard";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { definitionSchema } from "./scorecard-schema";
import { type Proportion, proportion } from "./wilson";

/**
 * QA figures for /analytics: the distribution of review scores and the most
 * failed questions, each with its sample size, fail rates with a 95 % Wilson
 * interval. Reviews of calls received in the analytics period (and portfolio
 * filter) count, like the AI-accuracy figures. Reviews are few (people write
 * them), so both are plain aggregates over qa_reviews joined to calls by id.
 */
export interface QaAnalytics {
  reviews: number;
  criticalFails: number;
  /** Ten bands: 0-9, 10-19, ..., 90-100 (100 goes in the last). */
  distribution: { from: number; to: number; reviews: number }[];
  /** Fail rate per question (k = fails, n = reviews answering it, n/a excluded), most failed first. */
  failedQuestions: (Proportion & { questionId: string; text: string; scorecard: string })[];
}

export async function getQaAnalytics(q: AnalyticsQuery, options: { limit?: number } = {}): Promise<QaAnalytics> {
  await requireRole("manager");
  const { start, end } = q.period;
  const project = q.filters.project.length ? Prisma.sql`AND c.project_id = ANY(${q.filters.project}::text[])` : Prisma.empty;
  const [bands, questions, texts] = await Promise.all([
    prisma.$queryRaw<{ band: number; reviews: number; critical: number }[]>`
      SELECT least(floor(r.score / 10), 9)::int AS band, count(*)::int AS reviews, count(*) FILTER (WHERE r.critical_failed)::int AS critical
        FROM qa_reviews r JOIN calls c ON c.id = r.call_id
       WHERE r.score IS NOT NULL AND c.received_at >= ${start} AND c.received_at < ${end} ${project}
       GROUP BY 1`,
    prisma.$queryRaw<{ scorecard_id: string; question_id: string; fails: number; answered: number }[]>`
      SELECT v.scorecard_id::text, a.question_id, count(*) FILTER (WHERE a.failed)::int AS fails, count(*)::int AS answered
        FROM qa_review_answers a
        JOIN qa_reviews r ON r.id = a.review_id
        JOIN qa_scorecard_versions v ON v.id = r.version_id
        JOIN calls c ON c.id = r.call_id
       WHERE a.answer <> 'na' AND c.received_at >= ${start} AND c.received_at < ${end} ${project}
       GROUP BY 1, 2`,
    // The newest wording of each question names it (ids stay across versions).
    prisma.qaScorecardVersion.findMany({
      orderBy: { version: "asc" },
      select: { scorecardId: true, definition: true, scorecard: { select: { name: true } } },
    }),
  ]);
  const names = new Map<string, { text: string; scorecard: string }>();
  for (const v of texts) {
    const parsed = definitionSchema.safeParse(v.definition);
    if (!parsed.success) continue;
    for (const s of parsed.data.sections)
      for (const question of s.questions)
        names.set(`${v.scorecardId}:${question.id}`, { text: question.text, scorecard: v.scorecard.name });
  }
  const distribution = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i === 9 ? 100 : i * 10 + 9, reviews: 0 }));
  for (const b of bands) distribution[b.band]!.reviews += b.reviews;
  const failedQuestions = questions
    .map((row) => ({
      questionId: row.question_id,
      ...(names.get(`${row.scorecard_id}:${row.question_id}`) ?? { text: row.question_id, scorecard: "" }),
      ...proportion(row.fails, row.answered),
    }))
    .filter((row) => row.k > 0)
    .sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0) || b.n - a.n)
    .slice(0, options.limit ?? 8);
  return {
    reviews: bands.reduce((sum, b) => sum + b.reviews, 0),
    criticalFails: bands.reduce((sum, b) => sum + b.critical, 0),
    distribution,
    failedQuestions,
  };
}
