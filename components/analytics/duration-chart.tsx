"use client";

import { useRouter } from "next/navigation";
import { use } from "react";
import { Bar, BarChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatClock } from "@/components/call-detail/format";
import { DURATION_BANDS } from "@/lib/analytics/metrics";
import type { DurationRow } from "@/lib/analytics/queries";
import { outcomeInfo } from "@/lib/calls/catalogue";
import { useAnalyticsView } from "./analytics-context";
import { ChartCard, DataTable, EmptyChart } from "./chart-card";
import { AXIS_TICK, type TooltipArgs, TooltipPanel } from "./chart-tooltip";
import { formatCount, formatDuration, formatPercent, share } from "./format";
import { SeriesLegend } from "./series-legend";

/** Short to long: one sequential scale, so it never competes with the outcome colours. */
const BAND_COLORS = ["#e0e7ff", "#c7d2fe", "#a5b4fc", "#818cf8", "#6366f1", "#4f46e5", "#4338ca", "#312e81"];

const MARGIN = { top: 0, right: 8, bottom: 0, left: 0 };
const CURSOR = { fill: "rgba(148, 163, 184, 0.12)" };

/** One line per outcome label (recharts' own tick wraps long labels onto two). */
function OutcomeTick({ x, y, payload }: { x?: number | string; y?: number | string; payload?: { value?: string } }) {
  return (
    <text x={Number(x ?? 0)} y={Number(y ?? 0)} dy={4} textAnchor="end" fill={AXIS_TICK.fill} fontSize={AXIS_TICK.fontSize}>
      {payload?.value}
    </text>
  );
}

interface Row {
  outcome: string;
  label: string;
  calls: number;
  average: number;
  bands: number[];
}

/** How long calls of each outcome lasted: each outcome's calls split into duration bands (100% bars), plus the average. */
export function DurationChart({ data }: { data: Promise<DurationRow[]> }) {
  const list = use(data);
  const router = useRouter();
  const { drill, csv } = useAnalyticsView();
  const rows: Row[] = list.map((r) => ({
    outcome: r.outcome,
    label: outcomeInfo(r.outcome).label,
    calls: r.calls,
    average: r.calls ? r.durationSum / r.calls : 0,
    bands: r.bands,
  }));
  const band = (row: Row, i: number) => row.bands[i] ?? 0;
  const height = Math.max(96, rows.length * 30);
  const hrefFor = (outcome: string, band: number) => {
    const b = DURATION_BANDS[band]!;
    return drill({ outcome: [outcome], durationMin: b.min, ...(b.max === null ? {} : { durationMax: b.max - 1 }) });
  };

  const tooltip = ({ active, payload }: TooltipArgs) => {
    const row = active ? (payload?.[0]?.payload as Row | undefined) : undefined;
    if (!row) return null;
    return (
      <TooltipPanel
        title={`${row.label} · ${formatCount(row.calls)} calls · avg ${formatDuration(row.average)}`}
        rows={DURATION_BANDS.map((b, i) => ({
          key: b.key,
          color: BAND_COLORS[i]!,
          label: b.label,
          value: `${formatPercent(share(band(row, i), row.calls), 0)} (${formatCount(band(row, i))})`,
        }))}
      />
    );
  };

  return (
    <ChartCard
      id="durations"
      title="Call duration by outcome"
      description="Share of each outcome's calls per duration band; average (m:ss) on the right"
      csvHref={csv("durations")}
    >
      <div className="mb-2">
        <SeriesLegend
          label="Duration bands"
          items={DURATION_BANDS.map((b, i) => ({ key: b.key, label: b.label, color: BAND_COLORS[i]! }))}
        />
      </div>
      {rows.length === 0 ? (
        <EmptyChart />
      ) : (
        <figure aria-label="Duration bands per outcome" className="flex cursor-pointer">
          <div className="min-w-0 flex-1">
            <BarChart
              layout="vertical"
              data={rows}
              stackOffset="expand"
              margin={MARGIN}
              barCategoryGap={6}
              responsive
              style={{ width: "100%", height }}
              accessibilityLayer
            >
              <XAxis type="number" hide />
              <YAxis type="category" dataKey="label" width={136} tick={OutcomeTick} tickLine={false} axisLine={false} />
              <Tooltip content={tooltip} cursor={CURSOR} isAnimationActive={false} />
              {DURATION_BANDS.map((b, i) => (
                <Bar
                  key={b.key}
                  dataKey={(row: Row) => band(row, i)}
                  name={b.label}
                  stackId="d"
                  fill={BAND_COLORS[i]}
                  isAnimationActive={false}
                  onClick={(item) => {
                    const row = item.payload as Row | undefined;
                    const href = row ? hrefFor(row.outcome, i) : null;
                    if (href) router.push(href);
                  }}
                />
              ))}
            </BarChart>
          </div>
          {/* Averages beside the bars: no axis or margin above/below, so row i's band is exactly height / n. */}
          <ul
            aria-label="Average duration"
            className="grid w-12 shrink-0 text-right text-xs tabular-nums text-slate-600"
            style={{ height, gridTemplateRows: `repeat(${rows.length}, 1fr)` }}
          >
            {rows.map((r) => (
              <li key={r.outcome || "none"} className="self-center">
                {formatClock(r.average)}
              </li>
            ))}
          </ul>
        </figure>
      )}
      <DataTable
        caption="Calls per duration band for each outcome"
        columns={["Outcome", "Calls", "Average", ...DURATION_BANDS.map((b) => b.label)]}
        rows={rows.map((r) => [r.label, r.calls, formatDuration(r.average), ...DURATION_BANDS.map((_, i) => band(r, i))])}
      />
    </ChartCard>
  );
}
