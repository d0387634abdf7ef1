"use client";

import { Check, Copy } from "lucide-react";
import { useActionState, useState } from "react";
import { type ActionState, IDLE } from "@/lib/auth/admin/action-state";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

export function CreateApiKeyForm({ action }: { action: (state: ActionState, form: FormData) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <form action={formAction} aria-labelledby="create-key-title" className="space-y-3">
        <h2 id="create-key-title" className="font-semibold">
          Create an API key
        </h2>
        <div className="space-y-1">
          <label htmlFor="key-name" className="block text-sm font-medium text-slate-700">
            Name
          </label>
          <input
            id="key-name"
            name="name"
            required
            placeholder="e.g. CRM sync"
            className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="key-role" className="block text-sm font-medium text-slate-700">
            Role
          </label>
          <select
            id="key-role"
            name="role"
            defaultValue="agent"
            className="block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm"
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
          <p className="text-xs text-slate-500">The key can do what a user with this role can, through the JSON API.</p>
        </div>
        <div className="flex items-center justify-between gap-3">
          <FormMessage state={state.secret ? { ok: true, message: null } : state} />
          <SubmitButton className="ml-auto">Create key</SubmitButton>
        </div>
      </form>
      {state.secret ? <NewKey message={state.message} secret={state.secret} /> : null}
    </div>
  );
}

function NewKey({ message, secret }: { message: string | null; secret: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3">
      <p className="text-sm font-medium text-amber-900">{message}</p>
      <div className="flex items-center gap-2">
        <code
          data-testid="new-api-key"
          className="min-w-0 flex-1 truncate rounded bg-white px-2 py-1 font-mono text-xs text-slate-800 ring-1 ring-amber-200"
        >
          {secret}
        </code>
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard.writeText(secret).catch(() => {});
            setCopied(true);
          }}
          className="inline-flex items-center gap-1 rounded-md border border-amber-300 bg-white px-2 py-1 text-xs font-medium text-amber-900 hover:bg-amber-100"
        >
          {copied ? <Check aria-hidden className="size-3.5" /> : <Copy aria-hidden className="size-3.5" />}
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <p className="text-xs text-amber-800">
        Send it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.
      </p>
    </div>
  );
}
