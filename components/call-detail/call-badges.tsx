import clsx from "clsx";
import { Badge } from "@/components/ui/badge";
import { outcomeInfo, sentimentInfo } from "@/lib/calls/catalogue";

/** Outcome as a coloured badge; unknown values are shown as sent, in a neutral style. */
export function OutcomeBadge({ value }: { value: string | null }) {
  const info = outcomeInfo(value);
  return (
    <Badge className={info.badge} title={value ?? undefined} data-testid="outcome-badge">
      {info.label}
    </Badge>
  );
}

export function SentimentBadge({ value }: { value: string | null }) {
  const info = sentimentInfo(value);
  return (
    <Badge className={info.badge} title={value ?? undefined} data-testid="sentiment-badge">
      {info.label}
    </Badge>
  );
}

/** pass / fail (or anything else Levers sends) for delivery and provider status. */
export function StatusPill({ label, value }: { label: string; value: string | null }) {
  const tone = value === "pass" ? "bg-emerald-500" : value === "fail" ? "bg-rose-500" : "bg-slate-400";
  return (
    <span className="inline-flex items-center gap-1.5 text-sm text-slate-700">
      <span aria-hidden className={clsx("size-2 rounded-full", tone)} />
      <span className="text-slate-500">{label}</span>
      <span className="font-medium">{value ?? "—"}</span>
    </span>
  );
}
