"use client";

import { flexRender, getCoreRowModel, useReactTable, type VisibilityState } from "@tanstack/react-table";
import clsx from "clsx";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { useRowKeys } from "@/components/ui/use-row-keys";
import type { CallRow } from "@/lib/calls/rows";
import type { CallSort, HideableColumn } from "@/lib/calls/search-params";
import { type CallColumnMeta, getCallColumns } from "./get-call-columns";

interface Props {
  rows: CallRow[];
  sort: CallSort;
  hidden: HideableColumn[];
  hrefFor: (id: string) => string;
  onSort: (sort: CallSort) => void;
  /** Rows that just arrived live: highlighted for a moment. */
  fresh: ReadonlySet<string>;
}

/**
 * The calls table. Data, sorting and paging are the server's (manual mode);
 * this renders, toggles sort from the headers, and handles the keyboard:
 * j / k move the focused row, Enter opens it (the focused element is the row's link).
 */
export function CallsTable({ rows, sort, hidden, hrefFor, onSort, fresh }: Props) {
  const router = useRouter();
  const columns = useMemo(() => getCallColumns(), []);
  const columnVisibility = useMemo<VisibilityState>(() => Object.fromEntries(hidden.map((id) => [id, false])), [hidden]);
  const [sortKey, direction] = sort === "relevance" ? [null, null] : (sort.split(".") as [string, "asc" | "desc"]);
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    state: { columnVisibility, sorting: sortKey ? [{ id: sortKey, desc: direction === "desc" }] : [] },
  });

  const { body, focused, setFocused } = useRowKeys(rows);

  const toggle = (key: "receivedAt" | "duration") => onSort(sortKey === key && direction === "desc" ? `${key}.asc` : `${key}.desc`);

  return (
    <table className="w-full table-fixed border-separate border-spacing-0 text-sm" data-testid="calls-table">
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const meta = header.column.columnDef.meta as CallColumnMeta | undefined;
              const active = meta?.sortKey && meta.sortKey === sortKey;
              return (
                <th
                  key={header.id}
                  scope="col"
                  aria-sort={active ? (direction === "desc" ? "descending" : "ascending") : undefined}
                  className={clsx(
                    "sticky top-14 z-10 border-b border-slate-200 bg-slate-50/95 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 backdrop-blur",
                    meta?.headerClassName,
                  )}
                >
                  {meta?.sortKey ? (
                    <button
                      type="button"
                      onClick={() => toggle(meta.sortKey!)}
                      className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
                    >
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      {active ? (
                        direction === "desc" ? (
                          <ArrowDown className="size-3.5" />
                        ) : (
                          <ArrowUp className="size-3.5" />
                        )
                      ) : (
                        <ArrowUpDown className="size-3.5 opacity-40" />
                      )}
                    </button>
                  ) : (
                    flexRender(header.column.columnDef.header, header.getContext())
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody ref={body}>
        {table.getRowModel().rows.map((row, index) => {
          const href = hrefFor(row.id);
          return (
            <tr
              key={row.id}
              data-call-id={row.id}
              data-focused={index === focused || undefined}
              onClick={(e) => {
                if (e.defaultPrevented || (e.target as HTMLElement).closest("a, button")) return;
                if (e.metaKey || e.ctrlKey) window.open(href, "_blank");
                else router.push(href);
              }}
              className={clsx(
                "group cursor-pointer transition-colors duration-1000 hover:bg-indigo-50/50 data-[focused]:bg-indigo-50",
                fresh.has(row.id) ? "bg-amber-50" : "bg-white",
              )}
            >
              {row.getVisibleCells().map((cell, i) => {
                const meta = cell.column.columnDef.meta as CallColumnMeta | undefined;
                return (
                  <td
                    key={cell.id}
                    className={clsx(
                      "border-b border-slate-100 px-3 py-2.5 align-middle",
                      meta?.cellClassName,
                      i === 0 && "relative group-data-[focused]:shadow-[inset_3px_0_0_0_var(--color-indigo-500)]",
                    )}
                  >
                    {i === 0 ? (
                      <Link
                        href={href}
                        data-row-link
                        onFocus={() => setFocused(index)}
                        className="outline-none after:absolute after:inset-0 focus-visible:underline"
                      >
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </Link>
                    ) : (
                      flexRender(cell.column.columnDef.cell, cell.getContext())
                    )}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
