/** What a storage driver answers for one recording request. */
export type RecordingOutcome = { kind: "response"; response: Response } | { kind: "missing"; reason: MissingReason; detail: string };

export type MissingReason = "not-found" | "not-configured" | "invalid-location" | "unreachable";

/** What the call page needs to know before it draws a player. */
export type RecordingAvailability =
  | { status: "available" }
  /** Could not be checked from the server (e.g. a third-party https URL): let the browser try. */
  | { status: "unknown" }
  | { status: "missing"; reason: MissingReason }
  | { status: "none" };

export interface RecordingRequest {
  method: "GET" | "HEAD";
  range: string | null;
  download: boolean;
  /** Download name without extension (the location's extension is added). */
  baseName: string;
}

/** What a driver is asked to serve: the request plus the final download name. */
export interface ServeOptions {
  method: "GET" | "HEAD";
  range: string | null;
  download: boolean;
  fileName: string;
}

export function contentDisposition(download: boolean, fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `${download ? "attachment" : "inline"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Recordings are personal data: never kept by shared caches, nor on disk by the browser. */
export const RECORDING_CACHE_CONTROL = "private, no-store";
