"use client";

import clsx from "clsx";
import { CalendarDays } from "lucide-react";
import { useState } from "react";
import { Popover } from "@/components/ui/popover";
import { DATE_PRESETS, dateLabel, matchingPreset, presetRange } from "./filter-labels";

interface Props {
  from: string | null;
  to: string | null;
  /** `from`/`to` plus the browser's zone, which date-only values are read in. */
  onChange: (range: { from: string | null; to: string | null; tz: string | null }) => void;
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Received-time filter: presets (today, 7/30/90 days) or a custom day range, in the agent's time zone. */
export function DateRangeFilter({ from, to, onChange }: Props) {
  const label = dateLabel(from, to);
  const preset = matchingPreset(from, to);
  return (
    <Popover
      label={
        <>
          <CalendarDays aria-hidden className="size-3.5 opacity-70" />
          {label ?? "Any time"}
        </>
      }
      active={!!label}
      testId="filter-date"
      title="Received date"
    >
      {(close) => (
        <div className="w-72 p-1">
          <div className="grid grid-cols-2 gap-1">
            {DATE_PRESETS.map((p) => (
              <button
                key={p.id}
                type="button"
                onClick={() => {
                  onChange({ ...presetRange(p.days), tz: browserZone() });
                  close();
                }}
                className={clsx(
                  "rounded-md px-2 py-1.5 text-left text-sm",
                  preset === p.id ? "bg-indigo-50 font-medium text-indigo-800" : "hover:bg-slate-50",
                )}
              >
                {p.label}
              </button>
            ))}
          </div>
          <CustomRange
            from={from}
            to={to}
            onApply={(r) => {
              onChange({ ...r, tz: browserZone() });
              close();
            }}
          />
          {label && (
            <button
              type="button"
              onClick={() => {
                onChange({ from: null, to: null, tz: null });
                close();
              }}
              className="mt-1 w-full rounded-md px-2 py-1.5 text-left text-xs font-medium text-slate-500 hover:bg-slate-50"
            >
              Any time
            </button>
          )}
        </div>
      )}
    </Popover>
  );
}

function CustomRange({
  from,
  to,
  onApply,
}: {
  from: string | null;
  to: string | null;
  onApply: (r: { from: string | null; to: string | null }) => void;
}) {
  const dateOnly = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : "");
  const [start, setStart] = useState(dateOnly(from));
  const [end, setEnd] = useState(dateOnly(to));
  const invalid = !!start && !!end && start > end;
  return (
    <form
      className="mt-2 border-t border-slate-100 px-1 pt-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) onApply({ from: start || null, to: end || null });
      }}
    >
      <p className="mb-1.5 text-xs font-medium text-slate-500">Custom range (inclusive)</p>
      <div className="flex items-center gap-1.5">
        <input
          aria-label="From"
          type="date"
          value={start}
          max={end || undefined}
          onChange={(e) => setStart(e.target.value)}
          className={INPUT}
        />
        <span className="text-slate-500">–</span>
        <input
          aria-label="To"
          type="date"
          value={end}
          min={start || undefined}
          onChange={(e) => setEnd(e.target.value)}
          className={INPUT}
        />
      </div>
      {invalid && <p className="mt-1 text-xs text-rose-600">The start must be on or before the end.</p>}
      <button
        type="submit"
        disabled={invalid || (!start && !end)}
        className="mt-2 w-full rounded-md bg-slate-900 px-2 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-40"
      >
        Apply
      </button>
    </form>
  );
}

const INPUT = "h-8 min-w-0 flex-1 rounded-md border border-slate-300 px-1.5 text-sm";
