import { LocalTime } from "@/components/ui/time";
import type { Call } from "@/lib/db/generated/browser";
import { OutcomeBadge, SentimentBadge, StatusPill } from "./call-badges";
import { formatClock, formatDuration, formatPhone } from "./format";

/** The stored call's own columns the header shows (a server component: it takes the row as read). */
export type CallHeaderData = Pick<
  Call,
  | "numberTo"
  | "numberFrom"
  | "receivedAt"
  | "duration"
  | "callOutput"
  | "sentimentOutput"
  | "deliveryStatus"
  | "providerStatus"
  | "endedReason"
  | "projectId"
>;

/** Who was called, from which Levers number, when, for how long, and how it went. */
export function CallHeader({ call, actions }: { call: CallHeaderData; actions?: React.ReactNode }) {
  return (
    <header className="rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm">
      <div className="flex flex-wrap items-start gap-x-6 gap-y-3">
        <div className="min-w-0">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Contact</p>
          <h1 className="font-mono text-2xl font-semibold tracking-tight text-slate-900" data-testid="contact-number" title={call.numberTo}>
            {formatPhone(call.numberTo)}
          </h1>
        </div>
        <div className="flex items-center gap-2 pt-5">
          <OutcomeBadge value={call.callOutput} />
          <SentimentBadge value={call.sentimentOutput} />
        </div>
        <div className="ml-auto flex items-center gap-2">{actions}</div>
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-3 border-t border-slate-100 pt-4 text-sm sm:grid-cols-3 lg:grid-cols-6">
        <Fact label="Levers number">
          <span className="font-mono" title={call.numberFrom}>
            {formatPhone(call.numberFrom)}
          </span>
        </Fact>
        <Fact label="Received">
          <LocalTime iso={call.receivedAt.toISOString()} />
        </Fact>
        <Fact label="Duration">
          <span title={formatDuration(call.duration)}>{formatClock(call.duration)}</span>
        </Fact>
        <Fact label="Status">
          <span className="flex flex-col gap-0.5">
            <StatusPill label="Delivery" value={call.deliveryStatus} />
            <StatusPill label="Provider" value={call.providerStatus} />
          </span>
        </Fact>
        <Fact label="Ended reason">{call.endedReason ?? <span className="text-slate-500">Not given</span>}</Fact>
        <Fact label="Project">{call.projectId ?? <span className="text-slate-500">None</span>}</Fact>
      </dl>
    </header>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words text-slate-900">{children}</dd>
    </div>
  );
}
