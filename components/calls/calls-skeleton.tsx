import { TableSkeleton, ToolbarSkeleton } from "@/components/ui/skeleton";

/** The calls table's columns: time, number, outcome, sentiment badges, duration, summary. */
const CELLS = [
  "h-3.5 w-20 rounded bg-slate-100",
  "h-3.5 w-32 rounded bg-slate-200",
  "h-3.5 w-28 rounded bg-slate-100",
  "h-5 w-32 rounded-md bg-slate-100",
  "h-5 w-20 rounded-md bg-slate-100",
  "h-3.5 w-10 rounded bg-slate-100",
  "h-3.5 flex-1 rounded bg-slate-100",
];

/** Placeholder rows while a page of calls loads. */
export function CallsTableSkeleton({ rows = 12 }: { rows?: number }) {
  return <TableSkeleton label="Loading calls" rows={rows} cells={CELLS} rowClassName="py-3.5" />;
}

export function CallsToolbarSkeleton() {
  return <ToolbarSkeleton widths={[88, 96, 92, 80, 84, 84, 84, 120]} />;
}
