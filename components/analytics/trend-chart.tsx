"use client";

import { useRouter } from "next/navigation";
import { use } from "react";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { TrendResult } from "@/lib/analytics/queries";
import { outcomeInfo, sentimentInfo } from "@/lib/calls/catalogue";
import { useAnalyticsView } from "./analytics-context";
import { ChartCard, DataTable, EmptyChart } from "./chart-card";
import { AXIS_TICK, type TooltipArgs, TooltipPanel } from "./chart-tooltip";
import { formatBucket, formatCompact, formatCount, formatPercent, formatRange, outcomeColor, sentimentColor, share } from "./format";
import { SeriesLegend } from "./series-legend";

type Kind = "outcome" | "sentiment";

// Module constants, not inline literals: recharts keeps axis settings in a
// store and a fresh array on every render makes it update forever.
const SHARE_AXIS = { domain: [0, 1] as [number, number], ticks: [0, 0.25, 0.5, 0.75, 1] };
const MARGIN = { top: 8, right: 8, bottom: 0, left: -8 };
const CURSOR = { fill: "rgba(148, 163, 184, 0.12)" };
const CHART_STYLE = { width: "100%", height: 260 };

const INFO = {
  outcome: (v: string) => ({ label: outcomeInfo(v).label, color: outcomeColor(v) }),
  sentiment: (v: string) => ({ label: sentimentInfo(v).label, color: sentimentColor(v) }),
};

interface Row {
  key: string;
  label: string;
  from: string;
  to: string;
  total: number;
  /** Calls per series, in `series` order. */
  counts: number[];
}

/**
 * Calls per bucket: outcomes as stacked counts, sentiment as each bucket's
 * shares (bars stacked to 100%). Every bucket of the period is present (zero when
 * empty). Clicking a segment opens the calls of that series in that bucket.
 */
export function TrendChart({
  id,
  kind,
  title,
  description,
  data,
}: {
  id: "outcome-trend" | "sentiment-trend";
  kind: Kind;
  title: string;
  description: string;
  data: Promise<TrendResult>;
}) {
  const trend = use(data);
  const router = useRouter();
  const { period, drill, csv } = useAnalyticsView();
  const info = INFO[kind];
  const shares = kind === "sentiment";
  const series = trend.series.map((value, index) => {
    const { label, color } = info(value);
    return { value, index, label, color, dataKey: (row: Row) => row.counts[index] ?? 0 };
  });
  const rows: Row[] = trend.buckets.map((b) => ({
    key: b.key,
    label: formatBucket(b.key, trend.granularity),
    from: b.from,
    to: b.to,
    total: b.total,
    counts: series.map((s) => b.values[s.value] ?? 0),
  }));
  const count = (row: Row, index: number) => row.counts[index] ?? 0;
  const seriesTotal = (index: number) => rows.reduce((n, r) => n + count(r, index), 0);
  const grand = rows.reduce((n, r) => n + r.total, 0);
  const hrefFor = (value: string, bucket?: Row) => drill({ [kind]: [value], ...(bucket ? { from: bucket.from, to: bucket.to } : {}) });

  const tooltip = ({ active, payload }: TooltipArgs) => {
    const row = active ? (payload?.[0]?.payload as Row | undefined) : undefined;
    if (!row) return null;
    return (
      <TooltipPanel
        title={`${formatRange(row.from, row.to)} · ${formatCount(row.total)} calls`}
        rows={[...series].reverse().map((s) => ({
          key: String(s.index),
          color: s.color,
          label: s.label,
          value: shares
            ? `${formatPercent(share(count(row, s.index), row.total))} (${formatCount(count(row, s.index))})`
            : formatCount(count(row, s.index)),
        }))}
        footer="Click a segment to see these calls"
      />
    );
  };

  const open = (value: string, row: Row | undefined) => {
    const href = row ? hrefFor(value, row) : null;
    if (href) router.push(href);
  };

  const common = { data: rows, margin: MARGIN, responsive: true, style: CHART_STYLE };
  const axes = (
    <>
      <CartesianGrid vertical={false} stroke="#e2e8f0" />
      <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} minTickGap={16} />
      <YAxis
        tick={AXIS_TICK}
        tickLine={false}
        axisLine={false}
        allowDecimals={shares}
        width={48}
        {...(shares ? SHARE_AXIS : {})}
        tickFormatter={shares ? (v: number) => `${Math.round(v * 100)}%` : (v: number) => formatCompact(v)}
      />
      <Tooltip content={tooltip} cursor={CURSOR} isAnimationActive={false} />
    </>
  );

  return (
    <ChartCard id={id} title={title} description={description} csvHref={csv(id)}>
      <div className="mb-2">
        <SeriesLegend
          label={`${title} legend`}
          items={series.map((s) => ({
            key: String(s.index),
            label: s.label,
            color: s.color,
            value: shares ? formatPercent(share(seriesTotal(s.index), grand)) : formatCount(seriesTotal(s.index)),
            href: hrefFor(s.value),
          }))}
        />
      </div>
      {grand === 0 ? (
        <EmptyChart />
      ) : (
        <figure
          aria-label={`${title}: ${formatCount(grand)} calls from ${formatRange(period.from, period.to)} in ${rows.length} ${trend.granularity} buckets`}
          className="cursor-pointer"
        >
          <BarChart {...common} stackOffset={shares ? "expand" : undefined} accessibilityLayer>
            {axes}
            {series.map((s) => (
              <Bar
                key={s.index}
                dataKey={s.dataKey}
                name={s.label}
                stackId="a"
                fill={s.color}
                maxBarSize={36}
                isAnimationActive={false}
                onClick={(item) => open(s.value, item.payload as Row)}
              />
            ))}
          </BarChart>
        </figure>
      )}
      <DataTable
        caption={`${title}, ${shares ? "calls (share of the bucket)" : "calls"} per ${trend.granularity}`}
        columns={[trend.granularity, "Total", ...series.map((s) => s.label)]}
        rows={rows.map((r) => [
          formatRange(r.from, r.to),
          r.total,
          ...series.map((s) => (shares ? `${count(r, s.index)} (${formatPercent(share(count(r, s.index), r.total))})` : count(r, s.index))),
        ])}
      />
    </ChartCard>
  );
}
