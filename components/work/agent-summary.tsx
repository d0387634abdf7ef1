import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Table, TableBody, TableFrame, TableHead } from "@/components/ui/table";

const SHORT: [string, string][] = [
  ["broken", "Broken"],
  ["due", "Due"],
  ["callbacks_due", "Callbacks now"],
  ["callbacks_overdue", "Callbacks overdue"],
  ["review", "Review"],
  ["numbers", "Numbers"],
];

/** Managers: whose queues to show (a plain GET form, works without script). */
export function AgentFilter({ people, value }: { people: { id: string; name: string; role: string }[]; value: string }) {
  return (
    <form method="get" action="/work" className="flex items-end gap-2">
      <label className="flex flex-col text-sm font-medium text-slate-700">
        Agent
        <select name="agent" defaultValue={value} className="mt-1 h-9 rounded-md border border-slate-300 bg-white px-2 text-sm">
          <option value="all">Everyone</option>
          <option value="unassigned">Unassigned</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.role})
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={buttonClass({ size: "md" })}>
        Show
      </button>
    </form>
  );
}

/** Each agent's open work, one row per owner, each linking to that agent's queues. */
export function AgentSummaryTable({
  agents,
  countedAt,
}: {
  agents: { assigneeId: string | null; name: string; open: number; byQueue: Partial<Record<string, number>> }[];
  /** When the counts were taken (ISO): they are recounted every minute, not on each visit. */
  countedAt: string;
}) {
  return (
    <div>
      <TableFrame label="Open work per agent">
        <Table>
          <caption className="px-4 pt-3 text-left text-sm font-semibold text-slate-800">Open work per agent</caption>
          <TableHead columns={["Agent", "Open", ...SHORT.map(([, label]) => label)]} />
          <TableBody>
            {agents.length === 0 ? (
              <tr>
                <td colSpan={2 + SHORT.length} className="px-4 py-3 text-slate-600">
                  No open work.
                </td>
              </tr>
            ) : (
              agents.map((a) => (
                <tr key={a.assigneeId ?? "unassigned"}>
                  <td className="px-4 py-2">
                    <Link className="text-indigo-700 hover:underline" href={`/work?agent=${a.assigneeId ?? "unassigned"}`}>
                      {a.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2 font-medium">{a.open.toLocaleString("en-US")}</td>
                  {SHORT.map(([q]) => (
                    <td key={q} className="px-4 py-2 tabular-nums text-slate-700">
                      {(a.byQueue[q] ?? 0).toLocaleString("en-US")}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </TableBody>
        </Table>
      </TableFrame>
      {/* Outside the table's scroll area, so it wraps on a phone instead of being cut off. */}
      <p className="mt-2 text-xs text-slate-600">
        Counted at <time dateTime={countedAt}>{countedAt.slice(11, 19)} UTC</time>; recounted every minute.
      </p>
    </div>
  );
}
