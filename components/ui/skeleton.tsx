import { cn } from "./cn";

/** A grey placeholder block while content loads; hidden from assistive tech (the region says it is busy). */
export function Skeleton({ className, style }: { className?: string; style?: React.CSSProperties }) {
  // A caller's own grey replaces the default one (two bg-* classes would race in the stylesheet).
  return (
    <div aria-hidden className={cn("animate-pulse rounded", !className?.includes("bg-") && "bg-slate-200/70", className)} style={style} />
  );
}

/**
 * A server table's placeholder while a page loads: a caption line, the header
 * band and `rows` rows of `cells` (one class list per cell: width, height,
 * grey), so the table's geometry does not jump when the rows arrive.
 */
export function TableSkeleton({
  label,
  rows,
  cells,
  rowClassName,
}: {
  label: string;
  rows: number;
  cells: string[];
  rowClassName: string;
}) {
  return (
    <div className="space-y-2" role="status" aria-busy="true" aria-label={label}>
      <Skeleton className="h-5 w-40" />
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
        <div className="h-9 border-b border-slate-200 bg-slate-50" />
        {Array.from({ length: rows }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholder rows, never reordered
          <div key={i} className={cn("flex items-center gap-6 border-b border-slate-100 px-3", rowClassName)}>
            {cells.map((cell, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of placeholder cells, never reordered
              <Skeleton key={j} className={cell} />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

/** A list toolbar's placeholder: the search box and one block per filter button (`widths` in px). */
export function ToolbarSkeleton({ widths }: { widths: number[] }) {
  return (
    <div className="space-y-2.5" aria-hidden>
      <Skeleton className="h-9 w-full max-w-xl rounded-md bg-slate-200/70" />
      <div className="flex gap-1.5">
        {widths.map((w, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholder buttons (widths repeat), never reordered
          <Skeleton key={i} className="h-8 rounded-md" style={{ width: w }} />
        ))}
      </div>
    </div>
  );
}
