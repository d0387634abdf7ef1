import Link from "next/link";

export interface LegendItem {
  key: string;
  label: string;
  color: string;
  /** Shown after the label, e.g. the series total. */
  value?: string;
  /** Drill-down to the calls of this series. */
  href?: string | null;
}

/** A chart legend in HTML (readable, wraps, each entry a link to its calls). */
export function SeriesLegend({ items, label }: { items: LegendItem[]; label: string }) {
  return (
    <ul aria-label={label} className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
      {items.map((item) => {
        const content = (
          <>
            <span aria-hidden className="size-2.5 shrink-0 rounded-sm" style={{ backgroundColor: item.color }} />
            <span>{item.label}</span>
            {item.value && <span className="font-medium tabular-nums text-slate-900">{item.value}</span>}
          </>
        );
        return (
          <li key={item.key}>
            {item.href ? (
              <Link
                href={item.href}
                className="inline-flex min-h-6 items-center gap-1.5 rounded px-0.5 hover:text-slate-900 hover:underline"
              >
                {content}
              </Link>
            ) : (
              <span className="inline-flex items-center gap-1.5 px-0.5">{content}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
