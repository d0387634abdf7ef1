"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { PAGE_SIZES } from "@/lib/calls/search-params";

interface Props {
  limit: number;
  shown: number;
  prevCursor: string | null;
  nextCursor: string | null;
  onPage: (cursor: string | null) => void;
  onLimit: (limit: number) => void;
}

/** Keyset paging: previous / next by cursor (any depth costs the same), page size, first page. */
export function CallsPagination({ limit, shown, prevCursor, nextCursor, onPage, onLimit }: Props) {
  const sizes = PAGE_SIZES.includes(limit as (typeof PAGE_SIZES)[number]) ? PAGE_SIZES : [...PAGE_SIZES, limit].sort((a, b) => a - b);
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 px-1 py-3 text-sm text-slate-600">
      <label className="flex items-center gap-2">
        Rows per page
        <select aria-label="Rows per page" value={limit} onChange={(e) => onLimit(Number(e.target.value))} className="h-8 rounded-md border border-slate-300 bg-white px-2 shadow-xs">
          {sizes.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <span className="hidden text-slate-600 sm:inline">· {shown.toLocaleString("en-US")} on this page</span>
      </label>
      <div className="flex items-center gap-1.5">
        {prevCursor && (
          <button type="button" onClick={() => onPage(null)} className="rounded-md px-2.5 py-1.5 font-medium text-slate-600 hover:bg-slate-100">
            First page
          </button>
        )}
        <button type="button" disabled={!prevCursor} onClick={() => onPage(prevCursor)} className={BTN} aria-label="Previous page">
          <ChevronLeft aria-hidden className="size-4" />
          Previous
        </button>
        <button type="button" disabled={!nextCursor} onClick={() => onPage(nextCursor)} className={BTN} aria-label="Next page">
          Next
          <ChevronRight aria-hidden className="size-4" />
        </button>
      </div>
    </nav>
  );
}

const BTN =
  "inline-flex h-8 items-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 font-medium text-slate-700 shadow-xs hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40 disabled:hover:bg-white";
