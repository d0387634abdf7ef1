"use client";

import Link from "next/link";
import { use } from "react";
import type { DrillDown } from "@/lib/analytics/drill-down";
import { PASS, PAYMENT_VALUES, PROMISE_VALUES } from "@/lib/analytics/metrics";
import type { FunnelResult } from "@/lib/analytics/queries";
import { outcomeInfo } from "@/lib/calls/catalogue";
import { useAnalyticsView } from "./analytics-context";
import { ChartCard, DataTable } from "./chart-card";
import { formatCount, formatPercent, share } from "./format";

const CONNECTED: DrillDown = { deliveryStatus: PASS, providerStatus: PASS };

const STEPS: { key: keyof FunnelResult; label: string; color: string; drill: DrillDown; from: keyof FunnelResult | null }[] = [
  { key: "calls", label: "Calls", color: "#334155", drill: {}, from: null },
  { key: "delivered", label: "Delivered", color: "#4f46e5", drill: { deliveryStatus: PASS }, from: "calls" },
  { key: "connected", label: "Connected", color: "#0891b2", drill: CONNECTED, from: "delivered" },
  {
    key: "promises",
    label: "Promise or extension",
    color: outcomeInfo(PROMISE_VALUES[0]).color,
    drill: { ...CONNECTED, outcome: [...PROMISE_VALUES] },
    from: "connected",
  },
  {
    key: "payments",
    label: "Payment completed",
    color: outcomeInfo(PAYMENT_VALUES[0]).color,
    drill: { ...CONNECTED, outcome: [...PAYMENT_VALUES] },
    from: "connected",
  },
];

/** Calls → delivered → connected → promise/extension and paid: bars to scale, with the conversion from the step before. */
export function FunnelChart({ data }: { data: Promise<FunnelResult> }) {
  const funnel = use(data);
  const { drill, csv } = useAnalyticsView();
  return (
    <ChartCard
      id="funnel"
      title="Collections funnel"
      description="Each step as a share of all calls; conversion from the step before"
      csvHref={csv("funnel")}
    >
      <ol className="space-y-2.5" aria-label="Funnel steps">
        {STEPS.map((step) => {
          const n = funnel[step.key];
          const width = funnel.calls ? Math.max(0.5, (n / funnel.calls) * 100) : 0;
          const href = n > 0 ? drill(step.drill) : null;
          const body = (
            <>
              <div className="flex items-baseline justify-between gap-2 text-xs">
                <span className="font-medium text-slate-700">{step.label}</span>
                <span className="tabular-nums text-slate-500">
                  {step.from && (
                    <span className="mr-2">
                      {formatPercent(share(n, funnel[step.from]))} of {step.from === "calls" ? "calls" : step.from}
                    </span>
                  )}
                  <span className="font-semibold text-slate-900" data-testid={`funnel-${step.key}`}>
                    {formatCount(n)}
                  </span>
                </span>
              </div>
              <div className="mt-1 h-5 overflow-hidden rounded bg-slate-100">
                <div
                  className="flex h-full items-center rounded px-1 text-[11px] font-medium text-slate-900"
                  style={{ width: `${width}%`, backgroundColor: step.color }}
                >
                  {width > 12 ? (
                    <span className="rounded-sm bg-white/90 px-1 leading-4">{formatPercent(share(n, funnel.calls), 0)}</span>
                  ) : (
                    ""
                  )}
                </div>
              </div>
            </>
          );
          return (
            <li key={step.key}>
              {href ? (
                <Link href={href} className="block rounded-md p-1 -m-1 hover:bg-slate-50">
                  {body}
                  <span className="sr-only">, open these calls</span>
                </Link>
              ) : (
                <div>{body}</div>
              )}
            </li>
          );
        })}
      </ol>
      <DataTable
        caption="Collections funnel"
        columns={["Step", "Calls", "Share of calls"]}
        rows={STEPS.map((s) => [s.label, funnel[s.key], formatPercent(share(funnel[s.key], funnel.calls))])}
      />
    </ChartCard>
  );
}
