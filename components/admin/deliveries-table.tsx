import Link from "next/link";
import { Table, TableBody, TableEmpty, TableFrame, TableHead, Td } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/time";
import type { ActionState } from "@/lib/auth/admin/action-state";
import type { DeliveryRow } from "@/lib/ingest/inbox";
import { DeliveryStatusBadge } from "./delivery-status-badge";
import { ReplayButton } from "./replay-button";

const REPLAYABLE = new Set(["invalid", "failed"]);

export function DeliveriesTable({
  rows,
  replay,
}: {
  rows: DeliveryRow[];
  replay: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  if (rows.length === 0) return <TableEmpty>No deliveries match this filter.</TableEmpty>;
  return (
    <TableFrame label="Webhook deliveries">
      <Table>
        <TableHead
          columns={[
            "Received",
            "Status",
            "Event / call",
            "Error",
            "Attempts",
            <span key="replay" className="sr-only">
              Replay
            </span>,
          ]}
        />
        <TableBody>
          {rows.map((row) => (
            <tr key={row.id} className="align-top">
              <Td className="whitespace-nowrap tabular-nums text-slate-700">
                <UtcTime date={row.receivedAt} />
                <div className="font-mono text-[11px] text-slate-600" title="svix-id">
                  {row.messageId}
                </div>
              </Td>
              <Td>
                <DeliveryStatusBadge status={row.status} />
              </Td>
              <Td>
                <div className="text-slate-700">{row.eventType ?? "—"}</div>
                {row.callId ? (
                  <Link href={`/calls/${row.callId}`} className="inline-block py-1 font-mono text-xs text-indigo-700 hover:underline">
                    {row.providerCallId ?? row.callId}
                  </Link>
                ) : row.providerCallId ? (
                  <span className="font-mono text-xs text-slate-600">{row.providerCallId}</span>
                ) : null}
              </Td>
              <Td className="min-w-48 max-w-md text-slate-700">
                {row.errorSummary ? (
                  <p className="break-words text-xs leading-relaxed">{row.errorSummary}</p>
                ) : (
                  <span className="text-slate-500">—</span>
                )}
              </Td>
              <Td className="tabular-nums text-slate-600">{row.attempts}</Td>
              <Td>{REPLAYABLE.has(row.status) ? <ReplayButton id={row.id} label="Replay" action={replay} /> : null}</Td>
            </tr>
          ))}
        </TableBody>
      </Table>
    </TableFrame>
  );
}
