import type { ColumnDef } from "@tanstack/react-table";
import clsx from "clsx";
import { OutcomeBadge, SentimentBadge } from "@/components/call-detail/call-badges";
import { formatPhone } from "@/components/call-detail/format";
import { Duration } from "@/components/ui/duration";
import { RelativeTime } from "@/components/ui/time";
import type { CallRow } from "@/lib/calls/rows";
import { CallPreview } from "./call-preview";
import { COLUMN_LABELS } from "./filter-labels";

export interface CallColumnMeta {
  /** The URL sort this column's header toggles (only sortable columns have one). */
  sortKey?: "receivedAt" | "duration";
  headerClassName?: string;
  cellClassName?: string;
}

function Status({ value }: { value: string | null }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-slate-600">
      <span
        aria-hidden
        className={clsx("size-1.5 rounded-full", value === "pass" ? "bg-emerald-500" : value === "fail" ? "bg-rose-500" : "bg-slate-300")}
      />
      {value ?? "—"}
    </span>
  );
}

/** The calls table's columns (TanStack Table, server-side data: sorting and paging happen in SQL). */
export function getCallColumns(): ColumnDef<CallRow>[] {
  return [
    {
      id: "receivedAt",
      header: COLUMN_LABELS.receivedAt,
      enableHiding: false,
      cell: ({ row }) => <RelativeTime iso={row.original.receivedAt} />,
      meta: { sortKey: "receivedAt", headerClassName: "w-28", cellClassName: "text-slate-600" } satisfies CallColumnMeta,
    },
    {
      id: "numberTo",
      header: COLUMN_LABELS.numberTo,
      cell: ({ row }) => <span className="font-medium tabular-nums text-slate-900">{formatPhone(row.original.numberTo)}</span>,
      meta: { headerClassName: "w-36", cellClassName: "whitespace-nowrap" } satisfies CallColumnMeta,
    },
    {
      id: "numberFrom",
      header: COLUMN_LABELS.numberFrom,
      cell: ({ row }) => <span className="tabular-nums text-slate-500">{formatPhone(row.original.numberFrom)}</span>,
      meta: { headerClassName: "w-36", cellClassName: "whitespace-nowrap" } satisfies CallColumnMeta,
    },
    {
      id: "outcome",
      header: COLUMN_LABELS.outcome,
      cell: ({ row }) => <OutcomeBadge value={row.original.callOutput} />,
      meta: { headerClassName: "w-40" } satisfies CallColumnMeta,
    },
    {
      id: "sentiment",
      header: COLUMN_LABELS.sentiment,
      cell: ({ row }) => <SentimentBadge value={row.original.sentimentOutput} />,
      meta: { headerClassName: "w-28" } satisfies CallColumnMeta,
    },
    {
      id: "duration",
      header: COLUMN_LABELS.duration,
      cell: ({ row }) => <Duration seconds={row.original.duration} className="tabular-nums text-slate-700" />,
      meta: { sortKey: "duration", headerClassName: "w-24 text-right", cellClassName: "text-right" } satisfies CallColumnMeta,
    },
    {
      id: "deliveryStatus",
      header: COLUMN_LABELS.deliveryStatus,
      cell: ({ row }) => <Status value={row.original.deliveryStatus} />,
      meta: { headerClassName: "w-24" } satisfies CallColumnMeta,
    },
    {
      id: "providerStatus",
      header: COLUMN_LABELS.providerStatus,
      cell: ({ row }) => <Status value={row.original.providerStatus} />,
      meta: { headerClassName: "w-24" } satisfies CallColumnMeta,
    },
    {
      id: "project",
      header: COLUMN_LABELS.project,
      cell: ({ row }) =>
        row.original.projectId ? (
          <span className="font-mono text-xs text-slate-600" title={row.original.projectId}>
            {row.original.projectId}
          </span>
        ) : (
          <span className="text-slate-500">—</span>
        ),
      meta: { headerClassName: "w-32", cellClassName: "truncate" } satisfies CallColumnMeta,
    },
    {
      id: "summary",
      header: COLUMN_LABELS.summary,
      cell: ({ row }) => (
        <div className="line-clamp-2 max-w-[46rem] text-[13px] leading-snug">
          <CallPreview preview={row.original.preview} />
        </div>
      ),
      meta: { cellClassName: "min-w-72" } satisfies CallColumnMeta,
    },
  ];
}
