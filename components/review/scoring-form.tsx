"use client";

import Link from "next/link";
import { useActionState, useId, useMemo, useState } from "react";
import { SubmitButton } from "@/components/admin/submit-button";
import { Badge } from "@/components/ui/badge";
import { RadioGroup } from "@/components/ui/radio-group";
import { OUTCOMES, outcomeInfo, SENTIMENTS, sentimentInfo } from "@/lib/calls/catalogue";
import type { AnswerValue, Question, ScorecardDefinition } from "@/lib/review/scorecard-schema";
import { scoreReview } from "@/lib/review/scoring";

export interface ScoringState {
  ok: boolean;
  message: string | null;
  issues?: { path: string; message: string }[];
}

const YES_NO = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
  { value: "na", label: "N/A" },
];
const SCALE = [..."12345"].map((v) => ({ value: v, label: v })).concat({ value: "na", label: "N/A" });
const FIELD = "rounded-md border border-slate-300 px-2 text-sm";

interface Draft {
  answer?: AnswerValue;
  comment: string;
  turn: string;
}

function QuestionField({
  question,
  draft,
  turns,
  onChange,
}: {
  question: Question;
  draft: Draft;
  turns: { index: number; label: string }[];
  onChange: (d: Draft) => void;
}) {
  const id = useId();
  return (
    <li className="space-y-1.5 border-t border-slate-100 pt-3" data-testid={`question-${question.id}`}>
      <p id={`${id}-q`} className="text-sm font-medium text-slate-900">
        {question.text} {question.critical && <Badge tone="red">Critical</Badge>}
        <span className="ml-1 text-xs font-normal text-slate-600">weight {question.weight}</span>
      </p>
      <RadioGroup
        aria-labelledby={`${id}-q`}
        options={question.type === "yes_no" ? YES_NO : SCALE}
        value={draft.answer ?? ""}
        onValueChange={(v) => onChange({ ...draft, answer: v as AnswerValue })}
      />
      <div className="flex flex-wrap gap-2">
        <label className="flex min-w-0 flex-1 flex-col text-xs text-slate-700">
          Comment
          <input
            value={draft.comment}
            onChange={(e) => onChange({ ...draft, comment: e.target.value })}
            maxLength={2000}
            className={`${FIELD} h-8`}
          />
        </label>
        {turns.length > 0 && (
          <label className="flex flex-col text-xs text-slate-700">
            About turn
            <select value={draft.turn} onChange={(e) => onChange({ ...draft, turn: e.target.value })} className={`${FIELD} h-8 max-w-48`}>
              <option value="">No turn</option>
              {turns.map((t) => (
                <option key={t.index} value={t.index}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
    </li>
  );
}

/** Scores a call on a scorecard beside its transcript, and gives the reviewer's verdict on the AI's outcome and sentiment. */
export function ScoringForm({
  versionId,
  scorecardName,
  version,
  definition,
  aiOutcome,
  aiSentiment,
  turns,
  action,
}: {
  versionId: string;
  scorecardName: string;
  version: number;
  definition: ScorecardDefinition;
  aiOutcome: string | null;
  aiSentiment: string | null;
  turns: { index: number; label: string }[];
  action: (state: ScoringState, form: FormData) => Promise<ScoringState>;
}) {
  const [state, formAction] = useActionState(action, { ok: false, message: null });
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [outcome, setOutcome] = useState(aiOutcome ?? OUTCOMES[0]!.value);
  const [sentiment, setSentiment] = useState(aiSentiment ?? "NEUTRAL");
  const [reason, setReason] = useState("");
  const draftOf = (q: string): Draft => drafts[q] ?? { comment: "", turn: "" };
  const answers = Object.entries(drafts).flatMap(([questionId, d]) =>
    d.answer
      ? [
          {
            questionId,
            answer: d.answer,
            ...(d.comment.trim() ? { comment: d.comment.trim() } : {}),
            ...(d.turn ? { turn: Number(d.turn) } : {}),
          },
        ]
      : [],
  );
  const result = useMemo(() => scoreReview(definition, answers), [definition, answers]);
  const disagrees = outcome !== aiOutcome || sentiment !== aiSentiment;
  const body = JSON.stringify({ versionId, answers, outcome, sentiment, ...(reason.trim() ? { reason: reason.trim() } : {}) });

  if (state.ok) {
    return (
      <div role="status" className="space-y-2 rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900">
        <p>{state.message}</p>
        <Link href="/review" className="font-medium text-indigo-700 underline">
          Back to the review queue
        </Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-label="Score this call">
      <input type="hidden" name="review" value={body} />
      <div className="flex items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-900">
          {scorecardName} <span className="text-sm font-normal text-slate-600">v{version}</span>
        </h2>
        <p className="text-sm text-slate-700" aria-live="polite" data-testid="live-score">
          Score {result.score ?? "–"}
          {result.criticalFailed ? " (critical fail)" : ""}
          {result.missing.length ? `, ${result.missing.length} to answer` : ""}
        </p>
      </div>
      {definition.sections.map((section) => (
        <section key={section.id} aria-label={section.title}>
          <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-700">{section.title}</h3>
          <ul className="mt-2 space-y-3">
            {section.questions.map((q) => (
              <QuestionField
                key={q.id}
                question={q}
                draft={draftOf(q.id)}
                turns={turns}
                onChange={(d) => setDrafts((all) => ({ ...all, [q.id]: d }))}
              />
            ))}
          </ul>
        </section>
      ))}
      <fieldset className="space-y-2 border-t border-slate-200 pt-3">
        <legend className="text-sm font-semibold text-slate-900">Your verdict on the AI</legend>
        <label className="flex flex-col gap-1 text-sm text-slate-700">
          Outcome (AI said {outcomeInfo(aiOutcome).label})
          <select value={outcome} onChange={(e) => setOutcome(e.target.value)} className={`${FIELD} h-8`}>
            {OUTCOMES.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
                {o.value === aiOutcome ? " (agree with AI)" : ""}
              </option>
            ))}
          </select>
        </label>
        <p id="sentiment-label" className="text-sm text-slate-700">
          Sentiment (AI said {sentimentInfo(aiSentiment).label})
        </p>
        <RadioGroup
          aria-labelledby="sentiment-label"
          options={SENTIMENTS.map((s) => ({ value: s.value, label: s.label }))}
          value={sentiment}
          onValueChange={setSentiment}
        />
        {disagrees && (
          <label className="flex flex-col gap-1 text-sm text-slate-700">
            Why the AI is wrong (required)
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={2000} className={`${FIELD} py-1`} />
          </label>
        )}
      </fieldset>
      {state.message && (
        <div role="alert" className="text-sm text-rose-700">
          <p>{state.message}</p>
        </div>
      )}
      <SubmitButton>Submit review</SubmitButton>
    </form>
  );
}
