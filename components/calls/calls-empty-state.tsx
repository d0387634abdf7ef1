"use client";

import { SearchX, X } from "lucide-react";
import type { ActiveFilter } from "./filter-labels";

/**
 * An empty list says why: each active filter with a one-click removal, and
 * the ones whose removal alone would bring calls back flagged first.
 */
export function CallsEmptyState({
  filters,
  culprits,
  notice,
  onRemove,
  onClear,
}: {
  filters: ActiveFilter[];
  culprits: string[];
  notice: string | null;
  onRemove: (f: ActiveFilter) => void;
  onClear: () => void;
}) {
  if (filters.length === 0) {
    return (
      <div className="px-6 py-16 text-center" data-testid="empty-state">
        <p className="text-base font-medium text-slate-900">No calls yet</p>
        <p className="mt-1 text-sm text-slate-500">Calls appear here as soon as Levers sends them; this page updates by itself.</p>
      </div>
    );
  }
  const ordered = [...filters].sort((a, b) => Number(culprits.includes(b.id)) - Number(culprits.includes(a.id)));
  const single = culprits.length > 0 ? filters.find((f) => f.id === culprits[0]) : filters.length === 1 ? filters[0] : undefined;
  return (
    <div className="px-6 py-14 text-center" data-testid="empty-state">
      <SearchX aria-hidden className="mx-auto size-8 text-slate-300" />
      <p className="mt-3 text-base font-medium text-slate-900">No calls match these filters</p>
      <p className="mt-1 text-sm text-slate-500">
        {notice ??
          (single
            ? `Nothing matches with “${single.label}”${culprits.length === 1 ? "; without it there are calls" : ""}.`
            : "Each filter narrows the list; remove one to widen it.")}
      </p>
      <ul className="mt-5 flex flex-wrap justify-center gap-2">
        {ordered.map((f) => (
          <li key={f.id}>
            <button
              type="button"
              onClick={() => onRemove(f)}
              data-testid={`remove-filter-${f.id}`}
              className={`inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-sm ${culprits.includes(f.id) ? "border-amber-300 bg-amber-50 text-amber-900" : "border-slate-300 bg-white text-slate-700"} hover:border-slate-400`}
            >
              <X aria-hidden className="size-3.5" />
              Remove {f.label}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClear} className="mt-4 text-sm font-medium text-indigo-700 hover:underline">
        Clear all filters
      </button>
    </div>
  );
}
