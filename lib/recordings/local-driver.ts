import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { audioContentType } from "./content-type";
import type { RecordingLocation } from "./location";
import {
  contentDisposition,
  RECORDING_CACHE_CONTROL,
  type RecordingAvailability,
  type RecordingOutcome,
  type ServeOptions,
} from "./outcome";
import { parseRange } from "./range";

/**
 * Recordings in a local directory laid out like the bucket:
 * RECORDINGS_DIR/<bucket>/<key>. Used by the demo data and by deployments
 * that sync recordings to disk. Streams with Range support so the browser's
 * player can seek without downloading the whole file.
 */
export function localRecordingPath(dir: string, location: Extract<RecordingLocation, { kind: "object" }>): string | null {
  const root = path.resolve(dir);
  const file = path.resolve(root, location.bucket, ...location.key.split("/"));
  // The location parser already refuses "..": this is the belt to its braces.
  return file.startsWith(root + path.sep) ? file : null;
}

async function fileSize(file: string): Promise<{ size: number; mtime: Date } | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? { size: info.size, mtime: info.mtime } : null;
  } catch {
    return null;
  }
}

export async function checkLocalRecording(
  dir: string,
  location: Extract<RecordingLocation, { kind: "object" }>,
): Promise<RecordingAvailability> {
  const file = localRecordingPath(dir, location);
  return file && (await fileSize(file)) ? { status: "available" } : { status: "missing", reason: "not-found" };
}

export async function serveLocalRecording(
  dir: string,
  location: Extract<RecordingLocation, { kind: "object" }>,
  request: ServeOptions,
): Promise<RecordingOutcome> {
  const file = localRecordingPath(dir, location);
  const info = file ? await fileSize(file) : null;
  if (!file || !info) {
    return { kind: "missing", reason: "not-found", detail: `No file for ${location.bucket}:${location.key} under RECORDINGS_DIR.` };
  }
  const { size, mtime } = info;
  const headers = new Headers({
    "Accept-Ranges": "bytes",
    "Content-Type": audioContentType(location.key),
    "Cache-Control": RECORDING_CACHE_CONTROL,
    "Content-Disposition": contentDisposition(request.download, request.fileName),
    "Last-Modified": mtime.toUTCString(),
    ETag: `W/"${size.toString(16)}-${Math.floor(mtime.getTime()).toString(16)}"`,
  });

  const range = parseRange(request.range, size);
  if (range.kind === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${size}`);
    headers.delete("Content-Disposition");
    headers.set("Content-Type", "application/json");
    const body = JSON.stringify({ error: `The requested range is outside the recording (${size} bytes).` });
    return { kind: "response", response: new Response(request.method === "HEAD" ? null : body, { status: 416, headers }) };
  }

  const start = range.kind === "partial" ? range.start : 0;
  const end = range.kind === "partial" ? range.end : size - 1;
  headers.set("Content-Length", String(size === 0 ? 0 : end - start + 1));
  if (range.kind === "partial") headers.set("Content-Range", `bytes ${start}-${end}/${size}`);
  const status = range.kind === "partial" ? 206 : 200;
  if (request.method === "HEAD" || size === 0) return { kind: "response", response: new Response(null, { status, headers }) };

  const stream = Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
  return { kind: "response", response: new Response(stream, { status, headers }) };
}
