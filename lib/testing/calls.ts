import type { Pool } from "pg";
import type { Viewer } from "@/lib/auth/guard";
import type { PhoneCallEndedPayload } from "@/lib/ingest/payload-schema";
import { buildPayload } from "@/lib/testing/payload-factory";

/**
 * Test-only helpers for the calls list's integration tests: insert calls with
 * exactly the fields a test cares about (the rest from the payload factory).
 */
export interface SeedCall extends Partial<PhoneCallEndedPayload> {
  receivedAt?: Date;
  projectId?: string | null;
}

export interface SeededCall {
  id: string;
  receivedAt: Date;
  payload: PhoneCallEndedPayload;
  projectId: string | null;
}

export async function insertCall(pool: Pool, call: SeedCall = {}): Promise<SeededCall> {
  const { receivedAt = new Date(), projectId, ...overrides } = call;
  const payload = buildPayload(overrides);
  if (projectId !== undefined) {
    payload.metadata = { requestMetadata: projectId === null ? {} : { project_id: projectId } };
  }
  const requestMetadata = (payload.metadata?.requestMetadata ?? {}) as Record<string, unknown>;
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO calls (provider_call_id, number_from, number_to, provider_status, delivery_status, duration, summary,
       ended_reason, call_output, call_output_reasoning, sentiment_output, sentiment_output_reasoning, transcription,
       recording_url, metadata, request_metadata, received_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) RETURNING id`,
    [
      payload.providerCallId,
      payload.numberFrom,
      payload.numberTo,
      payload.providerStatus ?? null,
      payload.deliveryStatus ?? null,
      payload.duration,
      payload.summary ?? null,
      payload.endedReason ?? null,
      payload.callOutput ?? null,
      payload.callOutputReasoning ?? null,
      payload.sentimentOutput ?? null,
      payload.sentimentOutputReasoning ?? null,
      payload.transcription ?? null,
      payload.recordingUrl ?? null,
      JSON.stringify(payload.metadata ?? {}),
      JSON.stringify(requestMetadata),
      receivedAt,
    ],
  );
  const projectValue = typeof requestMetadata.project_id === "string" ? requestMetadata.project_id : null;
  return { id: rows[0]!.id, receivedAt, payload, projectId: projectValue };
}

export const TEST_AGENT: Viewer = { id: "api_key:test-agent", email: "agent@test", name: "Test agent", role: "agent", via: "apiKey" };
