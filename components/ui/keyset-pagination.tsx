"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "./button";
import { Select } from "./select";

interface Props {
  /** The page sizes offered (the list's own); the current limit is added when it is not one of them. */
  pageSizes: readonly number[];
  limit: number;
  shown: number;
  prevCursor: string | null;
  nextCursor: string | null;
  onPage: (cursor: string | null) => void;
  onLimit: (limit: number) => void;
}

/**
 * Keyset paging for the server tables (calls, accounts): previous / next by
 * cursor (any depth costs the same), page size, first page. Turning a page
 * goes back to the top of the list; nothing shows on an empty first page.
 */
export function KeysetPagination({ pageSizes, limit, shown, prevCursor, nextCursor, onPage: setCursor, onLimit }: Props) {
  if (shown === 0 && !prevCursor) return null;
  const onPage = (cursor: string | null) => {
    setCursor(cursor);
    window.scrollTo({ top: 0 });
  };
  const sizes = pageSizes.includes(limit) ? pageSizes : [...pageSizes, limit].sort((a, b) => a - b);
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 px-1 py-3 text-sm text-slate-600">
      <div className="flex items-center gap-2">
        <span aria-hidden>Rows per page</span>
        <Select
          label="Rows per page"
          value={String(limit)}
          onChange={(v) => onLimit(Number(v))}
          options={sizes.map((s) => ({ value: String(s), label: String(s) }))}
        />
        <span className="hidden text-slate-600 sm:inline">· {shown.toLocaleString("en-US")} on this page</span>
      </div>
      <div className="flex items-center gap-1.5">
        {prevCursor && (
          <Button variant="ghost" onClick={() => onPage(null)}>
            First page
          </Button>
        )}
        <Button disabled={!prevCursor} onClick={() => onPage(prevCursor)} aria-label="Previous page" className="gap-1">
          <ChevronLeft aria-hidden className="size-4" />
          Previous
        </Button>
        <Button disabled={!nextCursor} onClick={() => onPage(nextCursor)} aria-label="Next page" className="gap-1">
          Next
          <ChevronRight aria-hidden className="size-4" />
        </Button>
      </div>
    </nav>
  );
}
