import type { Metadata } from "next";
import { ComplianceOverview } from "@/components/compliance/overview";
import { complianceOverview, parseOverviewQueryOrDefault } from "@/lib/compliance/queries";

export const metadata: Metadata = { title: "Compliance" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function CompliancePage({ searchParams }: { searchParams: Search }) {
  const overview = await complianceOverview(parseOverviewQueryOrDefault(await searchParams));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Compliance</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every call is checked against Regulation F call frequency, calling hours and holds as it arrives. Open a flag to see its call.
        </p>
      </div>
      <ComplianceOverview {...overview} />
    </div>
  );
}
