"use client";

import clsx from "clsx";
import { useState } from "react";
import { Popover } from "@/components/ui/popover";
import { durationLabel } from "./filter-labels";

const PRESETS: { label: string; min: number | null; max: number | null }[] = [
  { label: "Under 30 s", min: null, max: 29 },
  { label: "30 s – 2 min", min: 30, max: 120 },
  { label: "2 – 5 min", min: 120, max: 300 },
  { label: "Over 5 min", min: 300, max: null },
];

interface Props {
  min: number | null;
  max: number | null;
  onChange: (range: { durationMin: number | null; durationMax: number | null }) => void;
}

/** Duration range in seconds: common bands or custom bounds. */
export function DurationFilter({ min, max, onChange }: Props) {
  const label = durationLabel(min, max);
  return (
    <Popover label={label ? `Duration: ${label}` : "Duration"} active={!!label} testId="filter-duration" title="Duration">
      {(close) => (
        <div className="w-64 p-1">
          {PRESETS.map((p) => (
            <button
              key={p.label}
              type="button"
              onClick={() => {
                onChange({ durationMin: p.min, durationMax: p.max });
                close();
              }}
              className={clsx(
                "block w-full rounded-md px-2 py-1.5 text-left text-sm",
                p.min === min && p.max === max ? "bg-indigo-50 font-medium text-indigo-800" : "hover:bg-slate-50",
              )}
            >
              {p.label}
            </button>
          ))}
          <Custom
            min={min}
            max={max}
            onApply={(r) => {
              onChange(r);
              close();
            }}
          />
        </div>
      )}
    </Popover>
  );
}

function Custom({ min, max, onApply }: { min: number | null; max: number | null; onApply: Props["onChange"] }) {
  const [lo, setLo] = useState(min === null ? "" : String(min));
  const [hi, setHi] = useState(max === null ? "" : String(max));
  const parse = (v: string) => (v.trim() === "" ? null : Number(v));
  const l = parse(lo);
  const h = parse(hi);
  const invalid =
    (l !== null && (!Number.isInteger(l) || l < 0)) ||
    (h !== null && (!Number.isInteger(h) || h < 0)) ||
    (l !== null && h !== null && l > h);
  return (
    <form
      className="mt-2 border-t border-slate-100 px-1 pt-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) onApply({ durationMin: l, durationMax: h });
      }}
    >
      <p className="mb-1.5 text-xs font-medium text-slate-500">Custom (seconds)</p>
      <div className="flex items-center gap-1.5">
        <input
          aria-label="Minimum seconds"
          inputMode="numeric"
          placeholder="min"
          value={lo}
          onChange={(e) => setLo(e.target.value)}
          className={INPUT}
        />
        <span className="text-slate-500">–</span>
        <input
          aria-label="Maximum seconds"
          inputMode="numeric"
          placeholder="max"
          value={hi}
          onChange={(e) => setHi(e.target.value)}
          className={INPUT}
        />
      </div>
      {invalid && <p className="mt-1 text-xs text-rose-600">Whole seconds, minimum not above maximum.</p>}
      <div className="mt-2 flex gap-1.5">
        <button
          type="submit"
          disabled={invalid}
          className="flex-1 rounded-md bg-slate-900 px-2 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-40"
        >
          Apply
        </button>
        {(min !== null || max !== null) && (
          <button
            type="button"
            onClick={() => onApply({ durationMin: null, durationMax: null })}
            className="rounded-md px-2 py-1.5 text-sm text-slate-600 hover:bg-slate-50"
          >
            Clear
          </button>
        )}
      </div>
    </form>
  );
}

const INPUT = "h-8 w-full min-w-0 rounded-md border border-slate-300 px-2 text-sm tabular-nums";
