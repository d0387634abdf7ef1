import type { Metadata } from "next";
import { ComplianceSettingsForm } from "@/components/compliance/settings-form";
import { complianceSettingsForm } from "@/lib/compliance/queries";

export const metadata: Metadata = { title: "Compliance settings" };

export default async function ComplianceSettingsPage() {
  const form = await complianceSettingsForm();
  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">Compliance rules</h2>
        <p className="mt-1 text-sm text-slate-600">
          The federal rules are the default. A portfolio may be stricter; only a first-party creditor may turn call frequency off. Calling
          hours and stop-calling requests can never be turned off.
        </p>
      </div>
      <ComplianceSettingsForm effective={form.effective} portfolios={form.portfolios} rules={form.rules} />
    </div>
  );
}
