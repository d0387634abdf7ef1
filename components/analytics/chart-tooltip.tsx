/** The one tooltip look for every chart: a title, then coloured rows of label + value. */
export interface TooltipRow {
  key: string;
  color: string;
  label: string;
  value: string;
}

export function TooltipPanel({ title, rows, footer }: { title: string; rows: TooltipRow[]; footer?: string }) {
  return (
    <div className="min-w-48 rounded-lg border border-slate-200 bg-white/95 px-3 py-2 text-xs shadow-lg backdrop-blur">
      <p className="mb-1.5 font-semibold text-slate-900">{title}</p>
      <ul className="space-y-1">
        {rows.map((r) => (
          <li key={r.key} className="flex items-center gap-2">
            <span aria-hidden className="size-2.5 shrink-0 rounded-sm" style={{ backgroundColor: r.color }} />
            <span className="flex-1 text-slate-600">{r.label}</span>
            <span className="font-medium tabular-nums text-slate-900">{r.value}</span>
          </li>
        ))}
      </ul>
      {footer && <p className="mt-1.5 border-t border-slate-100 pt-1.5 text-[11px] text-slate-500">{footer}</p>}
    </div>
  );
}

export const AXIS_TICK = { fill: "#64748b", fontSize: 11 };

/** What recharts hands a custom tooltip (only the parts we read). */
export interface TooltipArgs {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
}
