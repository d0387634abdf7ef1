"use client";

import clsx from "clsx";
import { type KeyboardEvent, use, useRef, useState } from "react";
import type { BestTimeResult, HeatmapCell } from "@/lib/accounts/analytics";
import { useAnalyticsView } from "./analytics-context";
import { ChartCard, EmptyChart } from "./chart-card";
import { formatCount, formatPercent, formatRange } from "./format";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const hourLabel = (h: number) => `${String(h).padStart(2, "0")}:00`;

/** Five steps of one hue, by the cell's rate relative to the best cell; light steps keep dark text readable. */
const SCALE = ["bg-indigo-50", "bg-indigo-100", "bg-indigo-200", "bg-indigo-300", "bg-indigo-400"];

function cellText(weekday: number, hour: number, cell: HeatmapCell | undefined, minCalls: number): string {
  const when = `${WEEKDAYS[weekday - 1]} ${hourLabel(hour)}–${hourLabel((hour + 1) % 24)}`;
  if (!cell || cell.calls === 0) return `${when}: no calls`;
  const rate = formatPercent(cell.rightPartyContacts / cell.calls);
  const few = cell.calls < minCalls ? `, too few calls to judge (under ${minCalls})` : "";
  return `${when}: ${rate} right-party contact, ${formatCount(cell.rightPartyContacts)} of ${formatCount(cell.calls)} calls${few}`;
}

/**
 * Right-party-contact rate by the contact's local weekday × hour. A real
 * table (weekday rows, hour columns), so screen readers get a table; one tab
 * stop, arrow keys move between cells (Home/End to the row's ends), and the
 * focused or hovered cell's figures show below the grid.
 */
export function BestTimeHeatmap({ data }: { data: Promise<BestTimeResult> }) {
  const { cells, minCalls } = use(data);
  const { period, csv } = useAnalyticsView();
  const byKey = new Map(cells.map((c) => [`${c.weekday}-${c.hour}`, c]));
  const judged = cells.filter((c) => c.calls >= minCalls);
  const best = Math.max(0, ...judged.map((c) => c.rightPartyContacts / c.calls));
  const [active, setActive] = useState<{ weekday: number; hour: number }>({ weekday: 1, hour: 9 });
  const [shown, setShown] = useState<{ weekday: number; hour: number } | null>(null);
  const table = useRef<HTMLTableElement>(null);

  function move(event: KeyboardEvent, weekday: number, hour: number) {
    const step: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    let next: { weekday: number; hour: number } | null = null;
    if (step[event.key]) {
      const [dw, dh] = step[event.key]!;
      next = { weekday: Math.min(7, Math.max(1, weekday + dw)), hour: Math.min(23, Math.max(0, hour + dh)) };
    } else if (event.key === "Home") next = { weekday, hour: 0 };
    else if (event.key === "End") next = { weekday, hour: 23 };
    if (!next) return;
    event.preventDefault();
    setActive(next);
    setShown(next);
    table.current?.querySelector<HTMLElement>(`[data-cell="${next.weekday}-${next.hour}"]`)?.focus();
  }

  const detail = shown ? cellText(shown.weekday, shown.hour, byKey.get(`${shown.weekday}-${shown.hour}`), minCalls) : null;
  return (
    <ChartCard
      id="best-time"
      title="Best time to call"
      description={`Right-party-contact rate by the contact's local weekday and hour, ${formatRange(period.from, period.to)}; cells with fewer than ${minCalls} calls are greyed`}
      csvHref={csv("best-time")}
    >
      {cells.length === 0 ? (
        <EmptyChart>No account calls in this period.</EmptyChart>
      ) : (
        <>
          <div className="relative overflow-x-auto">
            <table ref={table} className="border-separate border-spacing-0.5 text-[11px]" aria-describedby="best-time-help">
              <caption className="sr-only">Right-party-contact rate by local weekday (rows) and hour (columns)</caption>
              <thead>
                <tr>
                  <th scope="col" className="sr-only">
                    Weekday
                  </th>
                  {HOURS.map((h) => (
                    <th key={h} scope="col" className="w-6 min-w-6 text-center font-normal text-slate-600">
                      <span aria-hidden>{h % 3 === 0 ? String(h).padStart(2, "0") : ""}</span>
                      <span className="sr-only">{hourLabel(h)}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {WEEKDAYS.map((name, i) => {
                  const weekday = i + 1;
                  return (
                    <tr key={name}>
                      <th scope="row" className="pr-1 text-left font-medium text-slate-700">
                        <span aria-hidden>{name.slice(0, 3)}</span>
                        <span className="sr-only">{name}</span>
                      </th>
                      {HOURS.map((hour) => {
                        const cell = byKey.get(`${weekday}-${hour}`);
                        const few = !cell || cell.calls < minCalls;
                        const rate = cell?.calls ? cell.rightPartyContacts / cell.calls : 0;
                        const step = best > 0 ? Math.min(SCALE.length - 1, Math.floor((rate / best) * SCALE.length)) : 0;
                        const text = cellText(weekday, hour, cell, minCalls);
                        const isActive = active.weekday === weekday && active.hour === hour;
                        return (
                          <td
                            key={hour}
                            data-cell={`${weekday}-${hour}`}
                            data-few={few ? "true" : undefined}
                            tabIndex={isActive ? 0 : -1}
                            title={text}
                            onKeyDown={(e) => move(e, weekday, hour)}
                            onFocus={() => {
                              setActive({ weekday, hour });
                              setShown({ weekday, hour });
                            }}
                            onMouseEnter={() => setShown({ weekday, hour })}
                            className={clsx(
                              "h-6 w-6 min-w-6 rounded-sm outline-offset-1 focus-visible:outline-2 focus-visible:outline-indigo-700",
                              few ? "bg-[repeating-linear-gradient(45deg,#f1f5f9_0,#f1f5f9_3px,#e2e8f0_3px,#e2e8f0_5px)]" : SCALE[step],
                            )}
                          >
                            <span className="sr-only">{text}</span>
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p id="best-time-help" className="mt-2 text-xs text-slate-600">
            Darker is a higher rate (the best judged cell is {formatPercent(best)}). Tab into the grid, then use the arrow keys.
          </p>
          <p aria-live="polite" className="mt-1 min-h-4 text-xs font-medium text-slate-800" data-testid="best-time-detail">
            {detail ?? "Hover or focus a cell for its figures."}
          </p>
        </>
      )}
    </ChartCard>
  );
}
