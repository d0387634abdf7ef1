/** Skeleton in the page's own shape, so nothing jumps when the call arrives. */
export default function CallLoading() {
  return (
    <div className="animate-pulse space-y-4" role="status" aria-busy="true" aria-label="Loading call">
      <div className="flex justify-between">
        <div className="h-8 w-36 rounded-md bg-slate-200" />
        <div className="h-8 w-72 rounded-md bg-slate-200" />
      </div>
      <div className="h-36 rounded-lg border border-slate-200 bg-white" />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,1fr)_26rem]">
        <div className="space-y-4 lg:order-2">
          {[0, 1, 2].map((i) => (
            <div key={i} className="h-28 rounded-lg border border-slate-200 bg-white" />
          ))}
        </div>
        <div className="space-y-4 lg:order-1">
          <div className="h-20 rounded-lg border border-slate-200 bg-white" />
          <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
            {[60, 45, 70, 35, 55, 40].map((w, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholder bubbles, never reordered
              <div key={i} className={i % 2 ? "flex justify-end" : "flex"}>
                <div className="h-12 rounded-2xl bg-slate-100" style={{ width: `${w}%` }} />
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
