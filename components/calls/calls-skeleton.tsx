import { Skeleton } from "@/components/ui/skeleton";

/** Placeholder rows while a page of calls loads: same geometry as the table, so nothing jumps. */
export function CallsTableSkeleton({ rows = 12 }: { rows?: number }) {
  return (
    <div className="space-y-2" role="status" aria-busy="true" aria-label="Loading calls">
      <Skeleton className="h-5 w-40" />
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
        <div className="h-9 border-b border-slate-200 bg-slate-50" />
        {Array.from({ length: rows }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholder rows, never reordered
          <div key={i} className="flex items-center gap-6 border-b border-slate-100 px-3 py-3.5">
            <Skeleton className="h-3.5 w-20 rounded bg-slate-100" />
            <Skeleton className="h-3.5 w-32 rounded bg-slate-200" />
            <Skeleton className="h-3.5 w-28 rounded bg-slate-100" />
            <Skeleton className="h-5 w-32 rounded-md bg-slate-100" />
            <Skeleton className="h-5 w-20 rounded-md bg-slate-100" />
            <Skeleton className="h-3.5 w-10 rounded bg-slate-100" />
            <Skeleton className="h-3.5 flex-1 rounded bg-slate-100" />
          </div>
        ))}
      </div>
    </div>
  );
}

export function CallsToolbarSkeleton() {
  return (
    <div className="space-y-2.5" aria-hidden>
      <div className="flex gap-2">
        <Skeleton className="h-9 w-full max-w-xl rounded-md bg-slate-200/70" />
      </div>
      <div className="flex gap-1.5">
        {[88, 96, 92, 80, 84, 84, 84, 120].map((w, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholder buttons (widths repeat), never reordered
          <Skeleton key={i} className="h-8 rounded-md" style={{ width: w }} />
        ))}
      </div>
    </div>
  );
}
