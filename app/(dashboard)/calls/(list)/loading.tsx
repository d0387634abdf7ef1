import { CallsTableSkeleton, CallsToolbarSkeleton } from "@/components/calls/calls-skeleton";

export default function CallsLoading() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Calls</h1>
      <CallsToolbarSkeleton />
      <CallsTableSkeleton />
    </div>
  );
}
