"use client";

import clsx from "clsx";
import { Check } from "lucide-react";
import { Popover } from "@/components/ui/popover";
import { formatCount } from "./format";

export interface Option {
  value: string;
  label: string;
  color?: string;
  calls: number;
}

/** A filter menu: tick any number of values; counts are calls in the period. */
export function MultiSelect({
  title,
  options,
  selected,
  onChange,
}: {
  title: string;
  options: Option[];
  selected: string[];
  onChange: (values: string[]) => void;
}) {
  const labelOf = (v: string) => options.find((o) => o.value === v)?.label ?? v;
  const summary =
    selected.length === 0 ? title : selected.length === 1 ? `${title}: ${labelOf(selected[0]!)}` : `${title}: ${selected.length} selected`;
  // Values in the URL but absent from this period still show, so they can be unticked.
  const all = [
    ...options,
    ...selected.filter((v) => !options.some((o) => o.value === v)).map((v): Option => ({ value: v, label: v, calls: 0 })),
  ];
  return (
    <Popover label={summary} active={selected.length > 0} testId={`analytics-filter-${title.toLowerCase()}`} title={title}>
      {() => (
        <div className="w-64">
          <ul className="max-h-72 overflow-y-auto" aria-label={title}>
            {all.map((o) => {
              const on = selected.includes(o.value);
              return (
                <li key={o.value}>
                  {/* biome-ignore lint/a11y/useSemanticElements: a whole-row toggle with a drawn box, label and count; a native checkbox could not hold that content */}
                  <button
                    type="button"
                    role="checkbox"
                    aria-checked={on}
                    onClick={() => onChange(on ? selected.filter((v) => v !== o.value) : [...selected, o.value])}
                    className={clsx(
                      "flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-50",
                      on && "font-medium",
                    )}
                  >
                    <span
                      className={clsx(
                        "grid size-4 place-items-center rounded border",
                        on ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-300",
                      )}
                    >
                      {on && <Check aria-hidden className="size-3" />}
                    </span>
                    {o.color && <span aria-hidden className="size-2.5 rounded-sm" style={{ backgroundColor: o.color }} />}
                    <span className="min-w-0 flex-1 truncate">{o.label}</span>
                    <span className="text-xs tabular-nums text-slate-500">{formatCount(o.calls)}</span>
                  </button>
                </li>
              );
            })}
            {all.length === 0 && <li className="px-2 py-1.5 text-sm text-slate-500">No values in this period</li>}
          </ul>
          {selected.length > 0 && (
            <button
              type="button"
              onClick={() => onChange([])}
              className="mt-1 w-full rounded-md px-2 py-1.5 text-left text-xs font-medium text-slate-500 hover:bg-slate-50 hover:text-slate-800"
            >
              Clear {title.toLowerCase()}
            </button>
          )}
        </div>
      )}
    </Popover>
  );
}
