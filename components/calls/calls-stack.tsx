import Link from "next/link";
import { OutcomeBadge, SentimentBadge } from "@/components/call-detail/call-badges";
import { formatPhone } from "@/components/call-detail/format";
import { cn } from "@/components/ui/cn";
import { Duration } from "@/components/ui/duration";
import { RelativeTime } from "@/components/ui/time";
import type { CallRow } from "@/lib/calls/rows";
import { CallPreview } from "./call-preview";

/** The list at phone width: one card per call (time, number, outcome, sentiment, summary) instead of ten columns. */
export function CallsStack({ rows, hrefFor, fresh }: { rows: CallRow[]; hrefFor: (id: string) => string; fresh: ReadonlySet<string> }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="calls-stack">
      {rows.map((row) => (
        <li
          key={row.id}
          data-call-id={row.id}
          className={cn("transition-colors duration-1000", fresh.has(row.id) ? "bg-amber-50" : "bg-white")}
        >
          <Link href={hrefFor(row.id)} className="block space-y-1.5 px-4 py-3 outline-offset-[-2px] active:bg-indigo-50">
            <div className="flex items-baseline justify-between gap-3 text-sm">
              <span className="font-medium tabular-nums text-slate-900">{formatPhone(row.numberTo)}</span>
              <span className="shrink-0 text-xs text-slate-600">
                <RelativeTime iso={row.receivedAt} /> · <Duration seconds={row.duration} />
              </span>
            </div>
            <div className="flex flex-wrap gap-1.5">
              <OutcomeBadge value={row.callOutput} />
              <SentimentBadge value={row.sentimentOutput} />
            </div>
            <p className="line-clamp-2 text-[13px] leading-snug">
              <CallPreview preview={row.preview} />
            </p>
          </Link>
        </li>
      ))}
    </ul>
  );
}
