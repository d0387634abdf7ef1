"use client";

import clsx from "clsx";
import { Check } from "lucide-react";
import { Suspense, use } from "react";
import { Popover } from "@/components/ui/popover";
import type { CallFacets, Facet, FacetDimension } from "@/lib/calls/facets";

export interface FacetFilterProps {
  title: string;
  dimension: FacetDimension;
  /** Values offered before counts arrive (the catalogue's). */
  baseValues: readonly string[];
  selected: string[];
  facets: Promise<CallFacets | null>;
  label: (value: string) => React.ReactNode;
  buttonLabel: (value: string) => string;
  /** Single choice (statuses): ticking one replaces the other. */
  single?: boolean;
  onChange: (values: string[]) => void;
}

/** A multi-select (or single-select) filter with facet counts beside each option. */
export function FacetFilter(props: FacetFilterProps) {
  const { title, selected, buttonLabel } = props;
  const summary =
    selected.length === 0
      ? title
      : selected.length === 1
        ? `${title}: ${buttonLabel(selected[0]!)}`
        : `${title}: ${selected.length} selected`;
  return (
    <Popover label={summary} title={title} active={selected.length > 0} testId={`filter-${props.dimension}`}>
      {() => (
        <div className="w-64">
          <Suspense fallback={<Options {...props} facet={null} />}>
            <WithCounts {...props} />
          </Suspense>
          {selected.length > 0 && (
            <button
              type="button"
              onClick={() => props.onChange([])}
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

function WithCounts(props: FacetFilterProps) {
  const facets = use(props.facets);
  return <Options {...props} facet={facets ? facets[props.dimension] : null} />;
}

function Options({ title, baseValues, selected, label, single, onChange, facet, dimension }: FacetFilterProps & { facet: Facet | null }) {
  const values = facet ? facet.options.map((o) => o.value) : [...baseValues];
  for (const v of selected) if (!values.includes(v)) values.push(v);
  const counts = new Map(facet?.options.map((o) => [o.value, o.count]));
  if (values.length === 0) return <p className="px-2 py-3 text-sm text-slate-500">No values yet.</p>;
  return (
    <ul aria-label={title} className="max-h-80 overflow-y-auto" data-testid={`options-${dimension}`}>
      {values.map((value) => {
        const on = selected.includes(value);
        const count = counts.get(value);
        return (
          <li key={value}>
            {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role is radio or checkbox, both of which support aria-checked; Biome cannot read the conditional */}
            <button
              type="button"
              role={single ? "radio" : "checkbox"}
              aria-checked={on}
              data-value={value}
              onClick={() => onChange(single ? (on ? [] : [value]) : on ? selected.filter((v) => v !== value) : [...selected, value])}
              className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-50"
            >
              <span
                aria-hidden
                className={clsx(
                  "grid size-4 shrink-0 place-items-center border",
                  single ? "rounded-full" : "rounded",
                  on ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-300 bg-white",
                )}
              >
                {on && <Check className="size-3" strokeWidth={3} />}
              </span>
              <span className="min-w-0 flex-1 truncate">{label(value)}</span>
              <span className="text-xs tabular-nums text-slate-500">
                {count === undefined ? "" : `${facet?.estimated ? "≈" : ""}${count.toLocaleString("en-US")}`}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
