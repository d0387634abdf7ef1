"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { type ActionState, IDLE } from "@/lib/auth/admin/action-state";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

interface Values {
  keyFields: string[];
  graceDays: number;
  defaultTimeZone: string;
  defaultInstallments: number;
  roundRobin: boolean;
  roundRobinUserIds: string[];
}

const INPUT = "block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm aria-[invalid]:border-rose-400";

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint: string;
  error?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      <p id={`${id}-note`} className={error ? "text-xs text-rose-700" : "text-xs text-slate-600"}>
        {error ?? hint}
      </p>
    </div>
  );
}

/** The accounts settings: account key fields, grace, default zone and installments, round-robin ownership. */
export function AccountSettingsForm({
  action,
  values,
  people,
  updatedAt,
}: {
  action: Action;
  values: Values;
  people: { id: string; name: string; email: string; role: string }[];
  updatedAt: string | null;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const error = (name: string) => state.fieldErrors?.[name] ?? state.fieldErrors?.[`${name}.0`];
  const aria = (name: string) => ({ "aria-invalid": error(name) ? true : undefined, "aria-describedby": `acc-${name}-note` });
  return (
    <form
      action={formAction}
      aria-labelledby="accounts-settings-title"
      className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div>
        <h2 id="accounts-settings-title" className="font-semibold">
          Accounts settings
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          How calls become debtors&apos; accounts, when promises break, and who owns new accounts.{" "}
          {updatedAt ? `Last changed ${updatedAt.slice(0, 16).replace("T", " ")} UTC.` : "Defaults in use."}
        </p>
      </div>
      <Field
        id="acc-keyFields"
        label="Account key fields"
        hint="requestMetadata fields tried in order, one per line; the dialled number is the last resort. Changing them applies to new calls; run npm run crm:rebuild so past calls are re-keyed."
        error={error("keyFields")}
      >
        <textarea
          id="acc-keyFields"
          name="keyFields"
          rows={3}
          defaultValue={values.keyFields.join("\n")}
          className={INPUT}
          {...aria("keyFields")}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          id="acc-graceDays"
          label="Grace days"
          hint="Days after the due date before a promise counts as broken (0–60)."
          error={error("graceDays")}
        >
          <input
            id="acc-graceDays"
            name="graceDays"
            inputMode="numeric"
            defaultValue={values.graceDays}
            className={INPUT}
            {...aria("graceDays")}
          />
        </Field>
        <Field
          id="acc-defaultTimeZone"
          label="Default zone"
          hint="The contact's zone when a call does not say (IANA name)."
          error={error("defaultTimeZone")}
        >
          <input
            id="acc-defaultTimeZone"
            name="defaultTimeZone"
            defaultValue={values.defaultTimeZone}
            className={INPUT}
            {...aria("defaultTimeZone")}
          />
        </Field>
        <Field
          id="acc-defaultInstallments"
          label="Default installments"
          hint="Installments tracked for a plan with no end (1–52)."
          error={error("defaultInstallments")}
        >
          <input
            id="acc-defaultInstallments"
            name="defaultInstallments"
            inputMode="numeric"
            defaultValue={values.defaultInstallments}
            className={INPUT}
            {...aria("defaultInstallments")}
          />
        </Field>
      </div>
      <fieldset className="space-y-2" aria-describedby="acc-roundRobinUserIds-note">
        <legend className="text-sm font-medium text-slate-700">Round-robin ownership</legend>
        <label className="flex min-h-6 items-center gap-2 text-sm">
          <input type="checkbox" name="roundRobin" defaultChecked={values.roundRobin} className="size-4" />
          Assign new accounts in turn, per portfolio, among these people
        </label>
        <ul className="grid gap-1 sm:grid-cols-2">
          {people.map((p) => (
            <li key={p.id}>
              <label className="flex min-h-6 items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="roundRobinUserIds"
                  value={p.id}
                  defaultChecked={values.roundRobinUserIds.includes(p.id)}
                  className="size-4"
                />
                {p.name} <span className="text-slate-600">({p.role})</span>
              </label>
            </li>
          ))}
        </ul>
        <p id="acc-roundRobinUserIds-note" className={error("roundRobinUserIds") ? "text-xs text-rose-700" : "text-xs text-slate-600"}>
          {error("roundRobinUserIds") ?? "Off: new accounts stay unassigned (every agent sees them in My work)."}
        </p>
      </fieldset>
      <p className="text-sm text-slate-600">
        Saving a change to grace days, the default zone or installments re-derives every account in the background. A change to the key
        fields may need a rebuild (npm run crm:rebuild).
      </p>
      <div className="flex items-center justify-between gap-3 pt-1">
        <FormMessage state={state} />
        <SubmitButton className="ml-auto">Save settings</SubmitButton>
      </div>
    </form>
  );
}
