"use client";

import clsx from "clsx";
import { ArrowDownRight, ArrowRight, ArrowUpRight } from "lucide-react";
import Link from "next/link";
import { use } from "react";
import { formatClock } from "@/components/call-detail/format";
import type { DrillDown } from "@/lib/analytics/drill-down";
import {
  CALLBACK_VALUE,
  KPI_DEFINITIONS,
  type KpiCounts,
  type KpiDefinition,
  type KpiKey,
  NEGATIVE_VALUE,
  PASS,
  PAYMENT_VALUES,
  PROMISE_VALUES,
  WRONG_NUMBER_VALUE,
} from "@/lib/analytics/metrics";
import type { KpiResult } from "@/lib/analytics/queries";
import { useAnalyticsView } from "./analytics-context";
import { ChartCard } from "./chart-card";
import { formatCount, formatPercent, formatRange } from "./format";

/** Where each KPI's calls are in the list (its numerator). */
const DRILL: Record<KpiKey, DrillDown> = {
  calls: {},
  deliveryRate: { deliveryStatus: PASS },
  connectRate: { providerStatus: PASS },
  promiseRate: { outcome: [...PROMISE_VALUES] },
  paymentRate: { outcome: [...PAYMENT_VALUES] },
  callbackRate: { outcome: [CALLBACK_VALUE] },
  wrongNumberRate: { outcome: [WRONG_NUMBER_VALUE] },
  avgConnectedDuration: { providerStatus: PASS },
  negativeShare: { sentiment: [NEGATIVE_VALUE] },
};

function formatValue(def: KpiDefinition, value: number | null): string {
  if (value === null) return "–";
  if (def.format === "percent") return formatPercent(value);
  if (def.format === "duration") return formatClock(value);
  return formatCount(value);
}

function detail(def: KpiDefinition, c: KpiCounts): string {
  if (def.format === "count") return def.basis;
  const n = formatCount(def.numerator(c));
  if (!def.denominator) return `${n} ${def.noun}`;
  return `${n} of ${formatCount(def.denominator(c))}${def.key === "negativeShare" ? " rated" : ""}`;
}

/** Rates change by percentage points; counts and durations by percent. */
function change(def: KpiDefinition, now: number | null, before: number | null): { text: string; direction: -1 | 0 | 1 } | null {
  if (now === null || before === null) return null;
  if (def.format === "percent") {
    const pts = (now - before) * 100;
    const rounded = Math.round(pts * 10) / 10;
    return { text: `${rounded > 0 ? "+" : ""}${rounded.toFixed(1)} pts`, direction: rounded === 0 ? 0 : rounded > 0 ? 1 : -1 };
  }
  if (before === 0) return null;
  const pct = Math.round(((now - before) / before) * 1000) / 10;
  return { text: `${pct > 0 ? "+" : ""}${pct.toFixed(1)}%`, direction: pct === 0 ? 0 : pct > 0 ? 1 : -1 };
}

export function KpiCards({ data }: { data: Promise<KpiResult> }) {
  const { current, previous } = use(data);
  const { period, drill, csv } = useAnalyticsView();
  return (
    <ChartCard
      id="kpis"
      title="Key figures"
      description={`${formatRange(period.from, period.to)} compared with the same length of time just before (${formatRange(period.previousFrom, period.previousTo)})`}
      csvHref={csv("kpis")}
    >
      <ul className="grid grid-cols-3 gap-3 md:grid-cols-5 xl:grid-cols-9">
        {KPI_DEFINITIONS.map((def) => {
          const now = def.value(current);
          const before = def.value(previous);
          const delta = change(def, now, before);
          const good = delta && def.higherIsBetter !== null && delta.direction !== 0 ? delta.direction > 0 === def.higherIsBetter : null;
          const href = drill(DRILL[def.key]);
          const Icon = !delta || delta.direction === 0 ? ArrowRight : delta.direction > 0 ? ArrowUpRight : ArrowDownRight;
          const body = (
            <>
              <span className="line-clamp-2 h-8 text-[11px] font-medium uppercase leading-4 tracking-wide text-slate-500">{def.label}</span>
              <span className="mt-1 block whitespace-nowrap text-2xl font-semibold tabular-nums tracking-tight text-slate-900">
                <span data-testid={`kpi-${def.key}`}>{formatValue(def, now)}</span>
                {def.format === "duration" && now !== null && <span className="ml-1 text-sm font-medium text-slate-500">min</span>}
              </span>
              <span className="mt-0.5 block truncate text-[11px] text-slate-500">{detail(def, current)}</span>
              <span
                className={clsx(
                  "mt-2 inline-flex items-center gap-0.5 rounded px-1.5 py-0.5 text-xs font-medium tabular-nums",
                  good === true && "bg-emerald-50 text-emerald-700",
                  good === false && "bg-rose-50 text-rose-700",
                  good === null && "bg-slate-100 text-slate-600",
                )}
                title={`Previous period: ${formatValue(def, before)}`}
              >
                <Icon aria-hidden className="size-3" />
                {delta ? delta.text : "no earlier data"}
                <span className="sr-only">{` compared with ${formatValue(def, before)} in the previous period`}</span>
              </span>
            </>
          );
          return (
            <li key={def.key} className="min-w-0">
              {href ? (
                <Link
                  href={href}
                  title={`${def.label}, ${def.basis}: open these calls`}
                  className="block h-full rounded-lg border border-slate-100 bg-slate-50/60 p-3 transition-colors hover:border-indigo-200 hover:bg-indigo-50/40"
                >
                  {body}
                </Link>
              ) : (
                <div className="h-full rounded-lg border border-slate-100 bg-slate-50/60 p-3">{body}</div>
              )}
            </li>
          );
        })}
      </ul>
    </ChartCard>
  );
}
