"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { use } from "react";
import { Cell, Pie, PieChart, Tooltip } from "recharts";
import type { DistributionRow } from "@/lib/analytics/queries";
import { outcomeInfo } from "@/lib/calls/catalogue";
import { useAnalyticsView } from "./analytics-context";
import { ChartCard, DataTable, EmptyChart } from "./chart-card";
import { type TooltipArgs, TooltipPanel } from "./chart-tooltip";
import { formatCount, formatPercent, outcomeColor, share } from "./format";

function shortPercent(ratio: number | null): string {
  if (ratio === null) return "–";
  return ratio > 0 && ratio < 0.005 ? "<1%" : formatPercent(ratio, 0);
}

/** Share of each outcome in the period: a donut and the same numbers as a ranked list (each row opens its calls). */
export function OutcomeDistribution({ data }: { data: Promise<DistributionRow[]> }) {
  const rows = use(data);
  const router = useRouter();
  const { drill, csv } = useAnalyticsView();
  const total = rows.reduce((n, r) => n + r.calls, 0);
  const items = rows.map((r) => ({
    ...r,
    label: outcomeInfo(r.value).label,
    color: outcomeColor(r.value),
    href: drill({ outcome: [r.value] }),
  }));

  const tooltip = ({ active, payload }: TooltipArgs) => {
    const item = active ? (payload?.[0]?.payload as (typeof items)[number] | undefined) : undefined;
    if (!item) return null;
    return (
      <TooltipPanel
        title={item.label}
        rows={[
          { key: "n", color: item.color, label: "Calls", value: `${formatCount(item.calls)} · ${formatPercent(share(item.calls, total))}` },
        ]}
      />
    );
  };

  return (
    <ChartCard id="outcome-distribution" title="Outcome mix" description="Share of calls by outcome" csvHref={csv("outcome-distribution")}>
      {total === 0 ? (
        <EmptyChart />
      ) : (
        <div className="flex items-center gap-3">
          <figure aria-label={`Outcome mix of ${formatCount(total)} calls`} className="relative shrink-0">
            <PieChart width={150} height={150} accessibilityLayer>
              <Pie
                data={items}
                dataKey="calls"
                nameKey="label"
                innerRadius={48}
                outerRadius={72}
                paddingAngle={1}
                stroke="#fff"
                isAnimationActive={false}
                onClick={(slice) => {
                  const href = (slice.payload as (typeof items)[number] | undefined)?.href;
                  if (href) router.push(href);
                }}
                className="cursor-pointer"
              >
                {items.map((item) => (
                  <Cell key={item.value || "none"} fill={item.color} />
                ))}
              </Pie>
              <Tooltip content={tooltip} isAnimationActive={false} />
            </PieChart>
            <figcaption className="pointer-events-none absolute inset-0 grid place-items-center text-center">
              <span>
                <span className="block text-lg font-semibold tabular-nums text-slate-900">{formatCount(total)}</span>
                <span className="block text-[11px] text-slate-500">calls</span>
              </span>
            </figcaption>
          </figure>
          <ol className="min-w-0 flex-1 space-y-0.5 text-[13px]">
            {items.map((item) => {
              const content = (
                <>
                  <span aria-hidden className="size-2.5 shrink-0 rounded-sm" style={{ backgroundColor: item.color }} />
                  <span className="min-w-0 flex-1 truncate text-slate-700">{item.label}</span>
                  <span className="tabular-nums text-slate-500">{formatCount(item.calls)}</span>
                  <span className="w-9 text-right font-medium tabular-nums text-slate-900">{shortPercent(share(item.calls, total))}</span>
                </>
              );
              return (
                <li key={item.value || "none"} data-testid="outcome-share" data-value={item.value} data-calls={item.calls}>
                  {item.href ? (
                    <Link href={item.href} className="flex items-center gap-2 rounded px-1 py-0.5 hover:bg-slate-50">
                      {content}
                    </Link>
                  ) : (
                    <span className="flex items-center gap-2 px-1 py-0.5">{content}</span>
                  )}
                </li>
              );
            })}
          </ol>
        </div>
      )}
      <DataTable
        caption="Calls by outcome"
        columns={["Outcome", "Calls", "Share"]}
        rows={items.map((i) => [i.label, i.calls, formatPercent(share(i.calls, total))])}
      />
    </ChartCard>
  );
}
