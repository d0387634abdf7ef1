"use client";

import { useActionState, useEffect, useRef } from "react";
import { type ActionState, IDLE } from "@/lib/auth/admin/action-state";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

export function CreateUserForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, IDLE);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  const error = (name: string) => state.fieldErrors?.[name];

  return (
    <form
      ref={form}
      action={formAction}
      aria-labelledby="create-user-title"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="create-user-title" className="font-semibold">
        Add a user
      </h2>
      <TextField label="Name" name="name" autoComplete="off" error={error("name")} />
      <TextField label="Email" name="email" type="email" autoComplete="off" error={error("email")} />
      <div className="space-y-1">
        <label htmlFor="new-user-role" className="block text-sm font-medium text-slate-700">
          Role
        </label>
        <select
          id="new-user-role"
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
        <ul className="space-y-0.5 text-xs text-slate-500">
          {ROLES.map((role) => (
            <li key={role}>
              <span className="font-medium text-slate-600">{ROLE_LABELS[role]}:</span> {ROLE_DESCRIPTIONS[role]}
            </li>
          ))}
        </ul>
      </div>
      <TextField
        label="Initial password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters. Share it with the person privately."
        error={error("password") ?? error("(root)")}
      />
      <div className="flex items-center justify-between gap-3 pt-1">
        <FormMessage state={state} />
        <SubmitButton className="ml-auto">Create user</SubmitButton>
      </div>
    </form>
  );
}

function TextField({
  label,
  name,
  type = "text",
  autoComplete,
  hint,
  error,
}: {
  label: string;
  name: string;
  type?: string;
  autoComplete: string;
  hint?: string;
  error?: string;
}) {
  const id = `new-user-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        required
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? `${id}-note` : undefined}
        className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm aria-[invalid]:border-rose-400"
      />
      {error || hint ? (
        <p id={`${id}-note`} className={error ? "text-xs text-rose-700" : "text-xs text-slate-500"}>
          {error ?? hint}
        </p>
      ) : null}
    </div>
  );
}
