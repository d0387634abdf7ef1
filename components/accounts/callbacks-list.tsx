import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/time";
import { CallbackActions } from "./callback-actions";
import { CALLBACK_STATUS, formatInZone } from "./format";
import { type CallbackData, turnHref, type UserOption } from "./types";

/** Callbacks the contact asked for: due in their own local time and zone, status, who calls back. */
export function CallbacksList({ accountId, callbacks, users }: { accountId: string; callbacks: CallbackData[]; users: UserOption[] }) {
  return (
    <section aria-labelledby="callbacks-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <h2 id="callbacks-title" className="border-b border-slate-100 px-4 py-2.5 text-sm font-semibold text-slate-900">
        Callbacks
      </h2>
      {callbacks.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600">No callbacks requested.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {callbacks.map((cb) => {
            const status = CALLBACK_STATUS[cb.status] ?? { label: cb.status, tone: "neutral" as const };
            return (
              <li key={cb.id} className="space-y-1.5 px-4 py-3" data-testid="callback-row">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={status.tone}>{status.label}</Badge>
                  <span className="font-medium text-slate-900">{formatInZone(cb.dueAt, cb.timeZone)}</span>
                  <span className="text-xs text-slate-600">contact's time ({cb.timeZone})</span>
                </div>
                <p className="text-xs text-slate-600">
                  {cb.defaulted ? "No time said: the next business day. " : cb.timeAssumed ? "Day said, time assumed. " : ""}
                  Asked <LocalTime iso={cb.requestedAt} /> on{" "}
                  <a href={turnHref(cb.callId, cb.evidence?.turn ?? null)} className="text-indigo-700 underline underline-offset-2">
                    this call
                  </a>
                  {cb.evidence && <> (“{cb.evidence.text}”)</>}
                </p>
                {cb.status !== "open" && cb.closedAt && (
                  <p className="text-xs text-slate-600">
                    {cb.closedByCallId ? (
                      <>
                        Closed by a later{" "}
                        <Link href={`/calls/${cb.closedByCallId}`} className="text-indigo-700 underline underline-offset-2">
                          right-party contact
                        </Link>
                      </>
                    ) : (
                      <>Closed by {cb.closedByName ?? "a person"}</>
                    )}{" "}
                    <LocalTime iso={cb.closedAt} />
                  </p>
                )}
                <CallbackActions
                  accountId={accountId}
                  callbackId={cb.id}
                  assignee={cb.assignee}
                  users={users}
                  open={cb.status === "open"}
                />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
