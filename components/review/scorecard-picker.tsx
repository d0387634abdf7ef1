import Link from "next/link";
import { cn } from "@/components/ui/cn";

/** With more than one published scorecard, the reviewer picks which one to score the call on (in the URL: ?scorecard=). */
export function ScorecardPicker({
  scorecards,
  selectedId,
  hrefFor,
}: {
  scorecards: { scorecardId: string; name: string; version: number }[];
  selectedId: string;
  hrefFor: (scorecardId: string) => string;
}) {
  if (scorecards.length < 2) return null;
  return (
    <nav aria-label="Scorecards" className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <p className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-600">Score on</p>
      <ul className="flex flex-wrap gap-1.5">
        {scorecards.map((s) => {
          const current = s.scorecardId === selectedId;
          return (
            <li key={s.scorecardId}>
              <Link
                href={hrefFor(s.scorecardId)}
                aria-current={current ? "page" : undefined}
                replace
                scroll={false}
                className={cn(
                  "inline-flex min-h-8 items-center rounded-md border px-2.5 text-sm",
                  current
                    ? "border-indigo-600 bg-indigo-600 font-medium text-white"
                    : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
                )}
              >
                {s.name} <span className={cn("ml-1 text-xs", current ? "text-indigo-100" : "text-slate-600")}>v{s.version}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
