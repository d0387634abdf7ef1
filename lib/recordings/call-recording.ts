import "server-only";
import { recordAudit } from "@/lib/auth/audit";
import { getCallRecordingSource } from "@/lib/calls/detail";
import { clientAddress } from "@/lib/http/client-address";
import { NotFoundError } from "@/lib/http/errors";
import { startsAtZero } from "./range";
import { openRecording } from "./resolve";

/**
 * GET/HEAD /api/calls/[id]/recording: guard (via getCallRecordingSource),
 * resolve, audit. A play is audited once per playback start (no Range, or a
 * Range from byte 0), not for every chunk the player fetches while seeking.
 */
export async function serveCallRecording(id: string, request: Request): Promise<Response> {
  const source = await getCallRecordingSource(id);
  if (!source) throw new NotFoundError("No call with this id.");
  if (!source.recordingUrl) throw new NotFoundError("No recording for this call.");

  const url = new URL(request.url);
  const download = url.searchParams.get("download") === "1";
  const method = request.method === "HEAD" ? "HEAD" : "GET";
  const range = request.headers.get("range");
  const baseName = `call-${source.receivedAt.toISOString().slice(0, 10)}-${source.callId.slice(0, 8)}`;

  const outcome = await openRecording(source.recordingUrl, { method, range, download, baseName });
  if (outcome.kind === "missing") {
    console.warn(`[recordings] call ${source.callId}: ${outcome.detail}`);
    throw new NotFoundError(
      outcome.reason === "not-configured"
        ? "The recording is not available: recording storage is not configured on this server."
        : "The recording is not available in storage.",
    );
  }

  const { response } = outcome;
  if (method === "GET" && response.status < 400 && startsAtZero(range)) {
    await recordAudit({
      actorId: source.viewer.id,
      action: download ? "recording.download" : "recording.play",
      target: `call:${source.callId}`,
      details: range ? { range } : null,
      ipAddress: clientAddress(request.headers),
    });
  }
  return response;
}
