import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/time";
import { Evidence } from "./evidence";
import { EDIT_LABELS, formatDay, formatMoney, PROMISE_STATUS } from "./format";
import { PromiseActions } from "./promise-actions";
import type { PromiseData } from "./types";

const KIND = { promise: "Promise", extension: "Extension", installment: "Installment" } as const;

interface Group {
  id: string;
  plan: boolean;
  promises: PromiseData[];
}

/** Single promises stand alone; a plan's installments sit together under it. Newest first. */
function groups(promises: PromiseData[]): Group[] {
  const out: Group[] = [];
  const plans = new Map<string, Group>();
  for (const p of promises) {
    if (p.planId) {
      let g = plans.get(p.planId);
      if (!g) {
        g = { id: `plan:${p.planId}`, plan: true, promises: [] };
        plans.set(p.planId, g);
        out.push(g);
      }
      g.promises.push(p);
    } else out.push({ id: p.id, plan: false, promises: [p] });
  }
  return out.reverse();
}

function Counts({ promises }: { promises: PromiseData[] }) {
  const by = new Map<string, number>();
  for (const p of promises) by.set(p.status, (by.get(p.status) ?? 0) + 1);
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Promises by status">
      {Object.entries(PROMISE_STATUS)
        .filter(([s]) => by.has(s))
        .map(([s, info]) => (
          <li key={s}>
            <Badge tone={info.tone}>
              {info.label} {by.get(s)}
            </Badge>
          </li>
        ))}
    </ul>
  );
}

function Row({ accountId, p }: { accountId: string; p: PromiseData }) {
  const status = PROMISE_STATUS[p.status] ?? { label: p.status, tone: "neutral" as const };
  const label = `${p.kind === "installment" ? `installment ${(p.installmentIndex ?? 0) + 1}` : KIND[p.kind as keyof typeof KIND]?.toLowerCase()} of ${formatMoney(p.amountCents, p.currency)} due ${formatDay(p.dueDate)}`;
  return (
    <li className="grid gap-3 px-4 py-3 sm:grid-cols-[11rem_minmax(0,1fr)_auto]" data-testid="promise-row" data-status={p.status}>
      <div className="space-y-1">
        <div className="flex flex-wrap items-center gap-1.5">
          <Badge tone={status.tone} data-testid="promise-status">
            {status.label}
          </Badge>
          {p.needsReview && <Badge tone="amber">Needs review</Badge>}
        </div>
        <p className="text-lg font-semibold tabular-nums text-slate-900">{formatMoney(p.amountCents, p.currency)}</p>
        <p className="text-sm text-slate-700">
          Due <span className="font-medium">{formatDay(p.dueDate)}</span>
        </p>
        <p className="text-xs text-slate-600">
          {p.kind === "installment" ? `Installment ${(p.installmentIndex ?? 0) + 1}` : KIND[p.kind as keyof typeof KIND]} · {p.timeZone} ·{" "}
          {p.confidence} confidence
        </p>
      </div>
      <div className="min-w-0 space-y-1.5">
        <Evidence callId={p.callId} evidence={p.evidence} />
        <p className="text-xs text-slate-600">
          Made <LocalTime iso={p.madeAt} /> ·{" "}
          <Link href={`/calls/${p.callId}`} className="text-indigo-700 underline underline-offset-2">
            the call
          </Link>
          {p.statusAt && p.status !== "pending" && (
            <>
              {" "}
              · {status.label.toLowerCase()} <LocalTime iso={p.statusAt} />
            </>
          )}
        </p>
        {p.reviewReasons.length > 0 && p.needsReview && (
          <p className="text-xs text-amber-800">Why review: {p.reviewReasons.join(", ").replaceAll("_", " ")}</p>
        )}
        {p.edits.length > 0 && (
          <ul className="space-y-0.5 text-xs text-slate-700" aria-label="Changes by people">
            {p.edits.map((e) => (
              <li key={`${e.kind}-${e.at}`}>
                <span className="font-medium">{EDIT_LABELS[e.kind] ?? e.kind}</span> by {e.byName}, <LocalTime iso={e.at} />
              </li>
            ))}
            {p.extracted && (p.extracted.dueDate !== p.dueDate || p.extracted.amountCents !== p.amountCents) && (
              <li className="text-slate-600">
                The call said {formatMoney(p.extracted.amountCents, p.currency)} due {formatDay(p.extracted.dueDate)}.
              </li>
            )}
          </ul>
        )}
      </div>
      <PromiseActions accountId={accountId} promise={p} label={label} />
    </li>
  );
}

/** One installment of a plan: one line (the plan's evidence is shown once above). */
function InstallmentRow({ accountId, p }: { accountId: string; p: PromiseData }) {
  const status = PROMISE_STATUS[p.status] ?? { label: p.status, tone: "neutral" as const };
  const n = (p.installmentIndex ?? 0) + 1;
  return (
    <li
      className="grid grid-cols-[6.5rem_5.5rem_minmax(0,1fr)_auto] items-center gap-x-3 px-4 py-1.5 text-sm"
      data-testid="promise-row"
      data-status={p.status}
    >
      <Badge tone={status.tone} data-testid="promise-status" className="justify-self-start">
        {status.label}
      </Badge>
      <span className="font-semibold tabular-nums text-slate-900">{formatMoney(p.amountCents, p.currency)}</span>
      <span className="min-w-0 text-slate-700">
        #{n} · due <span className="font-medium">{formatDay(p.dueDate)}</span>
        {p.edits.length > 0 && (
          <span className="text-xs text-slate-600">
            {" "}
            · {EDIT_LABELS[p.edits.at(-1)!.kind]} by {p.edits.at(-1)!.byName}
          </span>
        )}
      </span>
      <PromiseActions
        accountId={accountId}
        promise={p}
        label={`installment ${n} of ${formatMoney(p.amountCents, p.currency)} due ${formatDay(p.dueDate)}`}
      />
    </li>
  );
}

/** The promise ledger: every promise with its status, the words it came from, and what people changed. */
export function PromiseLedger({ accountId, promises }: { accountId: string; promises: PromiseData[] }) {
  return (
    <section aria-labelledby="ledger-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-2.5">
        <h2 id="ledger-title" className="text-sm font-semibold text-slate-900">
          Promise ledger
        </h2>
        <Counts promises={promises} />
      </div>
      {promises.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600">
          No promises yet. They appear here when a call ends with a payment promise or extension.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {groups(promises).map((g) =>
            g.plan ? (
              <li key={g.id} className="bg-slate-50/60 pb-2">
                <div className="space-y-1.5 px-4 pt-3 pb-1">
                  <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">
                    Payment plan · {g.promises.length} installments of {formatMoney(g.promises[0]!.amountCents, g.promises[0]!.currency)} ·{" "}
                    {g.promises[0]!.timeZone}
                  </p>
                  <Evidence callId={g.promises[0]!.callId} evidence={g.promises[0]!.evidence} />
                </div>
                <ul className="relative divide-y divide-slate-100 overflow-x-auto">
                  {g.promises.map((p) => (
                    <InstallmentRow key={p.id} accountId={accountId} p={p} />
                  ))}
                </ul>
              </li>
            ) : (
              <Row key={g.id} accountId={accountId} p={g.promises[0]!} />
            ),
          )}
        </ul>
      )}
    </section>
  );
}
