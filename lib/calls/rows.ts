import type { TextSegment } from "./highlight";

/**
 * What the calls table shows per row: a slim, serialisable view of a list
 * item (the page sends it to the browser; the live feed sends the same shape).
 * Plain type + mapper: safe for client components.
 */
export interface CallRow {
  id: string;
  receivedAt: string;
  numberTo: string;
  numberFrom: string;
  callOutput: string | null;
  sentimentOutput: string | null;
  duration: number;
  deliveryStatus: string | null;
  providerStatus: string | null;
  projectId: string | null;
  hasRecording: boolean;
  preview: { source: "snippet" | "summary" | "transcript" | "none"; segments: TextSegment[] };
}

export function toCallRow(item: {
  id: string;
  receivedAt: string;
  numberTo: string;
  numberFrom: string;
  callOutput: string | null;
  sentimentOutput: string | null;
  duration: number;
  deliveryStatus: string | null;
  providerStatus: string | null;
  projectId: string | null;
  recordingUrl: string | null;
  preview: CallRow["preview"];
}): CallRow {
  return {
    id: item.id,
    receivedAt: item.receivedAt,
    numberTo: item.numberTo,
    numberFrom: item.numberFrom,
    callOutput: item.callOutput,
    sentimentOutput: item.sentimentOutput,
    duration: item.duration,
    deliveryStatus: item.deliveryStatus,
    providerStatus: item.providerStatus,
    projectId: item.projectId,
    hasRecording: !!item.recordingUrl,
    preview: item.preview,
  };
}

/** What the /calls page hands its client table (serialisable; built on the server from a CallList). */
export interface CallsPageData {
  rows: CallRow[];
  nextCursor: string | null;
  prevCursor: string | null;
  total: number;
  totalIsEstimate: boolean;
  /** The order actually used (relevance falls back to newest first for very common terms). */
  ordering: "receivedAt.desc" | "receivedAt.asc" | "duration.desc" | "duration.asc" | "relevance";
  notice: "too-many-to-rank" | "no-searchable-words" | null;
  /** When the list is empty: the filters whose removal alone would bring calls back. */
  emptyBecause: string[];
}
