"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/select";
import { type ActionState, IDLE } from "@/lib/auth/admin/action-state";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

export interface UserRowActionsProps {
  user: { id: string; name: string; email: string; role: Role; banned: boolean; lockedUntil: Date | null };
  isSelf: boolean;
  setRole: Action;
  resetPassword: Action;
  setActive: Action;
  /** Lifts a sign-in lock-out after too many failed attempts. */
  unlock: Action;
}

/** Role, password and activation controls for one user, each its own small form. */
export function UserRowActions({ user, isSelf, setRole, resetPassword, setActive, unlock }: UserRowActionsProps) {
  const [unlockState, unlockAction] = useActionState(unlock, IDLE);
  const [roleState, roleAction] = useActionState(setRole, IDLE);
  const [passwordState, passwordAction] = useActionState(resetPassword, IDLE);
  const [activeState, activeAction] = useActionState(setActive, IDLE);
  const [showPassword, setShowPassword] = useState(false);

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <form action={roleAction} className="flex items-center gap-1.5">
          <input type="hidden" name="userId" value={user.id} />
          <label className="sr-only" htmlFor={`role-${user.id}`}>
            Role for {user.email}
          </label>
          <NativeSelect id={`role-${user.id}`} name="role" defaultValue={user.role} disabled={isSelf}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </NativeSelect>
          {isSelf ? null : <SubmitButton variant="secondary">Save role</SubmitButton>}
        </form>
        <Button onClick={() => setShowPassword((v) => !v)} aria-expanded={showPassword}>
          Reset password
        </Button>
        {user.lockedUntil ? (
          <form action={unlockAction}>
            <input type="hidden" name="userId" value={user.id} />
            <SubmitButton variant="secondary">Unlock sign-in</SubmitButton>
          </form>
        ) : null}
        {isSelf ? null : (
          <form action={activeAction}>
            <input type="hidden" name="userId" value={user.id} />
            <input type="hidden" name="active" value={user.banned ? "true" : "false"} />
            {user.banned ? (
              <SubmitButton variant="secondary">Reactivate</SubmitButton>
            ) : (
              <SubmitButton
                variant="danger"
                confirm={`Deactivate ${user.email}? They are signed out immediately and cannot sign in again until reactivated.`}
              >
                Deactivate
              </SubmitButton>
            )}
          </form>
        )}
      </div>
      {showPassword ? (
        <form action={passwordAction} className="flex items-center gap-1.5">
          <input type="hidden" name="userId" value={user.id} />
          <label className="sr-only" htmlFor={`password-${user.id}`}>
            New password for {user.email}
          </label>
          <input
            id={`password-${user.id}`}
            name="password"
            type="password"
            autoComplete="new-password"
            placeholder="New password (10+ characters)"
            className="h-8 w-60 max-w-full rounded-md border border-slate-300 px-2 text-sm placeholder:text-slate-500"
          />
          <SubmitButton variant="secondary">Set password</SubmitButton>
        </form>
      ) : null}
      <FormMessage state={roleState} />
      <FormMessage state={passwordState} />
      <FormMessage state={activeState} />
      <FormMessage state={unlockState} />
    </div>
  );
}
