"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { useHotkeys } from "react-hotkeys-hook";
import { estimateSegmentStart, type ParsedTranscript } from "@/lib/calls/transcript";
import { AudioPlayer } from "./audio-player";
import { RecordingMessage } from "./recording-message";
import { TranscriptPanel } from "./transcript-panel";
import { useAudio } from "./use-audio";

/** What the server found out about the recording before drawing the page. */
export type RecordingStatus = "available" | "unknown" | "none" | "not-found" | "invalid-location" | "not-configured" | "unreachable";

export interface CallWorkspaceProps {
  recordingSrc: string;
  downloadHref: string;
  recording: RecordingStatus;
  duration: number;
  transcript: ParsedTranscript;
}

const MISSING_DETAIL: Partial<Record<RecordingStatus, string>> = {
  "not-found": "The call names a recording, but the file is not in storage (deleted, or not uploaded yet).",
  "invalid-location": "The recording location sent with this call is not usable.",
  "not-configured": "Recording storage is not configured on this server; an admin can set it up.",
  unreachable: "Recording storage could not be reached. Try again in a moment.",
};

const ARROW_SECONDS = 5;

/** Ignore Space on controls that already answer it natively (buttons, links), or it would toggle twice. */
function onNativeControl(e: KeyboardEvent): boolean {
  const target = e.target as HTMLElement | null;
  return !!target?.closest("button, a, summary, [role=button]");
}

/** The recording and the transcript, sharing one player: clicking a turn seeks, playback marks the turn. */
export function CallWorkspace({ recordingSrc, downloadHref, recording, duration, transcript }: CallWorkspaceProps) {
  const { ref, state, controls, handlers } = useAudio(duration);
  // Keyboard shortcuts only work once hydrated; the marker lets tests (and curious people) see when that is.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const playable = (recording === "available" || recording === "unknown") && !state.failed;

  const estimates = useMemo(
    () => (playable ? transcript.segments.map((s) => estimateSegmentStart(transcript, s.index, state.duration)) : null),
    [playable, transcript, state.duration],
  );
  const currentSegment = useMemo(() => {
    if (!estimates || (!state.playing && state.currentTime === 0)) return -1;
    let current = -1;
    estimates.forEach((start, i) => {
      if (start <= state.currentTime) current = i;
    });
    return current;
  }, [estimates, state.playing, state.currentTime]);

  const onSeek = useCallback((index: number) => estimates && controls.playFrom(estimates[index] ?? 0), [estimates, controls]);

  useHotkeys("space", controls.toggle, { enabled: playable, preventDefault: true, ignoreEventWhen: onNativeControl }, [controls]);
  useHotkeys("left", () => controls.skip(-ARROW_SECONDS), { enabled: playable, preventDefault: true }, [controls]);
  useHotkeys("right", () => controls.skip(ARROW_SECONDS), { enabled: playable, preventDefault: true }, [controls]);

  let player: React.ReactNode;
  if (recording === "none") {
    player = <RecordingMessage title="No recording for this call" detail="Levers sent no recording location with this call." />;
  } else if (!playable) {
    player = (
      <RecordingMessage
        title="The recording is not available in storage"
        detail={MISSING_DETAIL[recording] ?? "The recording could not be loaded. It may have been removed from storage; try again later."}
      />
    );
  } else {
    player = (
      <AudioPlayer
        downloadHref={downloadHref}
        state={state}
        controls={controls}
        audio={<audio ref={ref} src={recordingSrc} preload="metadata" data-testid="audio" {...handlers} />}
      />
    );
  }

  return (
    <div className="space-y-4" data-hydrated={hydrated ? "true" : undefined} data-testid="call-workspace">
      <div className="sticky top-16 z-10">{player}</div>
      <TranscriptPanel transcript={transcript} estimates={estimates} currentSegment={currentSegment} onSeek={onSeek} />
    </div>
  );
}
