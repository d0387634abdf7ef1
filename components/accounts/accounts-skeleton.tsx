import { TableSkeleton, ToolbarSkeleton } from "@/components/ui/skeleton";

/** The accounts table's columns: key, numbers, portfolio, calls, last call and promise badges, callback. */
const CELLS = [
  "h-4 w-28 rounded bg-slate-200",
  "h-3.5 w-32 rounded bg-slate-100",
  "h-3.5 w-16 rounded bg-slate-100",
  "h-3.5 w-12 rounded bg-slate-100",
  "h-5 w-32 rounded-md bg-slate-100",
  "h-5 w-28 rounded-md bg-slate-100",
  "h-3.5 flex-1 rounded bg-slate-100",
];

/** Placeholder rows while a page of accounts loads. */
export function AccountsTableSkeleton({ rows = 10 }: { rows?: number }) {
  return <TableSkeleton label="Loading accounts" rows={rows} cells={CELLS} rowClassName="py-4" />;
}

export function AccountsToolbarSkeleton() {
  return <ToolbarSkeleton widths={[120, 110, 110, 110, 110, 96, 96]} />;
}
