import type { Metadata } from "next";
import { AccountSettingsForm } from "@/components/accounts-admin/account-settings-form";
import { getAccountSettings } from "@/lib/accounts/settings";
import { saveAccountSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Accounts settings" };

export default async function AccountsSettingsPage() {
  const settings = await getAccountSettings();
  return (
    <AccountSettingsForm
      action={saveAccountSettingsAction}
      values={{
        keyFields: settings.keyFields,
        graceDays: settings.graceDays,
        defaultTimeZone: settings.defaultTimeZone,
        defaultInstallments: settings.defaultInstallments,
        roundRobin: settings.roundRobin,
        roundRobinUserIds: settings.roundRobinUserIds,
      }}
      people={settings.people}
      updatedAt={settings.updatedAt?.toISOString() ?? null}
    />
  );
}
