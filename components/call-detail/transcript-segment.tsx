"use client";

import clsx from "clsx";
import { memo } from "react";
import { splitByMatches, type TranscriptSegment } from "@/lib/calls/transcript";
import { formatClock } from "./format";

export interface SegmentProps {
  segment: TranscriptSegment;
  /** This segment's matches, with their global ids. */
  ranges: readonly { start: number; end: number; id: number }[];
  activeMatch: number;
  /** The estimated start (seconds) when the recording can be played, else null. */
  estimate: number | null;
  /** The player is (approximately) in this segment. */
  current: boolean;
  onSeek: (index: number) => void;
}

const SIDE_LABEL = { agent: "AI agent", contact: "Contact", unknown: "Unlabelled" } as const;

/**
 * One turn (chat bubble) or plain paragraph. Text is rendered as React text
 * nodes only — never as HTML — so markup in a transcript stays inert.
 */
export const TranscriptSegmentView = memo(function TranscriptSegmentView({
  segment,
  ranges,
  activeMatch,
  estimate,
  current,
  onSeek,
}: SegmentProps) {
  const side = segment.speaker;
  const seekable = estimate !== null;
  const text = splitByMatches(segment.text, ranges).map((piece) =>
    piece.match === null ? (
      piece.text
    ) : (
      <mark
        key={piece.match}
        data-match-id={piece.match}
        aria-current={piece.match === activeMatch ? "true" : undefined}
        className={clsx(
          "rounded-sm px-0.5",
          piece.match === activeMatch ? "bg-amber-400 text-slate-950 ring-2 ring-amber-500" : "bg-amber-100 text-slate-900",
        )}
      >
        {piece.text}
      </mark>
    ),
  );

  const seek = () => {
    // Selecting text to copy it must not move the player.
    if (!seekable || (window.getSelection()?.toString() ?? "") !== "") return;
    onSeek(segment.index);
  };

  if (side === null) {
    return (
      // biome-ignore lint/a11y/useKeyWithClickEvents: clicking the text is a mouse shortcut; keyboard users seek with the player's Position slider and ←/→
      <p
        onClick={seek}
        className={clsx(
          "whitespace-pre-wrap break-words text-sm leading-6 text-slate-800",
          seekable && "cursor-pointer",
          current && "rounded bg-indigo-50",
        )}
        data-testid="transcript-paragraph"
        data-segment={segment.index}
        id={`turn-${segment.index}`}
      >
        {text}
      </p>
    );
  }

  const isContact = side === "contact";
  return (
    <div
      // #turn-N (an account's promise evidence links here): scrolled to and ringed by the browser's :target.
      id={`turn-${segment.index}`}
      className={clsx("group flex scroll-mt-24", isContact ? "justify-end" : "justify-start")}
      data-testid="transcript-turn"
      data-speaker={side}
      data-segment={segment.index}
    >
      <div className={clsx("flex max-w-[80%] flex-col", isContact ? "items-end" : "items-start")}>
        <div className="mb-0.5 flex items-center gap-2 px-1 text-xs text-slate-500">
          <span className="font-medium text-slate-600" title={segment.label ? `Labelled “${segment.label}”` : undefined}>
            {SIDE_LABEL[side]}
          </span>
          {seekable && (
            <button
              type="button"
              onClick={() => onSeek(segment.index)}
              className="min-h-6 rounded px-1 font-mono tabular-nums text-indigo-700 hover:bg-indigo-50"
              title="Play from here (approximate position, estimated from the text)"
              aria-label={`Play from approximately ${formatClock(estimate)}`}
            >
              ≈{formatClock(estimate)}
            </button>
          )}
        </div>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: clicking the bubble is a mouse shortcut; the turn's "≈m:ss" button is the keyboard path */}
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: clicking the bubble is a mouse shortcut; the turn's "≈m:ss" button is the keyboard path */}
        <div
          onClick={seek}
          className={clsx(
            "whitespace-pre-wrap break-words rounded-2xl px-3.5 py-2 text-sm leading-6",
            isContact ? "rounded-tr-sm bg-indigo-50 text-slate-900 ring-1 ring-indigo-100" : "rounded-tl-sm bg-slate-100 text-slate-900",
            side === "unknown" && "bg-white ring-1 ring-slate-200",
            seekable && "cursor-pointer",
            current && "ring-2 ring-indigo-400",
            "group-target:ring-4 group-target:ring-amber-400",
          )}
        >
          {text}
        </div>
      </div>
    </div>
  );
});
