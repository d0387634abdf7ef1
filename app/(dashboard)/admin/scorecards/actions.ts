"use server";

import type { ActionState } from "@/lib/auth/admin/action-state";
import { runAdminAction } from "@/lib/auth/admin/run-action";
import { parseRatesText } from "@/lib/review/rates-text";
import { publishScorecard } from "@/lib/review/scorecards";
import { saveQueueSettings } from "@/lib/review/settings";

export async function publishScorecardAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAdminAction(
    async () => {
      let definition: unknown;
      try {
        definition = JSON.parse(String(form.get("definition") ?? ""));
      } catch {
        return { ok: false, message: "The scorecard could not be read. Reload the page and try again." };
      }
      const scorecardId = form.get("scorecardId");
      const published = await publishScorecard({
        scorecardId: typeof scorecardId === "string" && scorecardId ? scorecardId : undefined,
        name: String(form.get("name") ?? ""),
        definition,
      });
      return { ok: true, message: `Published “${published.name}” version ${published.version}. Reviews from now on use it.` };
    },
    "Published.",
    { revalidate: "/admin/scorecards" },
  );
}

export async function saveQueueSettingsAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAdminAction(
    async () => {
      const rates = parseRatesText(String(form.get("portfolioRates") ?? ""));
      if ("error" in rates) return { ok: false, message: rates.error };
      await saveQueueSettings({
        samplePercent: Number(form.get("samplePercent")),
        portfolioRates: rates.rates,
        claimMinutes: Number(form.get("claimMinutes")),
      });
    },
    "Queue settings saved.",
    { revalidate: "/admin/scorecards" },
  );
}
