"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { type ActionState, IDLE } from "@/lib/auth/admin/action-state";

const INPUT = "h-8 rounded-md border border-slate-300 px-2 text-sm";

/** The review queue's sample rate (default and per portfolio) and claim length. */
export function QueueSettingsForm({
  settings,
  action,
}: {
  settings: { samplePercent: number; portfolioRates: Record<string, number>; claimMinutes: number };
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const rates = Object.entries(settings.portfolioRates)
    .map(([portfolio, pct]) => `${portfolio}=${pct}`)
    .join("\n");
  return (
    <form action={formAction} className="grid max-w-xl gap-3">
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
        Sample of connected calls per portfolio and week (%)
        <input
          name="samplePercent"
          type="number"
          min={0}
          max={100}
          step="any"
          defaultValue={settings.samplePercent}
          className={`${INPUT} w-28`}
        />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
        Per-portfolio rates (one <code>portfolio=percent</code> a line; others use the default)
        <textarea
          name="portfolioRates"
          rows={3}
          defaultValue={rates}
          className="rounded-md border border-slate-300 p-2 font-mono text-sm"
        />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
        A claim holds for (minutes)
        <input name="claimMinutes" type="number" min={1} max={1440} defaultValue={settings.claimMinutes} className={`${INPUT} w-28`} />
      </label>
      <div className="flex items-center gap-2">
        <SubmitButton>Save queue settings</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
