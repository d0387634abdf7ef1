"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { use } from "react";
import { formatPhone } from "@/components/call-detail/format";
import { NEGATIVE_VALUE, PROMISE_VALUES } from "@/lib/analytics/metrics";
import type { BreakdownRow } from "@/lib/analytics/queries";
import { outcomeInfo, sentimentInfo } from "@/lib/calls/catalogue";
import { useAnalyticsView } from "./analytics-context";
import { ChartCard, EmptyChart } from "./chart-card";
import { formatCount, formatPercent, share } from "./format";

const SHOWN = 8;
const PROMISE_COLOR = outcomeInfo(PROMISE_VALUES[0]).color;
const NEGATIVE_COLOR = sentimentInfo(NEGATIVE_VALUE).color;

function Meter({ value, color, label }: { value: number | null; color: string; label: string }) {
  return (
    <div className="flex items-center gap-1.5">
      <div className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-100" aria-hidden>
        <div className="h-full rounded-full" style={{ width: `${Math.min(100, (value ?? 0) * 100)}%`, backgroundColor: color }} />
      </div>
      <span className="w-10 text-right tabular-nums text-slate-900">
        {formatPercent(value)}
        <span className="sr-only"> ({label})</span>
      </span>
    </div>
  );
}

/**
 * Calls, promise rate and negative share per project or per Levers number,
 * busiest first. Project rows open the project's calls; the calls list has no
 * Levers-number filter, so number rows are not links.
 */
export function BreakdownTable({ kind, data }: { kind: "projects" | "numbers"; data: Promise<BreakdownRow[]> }) {
  const rows = use(data);
  const router = useRouter();
  const { drill, csv } = useAnalyticsView();
  const isProject = kind === "projects";
  const title = isProject ? "By project" : "By Levers number";
  const shown = rows.slice(0, SHOWN);
  const max = Math.max(1, ...rows.map((r) => r.calls));
  const name = (key: string) => (key === "" ? (isProject ? "No project" : "Unknown number") : isProject ? key : formatPhone(key));

  return (
    <ChartCard
      id={kind}
      title={title}
      description={
        isProject
          ? "Per project_id: promise rate of calls, negative share of rated calls"
          : "Per calling number: promise rate of calls, negative share of rated calls"
      }
      csvHref={csv(kind)}
    >
      {rows.length === 0 ? (
        <EmptyChart />
      ) : (
        <table className="w-full table-fixed text-[13px]">
          <caption className="sr-only">{title}: calls, promise rate and negative sentiment share</caption>
          <thead>
            <tr className="text-left text-[11px] font-medium uppercase tracking-wide text-slate-500">
              <th scope="col" className="pb-2 font-medium">
                {isProject ? "Project" : "Number"}
              </th>
              <th scope="col" className="w-12 pb-2 pr-3 text-right font-medium">
                Calls
              </th>
              <th scope="col" className="w-[24%] pb-2 pr-3 font-medium">
                Promise rate
              </th>
              <th scope="col" className="w-[24%] pb-2 font-medium">
                Negative
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => {
              const href = isProject ? drill({ project: [row.key] }) : null;
              return (
                <tr
                  key={row.key || "none"}
                  data-testid={`${kind}-row`}
                  data-key={row.key}
                  onClick={href ? () => router.push(href) : undefined}
                  className={href ? "cursor-pointer border-t border-slate-100 hover:bg-slate-50" : "border-t border-slate-100"}
                >
                  <th scope="row" className="relative truncate py-1.5 pr-2 text-left font-medium text-slate-800">
                    {/* Volume at a glance: a bar behind the name, to scale with the busiest row. */}
                    <span
                      aria-hidden
                      className="absolute inset-y-1 left-0 rounded bg-slate-100"
                      style={{ width: `${(row.calls / max) * 100}%` }}
                    />
                    <span className="relative pl-1.5">
                      {href ? (
                        <Link href={href} onClick={(e) => e.stopPropagation()} className="hover:underline">
                          {name(row.key)}
                        </Link>
                      ) : (
                        name(row.key)
                      )}
                    </span>
                  </th>
                  <td className="py-1.5 pr-3 text-right tabular-nums text-slate-900" data-testid={`${kind}-calls`}>
                    {formatCount(row.calls)}
                  </td>
                  <td className="py-1.5 pr-3">
                    <Meter value={share(row.promises, row.calls)} color={PROMISE_COLOR} label={`${formatCount(row.promises)} promises`} />
                  </td>
                  <td className="py-1.5">
                    <Meter
                      value={share(row.negative, row.rated)}
                      color={NEGATIVE_COLOR}
                      label={`${formatCount(row.negative)} negative of ${formatCount(row.rated)}`}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {rows.length > SHOWN && (
        <p className="mt-2 text-xs text-slate-500">
          {rows.length - SHOWN} more {isProject ? "projects" : "numbers"} ({formatCount(rows.slice(SHOWN).reduce((n, r) => n + r.calls, 0))}{" "}
          calls) in the CSV
        </p>
      )}
    </ChartCard>
  );
}
