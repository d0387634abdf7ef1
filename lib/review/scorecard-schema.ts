import { z } from "zod";

/**
 * The shape of a scorecard version's definition and of a review's answers.
 * Plain data and zod only: the admin editor and the scoring form (client
 * components) import it too.
 */
export const QUESTION_TYPES = ["yes_no", "scale"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const id = z
  .string()
  .trim()
  .min(1, "is required")
  .max(64)
  .regex(/^[a-z0-9_-]+$/i, "may use letters, digits, - and _ only");

export const questionSchema = z.object({
  id,
  text: z.string().trim().min(1, "is required").max(300),
  type: z.enum(QUESTION_TYPES),
  /** Relative weight within the scorecard (0 makes a question informational). */
  weight: z.number().min(0).max(100),
  /** A failing answer (no, or 1 on the scale) fails the whole review: score 0. */
  critical: z.boolean(),
});
export type Question = z.infer<typeof questionSchema>;

export const sectionSchema = z.object({
  id,
  title: z.string().trim().min(1, "is required").max(120),
  questions: z.array(questionSchema).min(1, "needs at least one question").max(50),
});
export type Section = z.infer<typeof sectionSchema>;

export const definitionSchema = z
  .object({ sections: z.array(sectionSchema).min(1, "needs at least one section").max(20) })
  .superRefine((definition, ctx) => {
    const seen = new Set<string>();
    definition.sections.forEach((section, s) => {
      section.questions.forEach((question, q) => {
        if (seen.has(question.id))
          ctx.addIssue({ code: "custom", path: ["sections", s, "questions", q, "id"], message: `"${question.id}" is used twice` });
        seen.add(question.id);
      });
    });
  });
export type ScorecardDefinition = z.infer<typeof definitionSchema>;

/** yes / no / na for yes_no questions; "1".."5" or na for scale questions. */
export const ANSWER_VALUES = ["yes", "no", "na", "1", "2", "3", "4", "5"] as const;
export type AnswerValue = (typeof ANSWER_VALUES)[number];

export const answerSchema = z.object({
  questionId: z.string().min(1).max(64),
  answer: z.enum(ANSWER_VALUES),
  comment: z.string().trim().max(2000).optional(),
  /** The transcript turn (0-based index) the comment is about. */
  turn: z.number().int().min(0).max(100_000).optional(),
});
export type Answer = z.infer<typeof answerSchema>;

export function allQuestions(definition: ScorecardDefinition): Question[] {
  return definition.sections.flatMap((section) => section.questions);
}
