import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { requireRole } from "@/lib/auth/guard";
import { OUTCOMES, SENTIMENTS } from "@/lib/calls/catalogue";
import { prisma } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/http/errors";
import { invalidInput, zodIssues } from "./errors";
import { type Answer, allQuestions, answerSchema, definitionSchema, type ScorecardDefinition } from "./scorecard-schema";
import { scorecardVersion } from "./scorecards";
import { isValidAnswer, scoreReview } from "./scoring";
import { setCallVerdict } from "./verdicts";

/**
 * QA reviews: a reviewer (manager and up) scores a call on a scorecard
 * version, with a comment per question (optionally anchored to a transcript
 * turn), and gives their verdict on the AI's outcome and sentiment: the AI's
 * value when they agree, another when they do not. The verdict goes through
 * setCallVerdict (source "review"), so the AI-accuracy figures count it.
 */
const outcomeValues = OUTCOMES.map((o) => o.value) as [string, ...string[]];
const sentimentValues = SENTIMENTS.map((s) => s.value) as [string, ...string[]];

export const reviewInputSchema = z
  .object({
    versionId: z.uuid("must be a scorecard version id"),
    answers: z.array(answerSchema).min(1, "must answer the scorecard's questions").max(1000),
    /** The reviewer's outcome: the AI's own value = agree. */
    outcome: z.enum(outcomeValues, { error: `must be one of: ${outcomeValues.join(", ")}` }),
    sentiment: z.enum(sentimentValues, { error: `must be one of: ${sentimentValues.join(", ")}` }),
    /** Why the reviewer disagrees with the AI (required only when they do). */
    reason: z.string().trim().max(2000).optional(),
  })
  .strict();
export type ReviewInput = z.input<typeof reviewInputSchema>;

export interface ReviewView {
  id: string;
  callId: string;
  scorecardName: string;
  versionId: string;
  version: number;
  definition: ScorecardDefinition;
  reviewerId: string;
  reviewerName: string;
  score: number | null;
  criticalFailed: boolean;
  createdAt: Date;
  answers: (Answer & { failed: boolean })[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function findCall(callId: string) {
  if (!UUID.test(callId)) return null;
  return prisma.call.findUnique({ where: { id: callId }, select: { id: true, callOutput: true, sentimentOutput: true } });
}

function checkAnswers(definition: ScorecardDefinition, answers: Answer[]): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const questions = new Map(allQuestions(definition).map((q) => [q.id, q]));
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    const question = questions.get(a.questionId);
    if (!question)
      issues.push({ path: `answers.${i}.questionId`, message: `"${a.questionId}" is not a question of this scorecard version` });
    else if (!isValidAnswer(question, a.answer))
      issues.push({ path: `answers.${i}.answer`, message: question.type === "yes_no" ? "must be yes, no or na" : "must be 1-5 or na" });
    if (seen.has(a.questionId)) issues.push({ path: `answers.${i}.questionId`, message: `"${a.questionId}" is answered twice` });
    seen.add(a.questionId);
  });
  for (const id of questions.keys()) if (!seen.has(id)) issues.push({ path: `answers.${id}`, message: "is not answered" });
  return issues;
}

/** Scores a call. 404 for an unknown call, 400 naming the field for bad input. */
export async function submitReview(callId: string, input: unknown): Promise<ReviewView> {
  const viewer = await requireRole("manager");
  const call = await findCall(callId);
  if (!call) throw new NotFoundError(`No call with id "${callId.slice(0, 64)}".`);
  const parsed = reviewInputSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(zodIssues(parsed.error), "review");
  const data = parsed.data;
  const version = await scorecardVersion(data.versionId);
  if (!version) throw invalidInput([{ path: "versionId", message: "is not a published scorecard version" }], "review");
  const issues = checkAnswers(version.definition, data.answers);
  const disagrees = data.outcome !== call.callOutput || data.sentiment !== call.sentimentOutput;
  if (disagrees && !data.reason)
    issues.push({ path: "reason", message: "is required when the outcome or sentiment differs from the AI's" });
  if (issues.length) throw invalidInput(issues, "review");

  const claim = await prisma.qaClaim.findFirst({
    where: { callId: call.id, expiresAt: { gt: new Date() }, reviewerId: { not: viewer.id } },
  });
  if (claim) throw new ConflictError(`${claim.reviewerName} is reviewing this call. Pick another call from the queue.`);

  const result = scoreReview(version.definition, data.answers);
  const failed = new Set(result.failed);
  const review = await prisma.$transaction(async (tx) => {
    const row = await tx.qaReview.create({
      data: {
        callId: call.id,
        versionId: version.versionId,
        reviewerId: viewer.id,
        reviewerName: viewer.name || viewer.email,
        score: result.score,
        criticalFailed: result.criticalFailed,
        answers: {
          create: data.answers.map((a) => ({
            questionId: a.questionId,
            answer: a.answer,
            failed: failed.has(a.questionId),
            comment: a.comment || null,
            turn: a.turn ?? null,
          })),
        },
      },
      select: { id: true, createdAt: true },
    });
    await setCallVerdict(
      {
        callId: call.id,
        outcome: data.outcome,
        sentiment: data.sentiment,
        reason: data.reason || "Agrees with the AI (QA review).",
        source: "review",
        reviewId: row.id,
      },
      { tx },
    );
    await tx.qaClaim.deleteMany({ where: { callId: call.id } });
    return row;
  });
  await recordAudit({
    actorId: viewer.id,
    action: "review.submit",
    target: `call:${call.id}`,
    details: { reviewId: review.id, version: version.version, score: result.score, criticalFailed: result.criticalFailed },
  });
  return {
    id: review.id,
    callId: call.id,
    scorecardName: version.name,
    versionId: version.versionId,
    version: version.version,
    definition: version.definition,
    reviewerId: viewer.id,
    reviewerName: viewer.name || viewer.email,
    score: result.score,
    criticalFailed: result.criticalFailed,
    createdAt: review.createdAt,
    answers: data.answers.map((a) => ({ ...a, failed: failed.has(a.questionId) })),
  };
}

/** A call's reviews, newest first, each with the scorecard version it was scored on. 404 for an unknown call. */
export async function listReviews(callId: string): Promise<ReviewView[]> {
  await requireRole("manager");
  if (!(await findCall(callId))) throw new NotFoundError(`No call with id "${callId.slice(0, 64)}".`);
  const rows = await prisma.qaReview.findMany({
    where: { callId },
    orderBy: { createdAt: "desc" },
    include: { answers: true, version: { include: { scorecard: { select: { name: true } } } } },
  });
  return rows.map((r) => {
    const definition = definitionSchema.safeParse(r.version.definition);
    return {
      id: r.id,
      callId: r.callId,
      scorecardName: r.version.scorecard.name,
      versionId: r.versionId,
      version: r.version.version,
      definition: definition.success ? definition.data : { sections: [] },
      reviewerId: r.reviewerId,
      reviewerName: r.reviewerName,
      score: r.score,
      criticalFailed: r.criticalFailed,
      createdAt: r.createdAt,
      answers: r.answers.map((a) => ({
        questionId: a.questionId,
        answer: a.answer as Answer["answer"],
        comment: a.comment ?? undefined,
        turn: a.turn ?? undefined,
        failed: a.failed,
      })),
    };
  });
}
