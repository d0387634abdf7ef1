import { CalendarClock, HandCoins, MessageSquare, Pencil, Phone, PhoneCall } from "lucide-react";
import { LocalTime } from "@/components/ui/time";
import { type TimelineData, turnHref } from "./types";

const ICON = {
  call: Phone,
  promise: HandCoins,
  promise_status: HandCoins,
  callback: CalendarClock,
  callback_closed: PhoneCall,
  note: MessageSquare,
  edit: Pencil,
} as const;

const COLOR: Record<string, string> = {
  call: "bg-slate-100 text-slate-700",
  promise: "bg-emerald-50 text-emerald-700",
  promise_status: "bg-amber-50 text-amber-800",
  callback: "bg-sky-50 text-sky-700",
  callback_closed: "bg-sky-50 text-sky-700",
  note: "bg-indigo-50 text-indigo-700",
  edit: "bg-violet-50 text-violet-700",
};

/** Every call, promise, callback, note and edit, newest first. */
export function AccountTimeline({ entries, callsShown, calls }: { entries: TimelineData[]; callsShown: number; calls: number }) {
  return (
    <section aria-labelledby="timeline-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex items-baseline justify-between border-b border-slate-100 px-4 py-2.5">
        <h2 id="timeline-title" className="text-sm font-semibold text-slate-900">
          Timeline
        </h2>
        <span className="text-xs text-slate-600">newest first</span>
      </div>
      {entries.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600">Nothing has happened on this account yet.</p>
      ) : (
        <ol className="max-h-[48rem] divide-y divide-slate-100 overflow-y-auto" data-testid="timeline">
          {entries.map((e) => {
            const Icon = ICON[e.kind as keyof typeof ICON] ?? Phone;
            return (
              <li key={e.id} className="flex gap-3 px-4 py-2.5" data-kind={e.kind}>
                <span className={`mt-0.5 grid size-7 shrink-0 place-items-center rounded-full ${COLOR[e.kind] ?? COLOR.call}`}>
                  <Icon aria-hidden className="size-3.5" />
                </span>
                <div className="min-w-0 flex-1">
                  <p className="text-sm text-slate-900">
                    {e.callId ? (
                      <a href={turnHref(e.callId, e.turn)} className="font-medium hover:text-indigo-700 hover:underline">
                        {e.title}
                      </a>
                    ) : (
                      <span className="font-medium">{e.title}</span>
                    )}
                    {e.actor && <span className="text-slate-600"> · {e.actor}</span>}
                  </p>
                  {e.detail && <p className="mt-0.5 line-clamp-2 break-words text-xs text-slate-600">{e.detail}</p>}
                </div>
                <LocalTime iso={e.at} className="shrink-0 whitespace-nowrap text-xs text-slate-600" />
              </li>
            );
          })}
        </ol>
      )}
      {calls > callsShown && (
        <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-600">
          The newest {callsShown} of {calls} calls are shown.
        </p>
      )}
    </section>
  );
}
