"use client";

import { ChevronDown, ChevronUp, Search, X } from "lucide-react";
import { forwardRef } from "react";

export interface TranscriptSearchProps {
  query: string;
  onQueryChange: (query: string) => void;
  /** Index of the current match (0-based), or -1. */
  active: number;
  total: number;
  onStep: (delta: 1 | -1) => void;
}

/** Search box for the transcript: Enter / Shift+Enter step through matches, Escape clears. */
export const TranscriptSearch = forwardRef<HTMLInputElement, TranscriptSearchProps>(function TranscriptSearch(
  { query, onQueryChange, active, total, onStep },
  ref,
) {
  const hasQuery = query.trim() !== "";
  return (
    <div className="flex items-center gap-2">
      <div className="relative">
        <Search aria-hidden className="pointer-events-none absolute left-2 top-1/2 size-4 -translate-y-1/2 text-slate-500" />
        <input
          ref={ref}
          type="search"
          value={query}
          onChange={(e) => onQueryChange(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              onStep(e.shiftKey ? -1 : 1);
            } else if (e.key === "Escape" && hasQuery) {
              e.preventDefault();
              onQueryChange("");
            }
          }}
          placeholder="Search transcript"
          aria-label="Search transcript"
          aria-keyshortcuts="/"
          className="h-8 w-40 rounded-md border border-slate-300 bg-white pl-7 sm:w-60 pr-2 text-sm placeholder:text-slate-500 focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 [&::-webkit-search-cancel-button]:hidden"
        />
      </div>
      <span className="min-w-16 text-xs tabular-nums text-slate-500" aria-live="polite" data-testid="match-count">
        {hasQuery ? (total === 0 ? "No matches" : `${active + 1} of ${total}`) : ""}
      </span>
      <div className="flex items-center">
        <IconButton label="Previous match (Shift+Enter)" disabled={total === 0} onClick={() => onStep(-1)}>
          <ChevronUp aria-hidden className="size-4" />
        </IconButton>
        <IconButton label="Next match (Enter)" disabled={total === 0} onClick={() => onStep(1)}>
          <ChevronDown aria-hidden className="size-4" />
        </IconButton>
        {hasQuery && (
          <IconButton label="Clear search (Escape)" onClick={() => onQueryChange("")}>
            <X aria-hidden className="size-4" />
          </IconButton>
        )}
      </div>
    </div>
  );
});

function IconButton({
  label,
  disabled,
  onClick,
  children,
}: {
  label: string;
  disabled?: boolean;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      title={label}
      className="grid size-7 place-items-center rounded text-slate-600 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-40"
    >
      {children}
    </button>
  );
}
