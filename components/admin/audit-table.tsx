import { Table, TableBody, TableEmpty, TableFrame, TableHead, Td } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/time";
import type { AuditEntry } from "@/lib/auth/audit";

export type AuditTableRow = AuditEntry & { actionLabel: string };

/** Details as short "key: value" text; always rendered as text, never markup. */
function describeDetails(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  return Object.entries(details as Record<string, unknown>)
    .map(([key, value]) => `${key}: ${typeof value === "object" && value !== null ? JSON.stringify(value) : String(value)}`)
    .join(" · ");
}

export function AuditTable({ rows }: { rows: AuditTableRow[] }) {
  if (rows.length === 0) return <TableEmpty>No events match this filter.</TableEmpty>;
  return (
    <TableFrame label="Audit events">
      <Table>
        <TableHead columns={["When", "Who", "What", "Target", "Details"]} />
        <TableBody>
          {rows.map((row) => (
            <tr key={row.id} className="align-top">
              <Td className="whitespace-nowrap py-2.5 tabular-nums text-slate-700">
                <UtcTime date={row.createdAt} />
              </Td>
              <Td className="py-2.5">
                <div className="text-slate-900">{row.actorEmail ?? <span className="text-slate-500">anonymous</span>}</div>
                {row.ipAddress ? <div className="font-mono text-[11px] text-slate-600">{row.ipAddress}</div> : null}
              </Td>
              <Td className="py-2.5 text-slate-800">{row.actionLabel}</Td>
              <Td className="py-2.5 font-mono text-xs text-slate-600">{row.target ?? "—"}</Td>
              <Td className="min-w-48 max-w-lg break-words py-2.5 text-xs text-slate-600">{describeDetails(row.details)}</Td>
            </tr>
          ))}
        </TableBody>
      </Table>
    </TableFrame>
  );
}
