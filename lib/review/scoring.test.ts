import { describe, expect, it } from "vitest";
import { isSampled, sampleBucket } from "./sample";
import type { ScorecardDefinition } from "./scorecard-schema";
import { scoreReview } from "./scoring";

const card: ScorecardDefinition = {
  sections: [
    {
      id: "opening",
      title: "Opening",
      questions: [
        { id: "identify", text: "Identified themselves", type: "yes_no", weight: 1, critical: false },
        { id: "disclosure", text: "Gave the mini-Miranda", type: "yes_no", weight: 2, critical: true },
      ],
    },
    {
      id: "tone",
      title: "Tone",
      questions: [{ id: "empathy", text: "Empathy", type: "scale", weight: 1, critical: false }],
    },
  ],
};

describe("scoreReview", () => {
  it("weights each question's credit by its weight", () => {
    // identify no (0 of 1), disclosure yes (2 of 2), empathy 3 (0.5 of 1) → 2.5 / 4
    const result = scoreReview(card, [
      { questionId: "identify", answer: "no" },
      { questionId: "disclosure", answer: "yes" },
      { questionId: "empathy", answer: "3" },
    ]);
    expect(result.score).toBe(62.5);
    expect(result.criticalFailed).toBe(false);
    expect(result.failed).toEqual(["identify"]);
  });

  it("leaves n/a questions out of the denominator", () => {
    const result = scoreReview(card, [
      { questionId: "identify", answer: "na" },
      { questionId: "disclosure", answer: "yes" },
      { questionId: "empathy", answer: "5" },
    ]);
    expect(result.score).toBe(100);
  });

  it("scores 0 when a critical question fails, however good the rest", () => {
    const result = scoreReview(card, [
      { questionId: "identify", answer: "yes" },
      { questionId: "disclosure", answer: "no" },
      { questionId: "empathy", answer: "5" },
    ]);
    expect(result).toMatchObject({ score: 0, criticalFailed: true, failed: ["disclosure"] });
  });

  it("fails a critical scale question only on its lowest answer", () => {
    const scale: ScorecardDefinition = {
      sections: [{ id: "s", title: "S", questions: [{ id: "q", text: "Q", type: "scale", weight: 1, critical: true }] }],
    };
    expect(scoreReview(scale, [{ questionId: "q", answer: "1" }]).score).toBe(0);
    expect(scoreReview(scale, [{ questionId: "q", answer: "2" }])).toMatchObject({ score: 25, criticalFailed: false });
  });

  it("has no score when everything is n/a, and lists unanswered questions", () => {
    const result = scoreReview(card, [{ questionId: "identify", answer: "na" }]);
    expect(result.score).toBeNull();
    expect(result.missing).toEqual(["disclosure", "empathy"]);
  });
});

describe("the review sample", () => {
  it("is deterministic and close to the configured rate", () => {
    const ids = Array.from(
      { length: 20_000 },
      (_, i) => `00000000-0000-4000-8000-${((i * 2654435761) % 2 ** 48).toString(16).padStart(12, "0")}`,
    );
    const sampled = ids.filter((id) => isSampled(id, 2)).length;
    expect(sampled / ids.length).toBeGreaterThan(0.015);
    expect(sampled / ids.length).toBeLessThan(0.025);
    expect(ids.map(sampleBucket)).toEqual(ids.map(sampleBucket));
    expect(isSampled(ids[0]!, 0)).toBe(false);
    expect(isSampled(ids[0]!, 100)).toBe(true);
  });
});
