"use client";

import { createContext, useContext } from "react";
import { type ChartId, csvHref } from "@/lib/analytics/charts";
import { callsHref, type DrillDown, type PeriodView } from "@/lib/analytics/drill-down";
import type { AnalyticsFilters } from "@/lib/analytics/query";
import type { AnalyticsSearchParams } from "@/lib/analytics/search-params";

/**
 * What every widget needs besides its own data: the period the server
 * resolved, the filters, and link builders (drill-down to /calls, CSV) that
 * carry exactly that state. Set once by the page.
 */
export interface AnalyticsView {
  period: PeriodView;
  filters: AnalyticsFilters;
  /** Whose outcome and sentiment the figures count: people's corrections (default) or the AI's own. */
  values?: "corrected" | "ai";
}

const Context = createContext<AnalyticsView | null>(null);

export function AnalyticsProvider({ value, children }: { value: AnalyticsView; children: React.ReactNode }) {
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useAnalyticsView() {
  const view = useContext(Context);
  if (!view) throw new Error("useAnalyticsView needs <AnalyticsProvider>");
  const { period, filters } = view;
  const values = view.values ?? "corrected";
  // The resolved period, not the preset: a CSV or drill-down opened later still means the same days.
  const state: Partial<AnalyticsSearchParams> = {
    ...filters,
    range: "custom",
    from: period.from,
    to: period.to,
    tz: period.tz,
    granularity: period.granularity,
    values: values === "ai" ? "ai" : null,
  };
  return {
    period,
    filters,
    drill: (d?: DrillDown) => callsHref(period, filters, d, values),
    csv: (chart: ChartId) => csvHref(chart, state),
  };
}
