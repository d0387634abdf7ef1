"use client";

import clsx from "clsx";
import { CalendarDays, Globe, X } from "lucide-react";
import { useState } from "react";
import { Popover } from "@/components/ui/popover";
import type { PeriodView } from "@/lib/analytics/drill-down";
import type { FilterOptions } from "@/lib/analytics/queries";
import { type AnalyticsSearchParams, GRANULARITIES, type Granularity, RANGE_LABELS, type RangePreset } from "@/lib/analytics/search-params";
import { outcomeInfo, sentimentInfo } from "@/lib/calls/catalogue";
import { formatRange, zoneOffsetLabel } from "./format";
import { MultiSelect } from "./multi-select";

type SetState = (values: Partial<{ [K in keyof AnalyticsSearchParams]: AnalyticsSearchParams[K] | null }>) => unknown;

const PRESETS: RangePreset[] = ["7d", "30d", "90d", "this-month"];
const GRANULARITY_LABELS: Record<Granularity, string> = { day: "Day", week: "Week", month: "Month" };

function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
  labelOf,
}: {
  label: string;
  options: readonly T[];
  value: T | null;
  onChange: (v: T) => void;
  labelOf: (v: T) => string;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a segmented toolbar control, not a form section; <fieldset> would bring its own border, padding and min-width
    <div
      role="group"
      aria-label={label}
      className="inline-flex h-8 items-center rounded-md border border-slate-300 bg-white p-0.5 shadow-xs"
    >
      {options.map((o) => (
        <button
          key={o}
          type="button"
          aria-pressed={value === o}
          onClick={() => onChange(o)}
          className={clsx(
            "h-full rounded px-2.5 text-sm font-medium transition-colors",
            value === o ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
          )}
        >
          {labelOf(o)}
        </button>
      ))}
    </div>
  );
}

function CustomRange({ period, onApply }: { period: PeriodView; onApply: (from: string, to: string) => void }) {
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const invalid = !from || !to || from > to;
  return (
    <Popover
      label={
        <>
          <CalendarDays aria-hidden className="size-3.5 opacity-70" />
          {period.preset === "custom" ? formatRange(period.from, period.to) : "Custom"}
        </>
      }
      active={period.preset === "custom"}
      align="right"
      testId="analytics-custom-range"
      title="Custom range"
    >
      {(close) => (
        <form
          className="w-64 space-y-2 p-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            if (invalid) return;
            onApply(from, to);
            close();
          }}
        >
          <label className="block text-xs font-medium text-slate-600">
            From
            <input
              type="date"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              className="mt-1 block h-8 w-full rounded-md border border-slate-300 px-2 text-sm"
            />
          </label>
          <label className="block text-xs font-medium text-slate-600">
            To
            <input
              type="date"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              className="mt-1 block h-8 w-full rounded-md border border-slate-300 px-2 text-sm"
            />
          </label>
          {from && to && from > to && <p className="text-xs text-rose-600">The start must not be after the end.</p>}
          <button
            type="submit"
            disabled={invalid}
            className="h-8 w-full rounded-md bg-slate-900 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-40"
          >
            Apply
          </button>
        </form>
      )}
    </Popover>
  );
}

/** Period, bucket size and filters: every control writes the URL (nuqs), the server re-renders the charts. */
export function AnalyticsControls({
  period,
  state,
  setState,
  options,
}: {
  period: PeriodView;
  state: AnalyticsSearchParams;
  setState: SetState;
  options: FilterOptions;
}) {
  const filtered = state.outcome.length + state.sentiment.length + state.project.length > 0;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Segmented
        label="Period"
        options={PRESETS}
        value={period.preset === "custom" ? null : period.preset}
        labelOf={(p) => (p === "this-month" ? "This month" : RANGE_LABELS[p].replace("Last ", ""))}
        onChange={(range) => setState({ range, from: null, to: null })}
      />
      <CustomRange key={`${period.from}:${period.to}`} period={period} onApply={(from, to) => setState({ range: "custom", from, to })} />
      <Segmented
        label="Group by"
        options={GRANULARITIES}
        value={period.granularity}
        labelOf={(g) => GRANULARITY_LABELS[g]}
        onChange={(granularity) => setState({ granularity })}
      />
      <span aria-hidden className="mx-1 h-6 w-px bg-slate-200" />
      <MultiSelect
        title="Outcome"
        options={options.outcomes.map((o) => ({ ...o, label: outcomeInfo(o.value).label, color: outcomeInfo(o.value).color }))}
        selected={state.outcome}
        onChange={(outcome) => setState({ outcome })}
      />
      <MultiSelect
        title="Sentiment"
        options={options.sentiments.map((o) => ({ ...o, label: sentimentInfo(o.value).label, color: sentimentInfo(o.value).color }))}
        selected={state.sentiment}
        onChange={(sentiment) => setState({ sentiment })}
      />
      <MultiSelect
        title="Project"
        options={options.projects.map((o) => ({ ...o, label: o.value }))}
        selected={state.project}
        onChange={(project) => setState({ project })}
      />
      {filtered && (
        <button
          type="button"
          onClick={() => setState({ outcome: null, sentiment: null, project: null })}
          className="inline-flex h-8 items-center gap-1 rounded-md px-2 text-sm font-medium text-slate-500 hover:bg-slate-100 hover:text-slate-900"
        >
          <X aria-hidden className="size-3.5" />
          Clear filters
        </button>
      )}
    </div>
  );
}

export function ZoneNote({ period }: { period: PeriodView }) {
  return (
    <span className="inline-flex items-center gap-1 text-xs text-slate-500" data-testid="analytics-zone">
      <Globe aria-hidden className="size-3.5" />
      Days in {period.tz.replace(/_/g, " ")} ({zoneOffsetLabel(period.tz, new Date(period.end))})
    </span>
  );
}
