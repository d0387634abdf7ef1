"use client";

import { AlertCircle, Loader2 } from "lucide-react";
import { useActionState, useRef } from "react";

/** What the sign-in action returns to the form: the message to show and the email to keep. */
export interface LoginState {
  error: string | null;
  field?: "email" | "password";
  email: string;
}

interface DemoAccount {
  role: string;
  email: string;
  password: string;
}

export function LoginForm({
  action,
  next,
  demoAccounts,
}: {
  action: (state: LoginState, form: FormData) => Promise<LoginState>;
  next: string;
  demoAccounts?: DemoAccount[];
}) {
  const [state, formAction, pending] = useActionState(action, { error: null, email: "" });
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const fill = (account: DemoAccount) => {
    if (emailRef.current) emailRef.current.value = account.email;
    if (passwordRef.current) passwordRef.current.value = account.password;
  };

  return (
    <div className="space-y-6">
      <form action={formAction} className="space-y-4" noValidate>
        <input type="hidden" name="next" value={next} />
        {state.error ? (
          <div
            role="alert"
            className="flex items-start gap-2 rounded-md border border-rose-200 bg-rose-50 px-3 py-2.5 text-sm text-rose-800"
          >
            <AlertCircle aria-hidden className="mt-0.5 size-4 shrink-0" />
            <span>{state.error}</span>
          </div>
        ) : null}
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          inputRef={emailRef}
          defaultValue={state.email}
          invalid={state.field === "email"}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          inputRef={passwordRef}
          invalid={state.field === "password"}
        />
        <button
          type="submit"
          disabled={pending}
          className="flex w-full items-center justify-center gap-2 rounded-md bg-indigo-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:cursor-wait disabled:opacity-70"
        >
          {pending ? <Loader2 aria-hidden className="size-4 animate-spin" /> : null}
          Sign in
        </button>
      </form>
      {demoAccounts?.length ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-slate-50 p-4">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Demo accounts</p>
          <ul className="mt-2 space-y-1.5">
            {demoAccounts.map((account) => (
              <li key={account.email} className="flex items-center justify-between gap-3 text-sm">
                <span className="min-w-0 truncate">
                  <span className="font-medium capitalize text-slate-800">{account.role}</span>{" "}
                  <span className="font-mono text-xs text-slate-500">{account.email}</span>
                </span>
                <button
                  type="button"
                  onClick={() => fill(account)}
                  className="shrink-0 rounded px-2 py-0.5 text-xs font-medium text-indigo-700 hover:bg-indigo-50"
                >
                  Use
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function Field({
  label,
  name,
  type,
  autoComplete,
  inputRef,
  defaultValue,
  invalid,
}: {
  label: string;
  name: string;
  type: string;
  autoComplete: string;
  inputRef: React.Ref<HTMLInputElement>;
  defaultValue?: string;
  invalid?: boolean;
}) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={name} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={name}
        ref={inputRef}
        name={name}
        type={type}
        required
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        aria-invalid={invalid || undefined}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-500 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid]:border-rose-400"
      />
    </div>
  );
}
