import { Skeleton } from "@/components/ui/skeleton";

/** Placeholders in the shape of each widget, so the page does not jump when figures arrive. */
function Block({ className }: { className: string }) {
  return <Skeleton className={`rounded-md bg-slate-100 ${className}`} />;
}

export function WidgetSkeleton({ title, height = "h-64" }: { title: string; height?: string }) {
  return (
    <section aria-busy="true" aria-label={`${title} loading`} className="rounded-xl border border-slate-200 bg-white p-4 shadow-xs">
      <p className="text-sm font-semibold text-slate-900">{title}</p>
      <Block className="mt-1 h-3 w-48" />
      <Block className={`mt-4 w-full ${height}`} />
    </section>
  );
}

export function KpiSkeleton() {
  return (
    <section aria-busy="true" aria-label="Key figures loading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-xs">
      <p className="text-sm font-semibold text-slate-900">Key figures</p>
      <Block className="mt-1 h-3 w-72" />
      <div className="mt-3 grid grid-cols-3 gap-3 md:grid-cols-5 xl:grid-cols-9">
        {Array.from({ length: 9 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholder tiles, never reordered
          <div key={i} className="rounded-lg border border-slate-100 p-3">
            <Block className="h-3 w-16" />
            <Block className="mt-2 h-7 w-20" />
            <Block className="mt-2 h-3 w-24" />
            <Block className="mt-2 h-5 w-14" />
          </div>
        ))}
      </div>
    </section>
  );
}
