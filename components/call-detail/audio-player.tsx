"use client";

import clsx from "clsx";
import { Download, Pause, Play, RotateCcw, RotateCw } from "lucide-react";
import { formatClock } from "./format";
import type { AudioControls, AudioState } from "./use-audio";

export const SPEEDS = [0.75, 1, 1.25, 1.5, 2] as const;

export interface AudioPlayerProps {
  downloadHref: string;
  state: AudioState;
  controls: AudioControls;
  audio: React.ReactNode;
}

/** Custom controls over a hidden native <audio> (passed in as `audio`, owned by the workspace). */
export function AudioPlayer({ downloadHref, state, controls, audio }: AudioPlayerProps) {
  const { playing, currentTime, duration, rate } = state;
  return (
    <section aria-label="Recording" className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm" data-testid="audio-player">
      {audio}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={controls.toggle}
          aria-label={playing ? "Pause" : "Play"}
          aria-keyshortcuts="Space"
          className="grid size-10 shrink-0 place-items-center rounded-full bg-indigo-600 text-white shadow-sm hover:bg-indigo-500"
        >
          {playing ? <Pause aria-hidden className="size-5" /> : <Play aria-hidden className="ml-0.5 size-5" />}
        </button>
        <SkipButton label="Back 10 seconds" onClick={() => controls.skip(-10)}>
          <RotateCcw aria-hidden className="size-4" />
          10
        </SkipButton>
        <SkipButton label="Forward 10 seconds" onClick={() => controls.skip(10)}>
          10
          <RotateCw aria-hidden className="size-4" />
        </SkipButton>
        <div className="flex min-w-[16rem] flex-1 items-center gap-3">
          <span className="w-12 text-right font-mono text-xs tabular-nums text-slate-600" data-testid="elapsed">
            {formatClock(currentTime)}
          </span>
          <input
            type="range"
            min={0}
            max={Math.max(duration, 0.1)}
            step={0.1}
            value={Math.min(currentTime, duration)}
            onChange={(e) => controls.seek(Number(e.currentTarget.value))}
            aria-label="Position"
            aria-valuetext={`${formatClock(currentTime)} of ${formatClock(duration)}`}
            className="h-1.5 flex-1 cursor-pointer accent-indigo-600"
          />
          <span className="w-12 font-mono text-xs tabular-nums text-slate-600" data-testid="total">
            {formatClock(duration)}
          </span>
        </div>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2">
        <p className="mr-auto text-xs text-slate-500">
          <Kbd>Space</Kbd> play/pause · <Kbd>←</Kbd> <Kbd>→</Kbd> 5 s · click a transcript turn to jump to it (approximate)
        </p>
        {/* biome-ignore lint/a11y/useSemanticElements: a segmented toolbar control, not a form section; <fieldset> would bring its own border, padding and min-width */}
        <div role="group" aria-label="Playback speed" className="flex items-center rounded-md border border-slate-200 p-0.5">
          {SPEEDS.map((speed) => (
            <button
              key={speed}
              type="button"
              onClick={() => controls.setRate(speed)}
              aria-pressed={rate === speed}
              className={clsx(
                "min-h-6 min-w-8 rounded px-1.5 py-0.5 font-mono text-xs tabular-nums",
                rate === speed ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100",
              )}
            >
              {speed}×
            </button>
          ))}
        </div>
        <a
          href={downloadHref}
          download
          className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
        >
          <Download aria-hidden className="size-3.5" />
          Download
        </a>
      </div>
    </section>
  );
}

function SkipButton({ label, onClick, children }: { label: string; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={label}
      title={label}
      className="inline-flex items-center gap-0.5 rounded-md px-1.5 py-1 font-mono text-xs text-slate-600 hover:bg-slate-100 hover:text-slate-900"
    >
      {children}
    </button>
  );
}

export function Kbd({ children }: { children: React.ReactNode }) {
  return <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono text-[11px] text-slate-700">{children}</kbd>;
}
