import { type RecordingsConfig, RecordingsConfigError, recordingsConfig } from "./config";
import { checkLocalRecording, serveLocalRecording } from "./local-driver";
import { parseRecordingLocation, type RecordingLocation, RecordingLocationError, recordingExtension } from "./location";
import { RECORDING_CACHE_CONTROL, type RecordingAvailability, type RecordingOutcome, type RecordingRequest } from "./outcome";
import { checkS3Recording, presignRecordingUrl } from "./s3-driver";

/**
 * From a call's `recordingUrl` to an HTTP answer: the local driver streams
 * the file, S3 and https locations become a redirect. Nothing here knows
 * about users; lib/recordings/call-recording.ts guards and audits.
 */
type Parsed =
  | { ok: true; location: RecordingLocation; config: RecordingsConfig }
  | { ok: false; outcome: Extract<RecordingOutcome, { kind: "missing" }> };

function prepare(raw: string): Parsed {
  let location: RecordingLocation;
  try {
    location = parseRecordingLocation(raw);
  } catch (error) {
    if (error instanceof RecordingLocationError) {
      return { ok: false, outcome: { kind: "missing", reason: "invalid-location", detail: error.message } };
    }
    throw error;
  }
  try {
    return { ok: true, location, config: recordingsConfig() };
  } catch (error) {
    if (error instanceof RecordingsConfigError) {
      return { ok: false, outcome: { kind: "missing", reason: "not-configured", detail: error.message } };
    }
    throw error;
  }
}

function redirect(url: string): RecordingOutcome {
  return {
    kind: "response",
    response: new Response(null, {
      status: 302,
      // The presigned URL is a bearer credential for a few minutes: keep it out of caches and Referer headers.
      headers: { Location: url, "Cache-Control": RECORDING_CACHE_CONTROL, "Referrer-Policy": "no-referrer" },
    }),
  };
}

const NO_LOCAL_DIR = "Recordings are stored locally but RECORDINGS_DIR is not set.";

export async function openRecording(raw: string, request: RecordingRequest): Promise<RecordingOutcome> {
  const parsed = prepare(raw);
  if (!parsed.ok) return parsed.outcome;
  const { location, config } = parsed;
  if (location.kind === "url") return redirect(location.url);

  const fileName = `${request.baseName}.${recordingExtension(location) ?? "mp3"}`;
  if (config.driver === "local") {
    if (!config.dir) return { kind: "missing", reason: "not-configured", detail: NO_LOCAL_DIR };
    return serveLocalRecording(config.dir, location, {
      method: request.method,
      range: request.range,
      download: request.download,
      fileName,
    });
  }

  if (request.method === "HEAD") {
    // A HEAD cannot follow a presigned GET URL (the signature covers the method): ask S3 here instead.
    const availability = await checkS3Recording(config.s3, location);
    if (availability.status === "missing")
      return { kind: "missing", reason: availability.reason, detail: `No object ${location.key} in the bucket.` };
    if (availability.status === "available") {
      return {
        kind: "response",
        response: new Response(null, { status: 200, headers: { "Cache-Control": RECORDING_CACHE_CONTROL, "Accept-Ranges": "bytes" } }),
      };
    }
  }
  return redirect(await presignRecordingUrl(config.s3, location, { download: request.download, fileName }));
}

/** Whether the page should draw a player, checked up front and cheaply (a stat, or a HEAD with a timeout). */
export async function checkRecording(raw: string | null | undefined): Promise<RecordingAvailability> {
  if (!raw?.trim()) return { status: "none" };
  const parsed = prepare(raw);
  if (!parsed.ok) return { status: "missing", reason: parsed.outcome.reason };
  const { location, config } = parsed;
  if (location.kind === "url") return { status: "unknown" };
  if (config.driver === "local") {
    return config.dir ? checkLocalRecording(config.dir, location) : { status: "missing", reason: "not-configured" };
  }
  return checkS3Recording(config.s3, location);
}
