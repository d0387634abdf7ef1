"use client";

import { Plus, Trash2 } from "lucide-react";
import { useActionState, useState } from "react";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { Button } from "@/components/ui/button";
import { type ActionState, IDLE } from "@/lib/auth/admin/action-state";
import type { Question, ScorecardDefinition, Section } from "@/lib/review/scorecard-schema";

const INPUT = "h-8 rounded-md border border-slate-300 px-2 text-sm";
let counter = 0;
const newId = (prefix: string) => `${prefix}_${Date.now().toString(36)}${(counter++).toString(36)}`;
const newQuestion = (): Question => ({ id: newId("q"), text: "", type: "yes_no", weight: 1, critical: false });
const newSection = (): Section => ({ id: newId("s"), title: "", questions: [newQuestion()] });

/** Edits a scorecard's sections and questions; saving publishes the next version (old reviews keep theirs). */
export function ScorecardEditor({
  scorecardId,
  initial,
  version,
  action,
}: {
  scorecardId: string | null;
  initial: ScorecardDefinition;
  version: number | null;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const [sections, setSections] = useState<Section[]>(initial.sections);
  const updateSection = (s: number, patch: Partial<Section>) => setSections((all) => all.map((x, i) => (i === s ? { ...x, ...patch } : x)));
  const updateQuestion = (s: number, q: number, patch: Partial<Question>) =>
    updateSection(s, { questions: sections[s]!.questions.map((x, i) => (i === q ? { ...x, ...patch } : x)) });

  return (
    <form action={formAction} className="space-y-4">
      {scorecardId ? (
        <input type="hidden" name="scorecardId" value={scorecardId} />
      ) : (
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Scorecard name
          <input name="name" required maxLength={80} className={INPUT} />
        </label>
      )}
      <input type="hidden" name="definition" value={JSON.stringify({ sections })} />
      {sections.map((section, s) => (
        <fieldset key={section.id} className="space-y-2 rounded-lg border border-slate-200 p-3">
          <legend className="px-1 text-sm font-semibold text-slate-800">Section {s + 1}</legend>
          <div className="flex flex-wrap items-end gap-2">
            <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm text-slate-700">
              Section title
              <input value={section.title} onChange={(e) => updateSection(s, { title: e.target.value })} required className={INPUT} />
            </label>
            <Button variant="danger" onClick={() => setSections(sections.filter((_, i) => i !== s))} disabled={sections.length === 1}>
              <Trash2 aria-hidden className="size-3.5" /> Remove section {s + 1}
            </Button>
          </div>
          {section.questions.map((question, q) => (
            <div
              key={question.id}
              className="grid grid-cols-1 gap-2 rounded-md bg-slate-50 p-2 sm:grid-cols-[1fr_auto_auto_auto_auto] sm:items-end"
            >
              <label className="flex flex-col gap-1 text-sm text-slate-700">
                Question {q + 1}
                <input value={question.text} onChange={(e) => updateQuestion(s, q, { text: e.target.value })} required className={INPUT} />
              </label>
              <label className="flex flex-col gap-1 text-sm text-slate-700">
                Type
                <select
                  value={question.type}
                  onChange={(e) => updateQuestion(s, q, { type: e.target.value as Question["type"] })}
                  className={INPUT}
                >
                  <option value="yes_no">Yes / no / n/a</option>
                  <option value="scale">1–5</option>
                </select>
              </label>
              <label className="flex flex-col gap-1 text-sm text-slate-700">
                Weight
                <input
                  type="number"
                  min={0}
                  max={100}
                  step="any"
                  value={question.weight}
                  onChange={(e) => updateQuestion(s, q, { weight: Number(e.target.value) })}
                  className={`${INPUT} w-20`}
                />
              </label>
              <label className="flex h-8 items-center gap-1.5 text-sm text-slate-700">
                <input
                  type="checkbox"
                  checked={question.critical}
                  onChange={(e) => updateQuestion(s, q, { critical: e.target.checked })}
                  className="size-4"
                />
                Critical
              </label>
              <Button
                variant="ghost"
                onClick={() => updateSection(s, { questions: section.questions.filter((_, i) => i !== q) })}
                disabled={section.questions.length === 1}
              >
                <Trash2 aria-hidden className="size-3.5" /> Remove question {q + 1}
              </Button>
            </div>
          ))}
          <Button onClick={() => updateSection(s, { questions: [...section.questions, newQuestion()] })}>
            <Plus aria-hidden className="size-3.5" /> Add question
          </Button>
        </fieldset>
      ))}
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={() => setSections([...sections, newSection()])}>
          <Plus aria-hidden className="size-3.5" /> Add section
        </Button>
        <SubmitButton>{version ? `Publish version ${version + 1}` : "Publish version 1"}</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
