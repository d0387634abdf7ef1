/**
 * The JSON shape of a call for integrations: the `phone_call.ended` payload's
 * own field names, plus `id`, `receivedAt`, `deliveredAt`, `projectId` and a
 * `recording` link. GET /api/calls (list items, without the transcript) and
 * GET /api/calls/[id] (the whole call) both answer with it, so a client can
 * treat them alike.
 */
export interface CallJsonInput {
  id: string;
  providerCallId: string;
  numberFrom: string;
  numberTo: string;
  providerStatus: string | null;
  deliveryStatus: string | null;
  duration: number;
  summary: string | null;
  endedReason: string | null;
  callOutput: string | null;
  callOutputReasoning: string | null;
  sentimentOutput: string | null;
  sentimentOutputReasoning: string | null;
  /** Omitted by list queries (transcripts are large); present for a single call. */
  transcription?: string | null;
  recordingUrl: string | null;
  metadata: unknown;
  projectId: string | null;
  /** A Date from Prisma, or the ISO string list items already carry. */
  receivedAt: Date | string;
  deliveredAt: Date | string | null;
}

export interface CallJson {
  id: string;
  providerCallId: string;
  numberFrom: string;
  numberTo: string;
  providerStatus: string | null;
  deliveryStatus: string | null;
  duration: number;
  summary: string | null;
  endedReason: string | null;
  callOutput: string | null;
  callOutputReasoning: string | null;
  sentimentOutput: string | null;
  sentimentOutputReasoning: string | null;
  transcription?: string | null;
  /** The storage location as Levers sent it (`bucket:key` or an https URL). */
  recordingUrl: string | null;
  metadata: unknown;
  projectId: string | null;
  /** ISO 8601: when the call was first received. */
  receivedAt: string;
  /** ISO 8601: the `svix-timestamp` of the delivery that last changed the call. */
  deliveredAt: string | null;
  /** Where to fetch the audio through this app (signed-in / API key), or null without a recording. */
  recording: string | null;
}

export function recordingPath(id: string): string {
  return `/api/calls/${id}/recording`;
}

export function serializeCall(call: CallJsonInput): CallJson {
  const json: CallJson = {
    id: call.id,
    providerCallId: call.providerCallId,
    numberFrom: call.numberFrom,
    numberTo: call.numberTo,
    providerStatus: call.providerStatus,
    deliveryStatus: call.deliveryStatus,
    duration: call.duration,
    summary: call.summary,
    endedReason: call.endedReason,
    callOutput: call.callOutput,
    callOutputReasoning: call.callOutputReasoning,
    sentimentOutput: call.sentimentOutput,
    sentimentOutputReasoning: call.sentimentOutputReasoning,
    recordingUrl: call.recordingUrl,
    metadata: call.metadata ?? {},
    projectId: call.projectId,
    receivedAt: iso(call.receivedAt),
    deliveredAt: call.deliveredAt === null ? null : iso(call.deliveredAt),
    recording: call.recordingUrl ? recordingPath(call.id) : null,
  };
  if (call.transcription !== undefined) json.transcription = call.transcription;
  return json;
}

function iso(value: Date | string): string {
  return typeof value === "string" ? value : value.toISOString();
}
