import Link from "next/link";
import { UtcTime } from "./utc-time";
import type { ActionState } from "@/lib/auth/admin/action-state";
import { DeliveryStatusBadge } from "./delivery-status-badge";
import { ReplayButton } from "./replay-button";

export interface DeliveryTableRow {
  id: string;
  messageId: string;
  eventType: string | null;
  status: string;
  errorSummary: string | null;
  providerCallId: string | null;
  callId: string | null;
  receivedAt: Date;
  processedAt: Date | null;
  attempts: number;
}

const REPLAYABLE = new Set(["invalid", "failed"]);

export function DeliveriesTable({ rows, replay }: { rows: DeliveryTableRow[]; replay: (state: ActionState, form: FormData) => Promise<ActionState> }) {
  if (rows.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-500">No deliveries match this filter.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">Received</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Status</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Event / call</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Error</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Attempts</th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              <span className="sr-only">Replay</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="align-top">
              <td className="whitespace-nowrap px-4 py-3 tabular-nums text-slate-700">
                <UtcTime date={row.receivedAt} />
                <div className="font-mono text-[11px] text-slate-400" title="svix-id">
                  {row.messageId}
                </div>
              </td>
              <td className="px-4 py-3">
                <DeliveryStatusBadge status={row.status} />
              </td>
              <td className="px-4 py-3">
                <div className="text-slate-700">{row.eventType ?? "—"}</div>
                {row.callId ? (
                  <Link href={`/calls/${row.callId}`} className="font-mono text-xs text-indigo-700 hover:underline">
                    {row.providerCallId ?? row.callId}
                  </Link>
                ) : row.providerCallId ? (
                  <span className="font-mono text-xs text-slate-500">{row.providerCallId}</span>
                ) : null}
              </td>
              <td className="max-w-md px-4 py-3 text-slate-700">
                {row.errorSummary ? <p className="break-words text-xs leading-relaxed">{row.errorSummary}</p> : <span className="text-slate-400">—</span>}
              </td>
              <td className="px-4 py-3 tabular-nums text-slate-600">{row.attempts}</td>
              <td className="px-4 py-3">{REPLAYABLE.has(row.status) ? <ReplayButton id={row.id} label="Replay" action={replay} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
