"use client";

import { useMemo, useRef, useState } from "react";

export interface AudioState {
  playing: boolean;
  currentTime: number;
  /** The media's own duration once known, else the call's reported duration. */
  duration: number;
  rate: number;
  /** The browser could not load or decode the recording. */
  failed: boolean;
}

export interface AudioControls {
  toggle: () => void;
  seek: (seconds: number) => void;
  skip: (deltaSeconds: number) => void;
  setRate: (rate: number) => void;
  /** Seek and start playing (clicking a transcript turn). */
  playFrom: (seconds: number) => void;
}

/**
 * State and controls for one <audio> element. The element stays the source
 * of truth; React mirrors it through media events so the custom UI, keyboard
 * shortcuts and transcript all act on the same player.
 */
export function useAudio(fallbackDuration: number) {
  const ref = useRef<HTMLAudioElement | null>(null);
  const [state, setState] = useState<AudioState>({
    playing: false,
    currentTime: 0,
    duration: fallbackDuration,
    rate: 1,
    failed: false,
  });

  const controls = useMemo<AudioControls>(() => {
    const el = () => ref.current;
    const knownDuration = (a: HTMLAudioElement) => (Number.isFinite(a.duration) && a.duration > 0 ? a.duration : fallbackDuration);
    const seek = (seconds: number) => {
      const a = el();
      if (!a) return;
      const target = Math.min(Math.max(0, seconds), knownDuration(a) || Number.MAX_SAFE_INTEGER);
      a.currentTime = target;
      setState((s) => ({ ...s, currentTime: target }));
    };
    const play = (a: HTMLAudioElement) => {
      a.play().catch((error: unknown) => {
        // NotAllowedError (no user gesture) and AbortError (a pause/seek interrupted it) are not failures.
        if (error instanceof DOMException && error.name === "NotSupportedError") setState((s) => ({ ...s, failed: true }));
      });
    };
    return {
      toggle: () => {
        const a = el();
        if (!a) return;
        if (a.paused) play(a);
        else a.pause();
      },
      seek,
      skip: (delta) => {
        const a = el();
        if (a) seek(a.currentTime + delta);
      },
      setRate: (rate) => {
        const a = el();
        if (a) a.playbackRate = rate;
      },
      playFrom: (seconds) => {
        seek(seconds);
        const a = el();
        if (a?.paused) play(a);
      },
    };
  }, [fallbackDuration]);

  const handlers = useMemo(() => {
    const sync = (e: React.SyntheticEvent<HTMLAudioElement>) => {
      const a = e.currentTarget;
      setState((s) => ({
        ...s,
        playing: !a.paused && !a.ended,
        currentTime: a.currentTime,
        duration: Number.isFinite(a.duration) && a.duration > 0 ? a.duration : s.duration,
        rate: a.playbackRate,
      }));
    };
    return {
      onPlay: sync,
      onPause: sync,
      onEnded: sync,
      onTimeUpdate: sync,
      onSeeked: sync,
      onLoadedMetadata: sync,
      onDurationChange: sync,
      onRateChange: sync,
      onError: () => setState((s) => ({ ...s, failed: true, playing: false })),
    };
  }, []);

  return { ref, state, controls, handlers };
}
