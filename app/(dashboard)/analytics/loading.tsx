import { KpiSkeleton, WidgetSkeleton } from "@/components/analytics/skeletons";

export default function AnalyticsLoading() {
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">Analytics</h1>
        <div className="mt-1.5 h-4 w-64 animate-pulse rounded bg-slate-100" />
      </div>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-3">
        <div className="xl:col-span-3">
          <KpiSkeleton />
        </div>
        <div className="xl:col-span-2">
          <WidgetSkeleton title="Outcomes over time" height="h-72" />
        </div>
        <WidgetSkeleton title="Outcome mix" height="h-72" />
      </div>
    </div>
  );
}
