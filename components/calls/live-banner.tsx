"use client";

import clsx from "clsx";
import type { LiveStatus } from "./use-live-calls";

/** "Live" dot beside the total: tells the agent whether new calls will appear by themselves. */
export function LiveStatusDot({ status }: { status: LiveStatus }) {
  const label = status === "live" ? "Live" : status === "connecting" ? "Connecting…" : "Live updates off";
  return (
    <span className="inline-flex items-center gap-1.5 text-xs font-medium text-slate-500" data-testid="live-status" data-status={status}>
      <span className="relative flex size-2">
        {status === "live" && <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-60" />}
        <span
          className={clsx(
            "relative inline-flex size-2 rounded-full",
            status === "live" ? "bg-emerald-500" : status === "connecting" ? "bg-amber-400" : "bg-slate-300",
          )}
        />
      </span>
      {label}
    </span>
  );
}

/**
 * New calls that could not be slotted into the rows on screen: they match but
 * the agent is on a later page or another sort, or they do not match the
 * filter at all. One click shows them.
 */
export function NewCallsBanner({
  matching,
  other,
  onShowMatching,
  onShowAll,
}: {
  matching: number;
  other: number;
  onShowMatching: () => void;
  onShowAll: () => void;
}) {
  if (!matching && !other) return null;
  return (
    <div
      role="status"
      data-testid="new-calls"
      className="flex items-center justify-center gap-3 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-900"
    >
      {matching > 0 && (
        <button type="button" onClick={onShowMatching} className="font-medium underline-offset-2 hover:underline">
          {matching} new {matching === 1 ? "call matches" : "calls match"} this view — show
        </button>
      )}
      {matching > 0 && other > 0 && (
        <span aria-hidden className="text-indigo-300">
          ·
        </span>
      )}
      {other > 0 && (
        <button type="button" onClick={onShowAll} className="text-indigo-700 underline-offset-2 hover:underline">
          {other} new {other === 1 ? "call" : "calls"} outside this filter — show all calls
        </button>
      )}
    </div>
  );
}
