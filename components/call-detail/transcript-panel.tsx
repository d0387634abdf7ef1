"use client";

import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { useHotkeys } from "react-hotkeys-hook";
import { findMatches, type ParsedTranscript } from "@/lib/calls/transcript";
import { Kbd } from "./audio-player";
import { TranscriptSearch } from "./transcript-search";
import { TranscriptSegmentView } from "./transcript-segment";

export interface TranscriptPanelProps {
  transcript: ParsedTranscript;
  /** Estimated start of each segment in seconds, or null when there is nothing to seek in. */
  estimates: number[] | null;
  currentSegment: number;
  onSeek: (index: number) => void;
}

const NO_RANGES: readonly { start: number; end: number; id: number }[] = [];

/** The transcript with in-text search (highlighted matches, "3 of 12", next/previous). */
export function TranscriptPanel({ transcript, estimates, currentSegment, onSeek }: TranscriptPanelProps) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const deferredQuery = useDeferredValue(query);
  const listRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const matches = useMemo(() => findMatches(transcript.segments, deferredQuery), [transcript, deferredQuery]);
  const bySegment = useMemo(() => {
    const map = new Map<number, { start: number; end: number; id: number }[]>();
    matches.forEach((m, id) => {
      const list = map.get(m.segment) ?? [];
      list.push({ start: m.start, end: m.end, id });
      map.set(m.segment, list);
    });
    return map;
  }, [matches]);

  const activeIndex = matches.length ? Math.min(active, matches.length - 1) : -1;

  const changeQuery = useCallback((next: string) => {
    setQuery(next);
    setActive(0);
  }, []);
  const step = useCallback(
    (delta: 1 | -1) => setActive((i) => (matches.length ? (Math.min(i, matches.length - 1) + delta + matches.length) % matches.length : 0)),
    [matches.length],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new query can keep activeIndex at 0 with different matches; `matches` re-runs the scroll to the new first hit
  useEffect(() => {
    if (activeIndex < 0) return;
    listRef.current?.querySelector(`[data-match-id="${activeIndex}"]`)?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [activeIndex, matches]);

  useHotkeys("slash", () => searchRef.current?.focus(), { preventDefault: true });

  // A link to one turn (#turn-N, from a promise's evidence on the account page): the browser scrolls to it while the
  // page loads, but what renders above it afterwards (the player, the flags) can push it out of view again.
  useEffect(() => {
    const id = window.location.hash.slice(1);
    if (!/^turn-\d+$/.test(id)) return;
    const frame = requestAnimationFrame(() => document.getElementById(id)?.scrollIntoView({ block: "center" }));
    return () => cancelAnimationFrame(frame);
  }, []);

  return (
    <section aria-labelledby="transcript-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-4 py-2.5">
        <div className="flex items-baseline gap-2">
          <h2 id="transcript-title" className="text-sm font-semibold text-slate-900">
            Transcript
          </h2>
          <span className="text-xs text-slate-500">
            {transcript.kind === "turns"
              ? `${transcript.segments.length} turns`
              : transcript.kind === "plain"
                ? "not speaker-labelled"
                : ""}
          </span>
        </div>
        {transcript.kind !== "empty" && (
          <TranscriptSearch
            ref={searchRef}
            query={query}
            onQueryChange={changeQuery}
            active={activeIndex}
            total={matches.length}
            onStep={step}
          />
        )}
      </div>
      {estimates && transcript.kind !== "empty" && (
        <p className="border-b border-slate-100 bg-slate-50 px-4 py-1.5 text-xs text-slate-500">
          Times marked ≈ are <strong className="font-medium text-slate-700">approximate</strong>: estimated from each turn’s share of the
          text, since Levers sends no word timings. Press <Kbd>/</Kbd> to search.
        </p>
      )}
      <div ref={listRef} className="space-y-3 px-4 py-4" data-testid="transcript">
        {transcript.kind === "empty" && <p className="text-sm italic text-slate-500">No transcript was sent for this call.</p>}
        {transcript.segments.map((segment) => (
          <TranscriptSegmentView
            key={segment.index}
            segment={segment}
            ranges={bySegment.get(segment.index) ?? NO_RANGES}
            activeMatch={bySegment.has(segment.index) ? activeIndex : -1}
            estimate={estimates ? (estimates[segment.index] ?? 0) : null}
            current={segment.index === currentSegment}
            onSeek={onSeek}
          />
        ))}
      </div>
    </section>
  );
}
