import { UtcTime } from "./utc-time";

export interface AuditTableRow {
  id: string;
  createdAt: Date;
  action: string;
  actionLabel: string;
  actorEmail: string | null;
  target: string | null;
  details: unknown;
  ipAddress: string | null;
}

/** Details as short "key: value" text; always rendered as text, never markup. */
function describeDetails(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  return Object.entries(details as Record<string, unknown>)
    .map(([key, value]) => `${key}: ${typeof value === "object" && value !== null ? JSON.stringify(value) : String(value)}`)
    .join(" · ");
}

export function AuditTable({ rows }: { rows: AuditTableRow[] }) {
  if (rows.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-500">No events match this filter.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">When</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Who</th>
            <th scope="col" className="px-4 py-2.5 font-medium">What</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Target</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Details</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="align-top">
              <td className="whitespace-nowrap px-4 py-2.5 tabular-nums text-slate-700">
                <UtcTime date={row.createdAt} />
              </td>
              <td className="px-4 py-2.5">
                <div className="text-slate-900">{row.actorEmail ?? <span className="text-slate-400">anonymous</span>}</div>
                {row.ipAddress ? <div className="font-mono text-[11px] text-slate-400">{row.ipAddress}</div> : null}
              </td>
              <td className="px-4 py-2.5 text-slate-800">{row.actionLabel}</td>
              <td className="px-4 py-2.5 font-mono text-xs text-slate-600">{row.target ?? "—"}</td>
              <td className="max-w-lg break-words px-4 py-2.5 text-xs text-slate-600">{describeDetails(row.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
