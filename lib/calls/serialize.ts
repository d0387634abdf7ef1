import type { Call } from "@/lib/db/generated/browser";
import { LIST_FIELDS, type ListField, type Serialised, serialiseFields } from "./columns";

/**
 * The JSON shape of a call for integrations: the `phone_call.ended` payload's
 * own field names, plus `id`, `receivedAt`, `deliveredAt`, `projectId` and a
 * `recording` link. GET /api/calls (list items, without the transcript) and
 * GET /api/calls/[id] (the whole call) both answer with it, so a client can
 * treat them alike.
 *
 * A call as Prisma returns it (Dates) or as a list item carries it (ISO strings); the transcript only for a single call. */
export type CallJsonInput = { [F in ListField]: Pick<Call, ListField>[F] | Serialised<Pick<Call, ListField>>[F] } & {
  transcription?: string | null;
  accountId?: string | null;
};

export type CallJson = Serialised<Pick<Call, ListField>> & {
  /** Omitted by list queries (transcripts are large); present for a single call. */
  transcription?: string | null;
  /** Where to fetch the audio through this app (signed-in / API key), or null without a recording. */
  recording: string | null;
  /** The call's account (GET /api/accounts/{id}); null while the accounts derivation has not reached it yet. */
  accountId: string | null;
};

export function recordingPath(id: string): string {
  return `/api/calls/${id}/recording`;
}

export function serializeCall(call: CallJsonInput): CallJson {
  const json: CallJson = {
    ...serialiseFields(call as Pick<Call, ListField>, LIST_FIELDS),
    recording: call.recordingUrl ? recordingPath(call.id) : null,
    accountId: call.accountId ?? null,
  };
  if (call.transcription !== undefined) json.transcription = call.transcription;
  return json;
}
