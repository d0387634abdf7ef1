"use client";

import { useActionState } from "react";
import { type ActionState, IDLE } from "@/lib/auth/admin/action-state";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

export function RevokeKeyButton({
  id,
  name,
  action,
}: {
  id: string;
  name: string;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="danger" confirm={`Revoke the key “${name}”? Integrations using it stop working immediately.`}>
        Revoke
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
