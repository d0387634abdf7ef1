import { type Answer, type AnswerValue, allQuestions, type Question, type ScorecardDefinition } from "./scorecard-schema";

/**
 * Scoring a review: pure, so the form can show the score as it is filled and
 * the server stores the same number. Each question earns a share of its
 * weight (yes = 1, no = 0; on the 1-5 scale (v - 1) / 4); n/a questions are
 * left out of the denominator; a failing critical question sets the whole
 * score to 0.
 */
export interface ScoreResult {
  /** 0-100, rounded to one decimal; null when nothing scorable was answered. */
  score: number | null;
  criticalFailed: boolean;
  /** Question ids whose answer counts as a fail (no, or 1-2 on the scale). */
  failed: string[];
  /** Question ids not answered yet. */
  missing: string[];
}

/** A fail for the "most failed questions" figures: no, or 1-2 on the scale. */
export function isFailing(question: Question, answer: AnswerValue): boolean {
  if (answer === "na") return false;
  if (question.type === "yes_no") return answer === "no";
  return Number(answer) <= 2;
}

/** A critical question fails the review on its worst answer only: no, or 1 on the scale. */
export function failsCritically(question: Question, answer: AnswerValue): boolean {
  if (!question.critical || answer === "na") return false;
  return question.type === "yes_no" ? answer === "no" : answer === "1";
}

function credit(question: Question, answer: AnswerValue): number {
  if (question.type === "yes_no") return answer === "yes" ? 1 : 0;
  return (Number(answer) - 1) / 4;
}

export function isValidAnswer(question: Question, answer: AnswerValue): boolean {
  if (answer === "na") return true;
  return question.type === "yes_no" ? answer === "yes" || answer === "no" : /^[1-5]$/.test(answer);
}

export function scoreReview(definition: ScorecardDefinition, answers: readonly Pick<Answer, "questionId" | "answer">[]): ScoreResult {
  const byId = new Map(answers.map((a) => [a.questionId, a.answer]));
  let earned = 0;
  let possible = 0;
  let criticalFailed = false;
  const failed: string[] = [];
  const missing: string[] = [];
  for (const question of allQuestions(definition)) {
    const answer = byId.get(question.id);
    if (answer === undefined) {
      missing.push(question.id);
      continue;
    }
    if (answer === "na") continue;
    if (isFailing(question, answer)) failed.push(question.id);
    if (failsCritically(question, answer)) criticalFailed = true;
    earned += question.weight * credit(question, answer);
    possible += question.weight;
  }
  if (criticalFailed) return { score: 0, criticalFailed, failed, missing };
  const score = possible > 0 ? Math.round((earned / possible) * 1000) / 10 : null;
  return { score, criticalFailed, failed, missing };
}
