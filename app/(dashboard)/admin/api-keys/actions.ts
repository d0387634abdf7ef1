"use server";

import type { ActionState } from "@/lib/auth/admin/action-state";
import { createApiKey, revokeApiKey } from "@/lib/auth/admin/api-keys";
import { runAdminAction } from "@/lib/auth/admin/run-action";

export async function createApiKeyAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAdminAction(
    async () => {
      const created = await createApiKey({ name: String(form.get("name") ?? ""), role: String(form.get("role") ?? "") });
      return { ok: true, message: `Key “${created.name}” created. Copy it now: it will not be shown again.`, secret: created.key };
    },
    "Key created.",
    { revalidate: "/admin/api-keys" },
  );
  return result;
}

export async function revokeApiKeyAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAdminAction(() => revokeApiKey(String(form.get("id") ?? "")), "Key revoked. Requests using it now get 401.", {
    revalidate: "/admin/api-keys",
  });
  return result;
}
