"use server";

import type { ActionState } from "@/lib/auth/admin/action-state";
import { runAdminAction } from "@/lib/auth/admin/run-action";
import { describeReplay, replayAsAdmin } from "@/lib/ingest/replay-admin";

export async function replayDeliveryAction(_: ActionState, form: FormData): Promise<ActionState> {
  const id = String(form.get("id") ?? "");
  const result = await runAdminAction(
    async () => {
      const summary = await replayAsAdmin({ ids: [id] });
      return { ok: summary.totals.invalid + summary.totals.failed + summary.totals.missing === 0, message: describeReplay(summary) };
    },
    "Replayed.",
    { revalidate: "/admin/webhooks" },
  );
  return result;
}

export async function replayInvalidAction(_: ActionState): Promise<ActionState> {
  const result = await runAdminAction(
    async () => {
      const summary = await replayAsAdmin({ status: "invalid" });
      return { ok: summary.totals.invalid + summary.totals.failed === 0, message: describeReplay(summary) };
    },
    "Replayed.",
    { revalidate: "/admin/webhooks" },
  );
  return result;
}
