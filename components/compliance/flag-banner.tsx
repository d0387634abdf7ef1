import { ShieldAlert } from "lucide-react";
import { FlagReview } from "./flag-review";
import { type FlagItem, flagLine, SEVERITY_LABEL } from "./types";

/**
 * The compliance flags of a call (or an account), at the top of its page, in
 * plain words with the citation. Dismissed flags stay listed, struck through
 * with who dismissed them and why; managers confirm or dismiss.
 */
export function FlagBanner({
  flags,
  canReview,
  title = "Compliance flags on this call",
}: {
  flags: FlagItem[];
  canReview: boolean;
  title?: string;
}) {
  if (flags.length === 0) return null;
  const open = flags.filter((f) => f.status !== "dismissed").length;
  return (
    <section aria-label={title} className="rounded-lg border border-rose-200 bg-rose-50 p-3">
      <h2 className="flex items-center gap-2 text-sm font-semibold text-rose-900">
        <ShieldAlert aria-hidden className="size-4" />
        {title} ({open} open{flags.length > open ? `, ${flags.length - open} dismissed` : ""})
      </h2>
      <ul className="mt-2 space-y-2">
        {flags.map((flag) => (
          <li key={flag.id} className="flex flex-col gap-2 rounded-md bg-white p-2 sm:flex-row sm:items-start sm:justify-between">
            <div className="min-w-0 text-sm">
              <p className={flag.status === "dismissed" ? "text-slate-600 line-through" : "text-slate-900"}>{flagLine(flag)}</p>
              <p className="mt-0.5 text-xs text-slate-600">
                {flag.rule} · {SEVERITY_LABEL[flag.severity] ?? flag.severity} · {flag.status}
                {flag.statusReason ? ` — “${flag.statusReason}”` : ""}
              </p>
            </div>
            {canReview && flag.status === "open" ? <FlagReview flag={flag} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
