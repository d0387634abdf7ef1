import type { Metadata } from "next";
import { AgentFilter, AgentSummaryTable } from "@/components/work/agent-summary";
import { WorkBoard } from "@/components/work/work-board";
import { getWork, parseWorkQuery } from "@/lib/accounts/work";
import { workDoneAction, workSnoozeAction } from "./actions";

export const metadata: Metadata = { title: "My work" };

type Params = Promise<Record<string, string | string[] | undefined>>;

/** My work: the agent's queues (managers: everyone's, or one agent's). Thin: parse, read, render. */
export default async function WorkPage({ searchParams }: { searchParams: Params }) {
  const query = parseWorkQuery(await searchParams);
  const view = await getWork(query, { summary: true });
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const sections = view.queues.map((q) => ({
    name: q.name,
    label: q.label,
    count: q.count,
    countCapped: q.countCapped,
    items: q.items.map((r) => ({
      item: r.item,
      queue: r.queue,
      accountId: r.accountId,
      accountKey: r.accountKey,
      assigneeName: r.assigneeName,
      title: r.title,
      at: iso(r.at),
      localDate: r.localDate,
      localTime: r.localTime,
      timeZone: r.timeZone,
      number: r.number,
      nextCallAt: iso(r.nextCallAt),
      nextCallReason: r.nextCallReason,
    })),
  }));
  const scopeText =
    view.scope.kind === "mine"
      ? "Your accounts and the unassigned ones."
      : view.scope.kind === "all"
        ? "Every agent's accounts."
        : view.scope.kind === "unassigned"
          ? "Unassigned accounts."
          : `${view.people?.find((p) => p.id === view.scope.userId)?.name ?? "This agent"}'s accounts.`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">My work</h1>
          <p className="mt-1 text-sm text-slate-600">
            {view.total.toLocaleString("en-US")}
            {view.totalCapped ? "+" : ""} open items. {scopeText} Soonest first; times are the contact&apos;s own.
          </p>
        </div>
        {view.people ? <AgentFilter people={view.people} value={query.agent ?? "all"} /> : null}
      </div>
      {view.agents ? <AgentSummaryTable agents={view.agents.rows} countedAt={view.agents.countedAt.toISOString()} /> : null}
      <WorkBoard
        sections={sections}
        nowIso={new Date().toISOString()}
        showAssignee={view.people !== null}
        done={workDoneAction}
        snooze={workSnoozeAction}
      />
    </div>
  );
}
