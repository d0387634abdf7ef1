"use client";

import { RotateCcw } from "lucide-react";
import { useActionState } from "react";
import { type ActionState, IDLE } from "@/lib/auth/admin/action-state";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

/** "Replay" for one delivery, or (without `id`) "Replay all invalid". */
export function ReplayButton({
  id,
  label,
  action,
  confirm,
}: {
  id?: string;
  label: string;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  confirm?: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-1">
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <SubmitButton variant="secondary" confirm={confirm}>
        <RotateCcw aria-hidden className="size-3.5" />
        {label}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
