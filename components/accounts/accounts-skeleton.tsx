import { Skeleton } from "@/components/ui/skeleton";

/** Placeholder rows while a page of accounts loads: the table's geometry, so nothing jumps. */
export function AccountsTableSkeleton({ rows = 10 }: { rows?: number }) {
  return (
    <div className="space-y-2" role="status" aria-busy="true" aria-label="Loading accounts">
      <Skeleton className="h-5 w-40" />
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
        <div className="h-9 border-b border-slate-200 bg-slate-50" />
        {Array.from({ length: rows }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholder rows, never reordered
          <div key={i} className="flex items-center gap-6 border-b border-slate-100 px-3 py-4">
            <Skeleton className="h-4 w-28 rounded bg-slate-200" />
            <Skeleton className="h-3.5 w-32 rounded bg-slate-100" />
            <Skeleton className="h-3.5 w-16 rounded bg-slate-100" />
            <Skeleton className="h-3.5 w-12 rounded bg-slate-100" />
            <Skeleton className="h-5 w-32 rounded-md bg-slate-100" />
            <Skeleton className="h-5 w-28 rounded-md bg-slate-100" />
            <Skeleton className="h-3.5 flex-1 rounded bg-slate-100" />
          </div>
        ))}
      </div>
    </div>
  );
}

export function AccountsToolbarSkeleton() {
  return (
    <div className="space-y-2.5" aria-hidden>
      <Skeleton className="h-9 w-full max-w-xl rounded-md bg-slate-200/70" />
      <div className="flex gap-1.5">
        {[120, 110, 110, 110, 110, 96, 96].map((w, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholder buttons, never reordered
          <Skeleton key={i} className="h-8 rounded-md" style={{ width: w }} />
        ))}
      </div>
    </div>
  );
}
