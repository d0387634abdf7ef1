import type { Metadata } from "next";
import { QueueSettingsForm } from "@/components/review/queue-settings-form";
import { ScorecardEditor } from "@/components/review/scorecard-editor";
import { listScorecards } from "@/lib/review/scorecards";
import { getQueueSettings } from "@/lib/review/settings";
import { publishScorecardAction, saveQueueSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Scorecards" };

const STARTER = {
  sections: [
    { id: "opening", title: "Opening", questions: [{ id: "greeting", text: "", type: "yes_no" as const, weight: 1, critical: false }] },
  ],
};

export default async function ScorecardsPage() {
  const [scorecards, settings] = await Promise.all([listScorecards(), getQueueSettings()]);
  return (
    <div className="space-y-8">
      <p className="max-w-3xl text-sm text-slate-600">
        Reviewers score calls on the newest version of a scorecard. Saving publishes a new version; reviews already scored keep the version
        they were scored on. A critical question answered “no” (or 1 on the scale) scores the whole review 0; n/a answers count for nothing
        either way.
      </p>
      {scorecards.map((card) => (
        <section key={card.scorecardId} aria-labelledby={`card-${card.scorecardId}`} className="space-y-3">
          <h2 id={`card-${card.scorecardId}`} className="text-base font-semibold text-slate-900">
            {card.name}{" "}
            <span className="text-sm font-normal text-slate-600">
              version {card.version}, published by {card.publishedBy}
            </span>
          </h2>
          <ScorecardEditor
            scorecardId={card.scorecardId}
            initial={card.definition}
            version={card.version}
            action={publishScorecardAction}
          />
        </section>
      ))}
      <details className="rounded-lg border border-slate-200 p-3" open={scorecards.length === 0}>
        <summary className="cursor-pointer text-sm font-semibold text-slate-900">New scorecard</summary>
        <div className="mt-3">
          <ScorecardEditor scorecardId={null} initial={STARTER} version={null} action={publishScorecardAction} />
        </div>
      </details>
      <section aria-labelledby="queue-settings" className="space-y-3">
        <h2 id="queue-settings" className="text-base font-semibold text-slate-900">
          Review queue
        </h2>
        <QueueSettingsForm settings={settings} action={saveQueueSettingsAction} />
      </section>
    </div>
  );
}
