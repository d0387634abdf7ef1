import clsx from "clsx";
import type { ActionState } from "@/lib/auth/admin/action-state";

/** The outcome line under an admin form: announced to screen readers, green or red. */
export function FormMessage({ state }: { state: ActionState }) {
  if (!state.message) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={clsx("text-sm", state.ok ? "text-emerald-700" : "text-rose-700")}>
      {state.message}
    </p>
  );
}
