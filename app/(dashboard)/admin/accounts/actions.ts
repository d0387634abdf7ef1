"use server";

import { settingsFromForm, updateAccountSettings } from "@/lib/accounts/settings";
import type { ActionState } from "@/lib/auth/admin/action-state";
import { runAdminAction } from "@/lib/auth/admin/run-action";

export async function saveAccountSettingsAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAdminAction(
    async () => {
      const change = await updateAccountSettings(settingsFromForm(form));
      if (!change.changed.length) return { ok: true, message: "Nothing changed." };
      const parts = [`Saved (${change.changed.join(", ")}).`];
      if (change.rederive) parts.push(`${change.rederive.toLocaleString("en-US")} accounts queued for re-derivation.`);
      if (change.rebuildNeeded) parts.push("Key fields changed: run npm run crm:rebuild so past calls are re-keyed.");
      return { ok: true, message: parts.join(" ") };
    },
    "Saved.",
    { revalidate: "/admin/accounts" },
  );
}
