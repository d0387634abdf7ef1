import type pg from "pg";
import { DEMO_USERS } from "../auth/demo-users";
import { OUTCOMES } from "../calls/catalogue";
import type { ScorecardDefinition } from "../review/scorecard-schema";
import { scoreReview } from "../review/scoring";
import { chance, mixSeed, mulberry32, pick, type Rng } from "./rng";

/**
 * Demo QA data so /analytics' accuracy and QA widgets and /review are full on
 * first start: a scorecard with two versions (old reviews on v1), about a
 * hundred scored calls older than the queue's window (some failing a critical
 * question; their outcome/sentiment verdicts mostly agree with the AI, a few
 * correct it), a few agents' overrides, and the last two weeks left to the
 * queue. Plain SQL in the seed's transaction; deterministic for a given minute.
 */
export const DEMO_SCORECARD_V1: ScorecardDefinition = {
  sections: [
    {
      id: "opening",
      title: "Opening",
      questions: [
        { id: "identified", text: "Identified the company and the purpose of the call", type: "yes_no", weight: 1, critical: false },
        { id: "mini_miranda", text: "Gave the debt-collector disclosure (mini-Miranda)", type: "yes_no", weight: 2, critical: true },
      ],
    },
    {
      id: "conversation",
      title: "Conversation",
      questions: [
        { id: "verified", text: "Verified the right party before discussing the debt", type: "yes_no", weight: 2, critical: true },
        { id: "empathy", text: "Listened and responded with empathy", type: "scale", weight: 1, critical: false },
      ],
    },
  ],
};

export const DEMO_SCORECARD_V2: ScorecardDefinition = {
  sections: [
    ...DEMO_SCORECARD_V1.sections,
    {
      id: "close",
      title: "Close",
      questions: [
        { id: "options", text: "Offered payment options that fit the contact", type: "scale", weight: 1, critical: false },
        { id: "recap", text: "Recapped the agreed next step", type: "yes_no", weight: 1, critical: false },
      ],
    },
  ],
};

const CONNECTED = OUTCOMES.filter((o) => o.isConnected).map((o) => o.value);
const SENTIMENTS = ["POSITIVE", "NEUTRAL", "NEGATIVE"];
/** Where the AI's outcome is plausibly wrong, what a person would say instead. */
const CORRECTIONS: Record<string, string[]> = {
  "PAYMENT PROMISE": ["NOT INTERESTED", "CALL BACK REQUESTED", "PAYMENT EXTENSION"],
  "PAYMENT EXTENSION": ["PAYMENT PROMISE", "CALL BACK REQUESTED"],
  "CALL BACK REQUESTED": ["NOT INTERESTED", "PAYMENT PROMISE"],
  "NOT INTERESTED": ["CALL BACK REQUESTED"],
  "PAYMENT COMPLETED": ["PAYMENT PROMISE"],
};

function answerFor(rng: Rng, type: "yes_no" | "scale", critical: boolean, failCritical: boolean): string {
  if (type === "yes_no") {
    if (critical) return failCritical ? "no" : "yes";
    return chance(rng, 0.08) ? "na" : chance(rng, 0.22) ? "no" : "yes";
  }
  if (chance(rng, 0.05)) return "na";
  return pick(rng, ["2", "3", "3", "4", "4", "4", "5", "5"]);
}

/**
 * The scripted demo histories (lib/demo/histories.ts: ACC-…, lib/demo/compliance.ts: demo-compliance-…)
 * tell a story each call of which matters (kept late, superseded, over the frequency limit): a random
 * correction there would rewrite that story, so reviews and overrides pick among the generated calls only.
 */
const NOT_SCRIPTED = `coalesce(request_metadata->>'account_id', '') NOT LIKE 'ACC-%' AND coalesce(request_metadata->>'account_id', '') NOT LIKE 'demo-compliance-%'`;

export async function seedDemoReviews(client: pg.Client, now: Date): Promise<{ reviews: number; overrides: number }> {
  const existing = await client.query("SELECT 1 FROM qa_scorecards LIMIT 1");
  if (existing.rowCount) return { reviews: 0, overrides: 0 };
  const rng = mulberry32(mixSeed(0x0a11ce, Math.floor(now.getTime() / 60_000)));
  const manager = { id: "demo:manager", name: DEMO_USERS.manager.name };
  const admin = DEMO_USERS.admin.name;
  const card = await client.query<{ id: string }>(
    "INSERT INTO qa_scorecards (name, created_at) VALUES ('Collections call QA', $1) RETURNING id",
    [new Date(now.getTime() - 100 * 86_400_000)],
  );
  const versions = await client.query<{ id: string }>(
    `INSERT INTO qa_scorecard_versions (scorecard_id, version, definition, published_at, published_by)
     VALUES ($1, 1, $2, $3, $5), ($1, 2, $4, $6, $5) RETURNING id`,
    [
      card.rows[0]!.id,
      JSON.stringify(DEMO_SCORECARD_V1),
      new Date(now.getTime() - 100 * 86_400_000),
      JSON.stringify(DEMO_SCORECARD_V2),
      admin,
      new Date(now.getTime() - 45 * 86_400_000),
    ],
  );
  const [v1, v2] = versions.rows.map((r) => r.id);
  const queueStart = new Date(now.getTime() - 14 * 86_400_000);

  // Reviewed calls: connected, older than the queue's window, an even spread (by the sample bucket).
  const picked = await client.query<{ id: string; call_output: string; sentiment_output: string | null; received_at: Date }>(
    `SELECT id, call_output, sentiment_output, received_at FROM calls
      WHERE call_output = ANY($1) AND received_at < $2 AND received_at >= $3 AND ${NOT_SCRIPTED}
      ORDER BY qa_sample_bucket(id) LIMIT 110`,
    [CONNECTED, queueStart, new Date(now.getTime() - 90 * 86_400_000)],
  );
  const reviews: unknown[][] = [];
  const answers: unknown[][] = [];
  const verdicts: unknown[][] = [];
  for (const call of picked.rows) {
    const newer = call.received_at.getTime() >= now.getTime() - 45 * 86_400_000;
    const definition = newer ? DEMO_SCORECARD_V2 : DEMO_SCORECARD_V1;
    const failCritical = chance(rng, 0.1);
    const criticalToFail = failCritical ? pick(rng, ["mini_miranda", "verified"]) : null;
    const given = definition.sections.flatMap((s) =>
      s.questions.map((q) => ({ questionId: q.id, answer: answerFor(rng, q.type, q.critical, q.id === criticalToFail) as "yes" })),
    );
    const result = scoreReview(definition, given);
    const reviewedAt = new Date(call.received_at.getTime() + (1 + Math.floor(rng() * 3)) * 86_400_000);
    const id = `${crypto.randomUUID()}`;
    reviews.push([id, call.id, newer ? v2 : v1, result.score, result.criticalFailed, reviewedAt]);
    const failed = new Set(result.failed);
    for (const a of given) {
      const comment = failed.has(a.questionId) && chance(rng, 0.6) ? "Missed here; see the transcript." : null;
      answers.push([id, a.questionId, a.answer, failed.has(a.questionId), comment, comment ? 1 : null]);
    }
    const wrongOutcome = chance(rng, 0.18) && CORRECTIONS[call.call_output];
    const outcome = wrongOutcome ? pick(rng, CORRECTIONS[call.call_output]!) : call.call_output;
    const sentiment = chance(rng, 0.12)
      ? pick(
          rng,
          SENTIMENTS.filter((s) => s !== call.sentiment_output),
        )
      : call.sentiment_output;
    const reason =
      outcome !== call.call_output || sentiment !== call.sentiment_output
        ? "The transcript says otherwise (QA review)."
        : "Agrees with the AI (QA review).";
    verdicts.push([
      call.id,
      outcome,
      sentiment,
      call.call_output,
      call.sentiment_output,
      reason,
      manager.id,
      manager.name,
      reviewedAt,
      "review",
      id,
    ]);
  }

  // A few agents' own corrections on calls nobody reviewed.
  const overridden = await client.query<{ id: string; call_output: string; sentiment_output: string | null; received_at: Date }>(
    `SELECT id, call_output, sentiment_output, received_at FROM calls
      WHERE call_output = ANY($1) AND received_at < $2 AND NOT (id = ANY($3::uuid[])) AND ${NOT_SCRIPTED}
      ORDER BY qa_sample_bucket(id) DESC LIMIT 24`,
    [Object.keys(CORRECTIONS), queueStart, picked.rows.map((r) => r.id)],
  );
  for (const call of overridden.rows) {
    const outcome = pick(rng, CORRECTIONS[call.call_output]!);
    const at = new Date(call.received_at.getTime() + 3_600_000);
    verdicts.push([
      call.id,
      outcome,
      null,
      call.call_output,
      call.sentiment_output,
      "The contact said so on the call.",
      "demo:agent",
      DEMO_USERS.agent.name,
      at,
      "override",
      null,
    ]);
  }

  if (reviews.length) {
    await client.query(
      `INSERT INTO qa_reviews (id, call_id, version_id, reviewer_id, reviewer_name, score, critical_failed, created_at)
       SELECT r.id, r.call_id, r.version_id, $2, $3, r.score, r.critical_failed, r.created_at
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, call_id uuid, version_id uuid, score float8, critical_failed boolean, created_at timestamptz)`,
      [
        JSON.stringify(
          reviews.map(([id, call_id, version_id, score, critical_failed, created_at]) => ({
            id,
            call_id,
            version_id,
            score,
            critical_failed,
            created_at,
          })),
        ),
        manager.id,
        manager.name,
      ],
    );
    await client.query(
      `INSERT INTO qa_review_answers (review_id, question_id, answer, failed, comment, turn)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS a(review_id uuid, question_id text, answer text, failed boolean, comment text, turn int)`,
      [
        JSON.stringify(
          answers.map(([review_id, question_id, answer, failed, comment, turn]) => ({
            review_id,
            question_id,
            answer,
            failed,
            comment,
            turn,
          })),
        ),
      ],
    );
  }
  const verdictJson = JSON.stringify(
    verdicts.map(([call_id, outcome, sentiment, ai_outcome, ai_sentiment, reason, by_id, by_name, at, source, review_id]) => ({
      call_id,
      outcome,
      sentiment,
      ai_outcome,
      ai_sentiment,
      reason,
      by_id,
      by_name,
      at,
      source,
      review_id,
    })),
  );
  const select = `SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(call_id uuid, outcome text, sentiment text, ai_outcome text, ai_sentiment text,
       reason text, by_id text, by_name text, at timestamptz, source text, review_id uuid)`;
  const cols = "call_id, outcome, sentiment, ai_outcome, ai_sentiment, reason, by_id, by_name, at, source, review_id";
  await client.query(
    `INSERT INTO call_verdicts (${cols}, received_at) SELECT v.*, c.received_at FROM (${select}) v JOIN calls c ON c.id = v.call_id
     ON CONFLICT (call_id) DO NOTHING`,
    [verdictJson],
  );
  await client.query(`INSERT INTO call_verdict_changes (${cols}) ${select}`, [verdictJson]);
  return { reviews: reviews.length, overrides: overridden.rowCount ?? 0 };
}
