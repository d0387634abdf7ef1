import type { CallListRow, Serialised } from "./columns";
import type { TextSegment } from "./highlight";

/**
 * What the calls table shows per row: a slim, serialisable view of a list
 * item (the page sends it to the browser; the live feed sends the same shape).
 * Plain type + mapper: safe for client components.
 */
type RowFields =
  | "id"
  | "receivedAt"
  | "numberTo"
  | "numberFrom"
  | "callOutput"
  | "sentimentOutput"
  | "duration"
  | "deliveryStatus"
  | "providerStatus"
  | "projectId";

export type CallRow = Pick<Serialised<CallListRow>, RowFields> & {
  hasRecording: boolean;
  preview: { source: "snippet" | "summary" | "transcript" | "none"; segments: TextSegment[] };
};

const ROW_FIELDS: readonly RowFields[] = [
  "id",
  "receivedAt",
  "numberTo",
  "numberFrom",
  "callOutput",
  "sentimentOutput",
  "duration",
  "deliveryStatus",
  "providerStatus",
  "projectId",
];

export function toCallRow(item: Pick<Serialised<CallListRow>, RowFields | "recordingUrl"> & { preview: CallRow["preview"] }): CallRow {
  const row = Object.fromEntries(ROW_FIELDS.map((f) => [f, item[f]])) as Pick<Serialised<CallListRow>, RowFields>;
  return { ...row, hasRecording: !!item.recordingUrl, preview: item.preview };
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
