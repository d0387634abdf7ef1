import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { RECORDINGS_BUCKET, SHOWCASE_CALLS } from "./showcase";

/**
 * The demo calls whose recordings really play, for the start-up banner and
 * `db:seed`: their call pages, so they can be opened directly. Only calls that
 * are in the database and whose MP3 is in the recordings folder the server
 * will read: on an external database seeded without RECORDINGS_DIR (or with
 * S3 storage) the recordings would 404, so nothing is promised.
 */
export interface PlayableCall {
  id: string;
  summary: string;
}

export async function playableDemoCalls(databaseUrl: string, recordingsDir: string | undefined): Promise<PlayableCall[]> {
  if (!recordingsDir) return [];
  const withFiles = SHOWCASE_CALLS.filter((c) => c.recordingKey && existsSync(path.join(recordingsDir, RECORDINGS_BUCKET, c.recordingKey)));
  if (!withFiles.length) return [];
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; provider_call_id: string }>(
      "SELECT id, provider_call_id FROM calls WHERE provider_call_id = ANY($1::text[]) ORDER BY received_at DESC",
      [withFiles.map((c) => c.payload.providerCallId)],
    );
    const byProvider = new Map(withFiles.map((c) => [c.payload.providerCallId, c]));
    return rows.map((r) => ({
      id: r.id,
      summary: byProvider.get(r.provider_call_id)?.payload.summary || byProvider.get(r.provider_call_id)?.payload.callOutput || "",
    }));
  } finally {
    await client.end();
  }
}

/** Banner lines: one call page per playable recording. */
export function playableNotes(calls: PlayableCall[], baseUrl: string): string[] {
  if (!calls.length) return [];
  const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);
  return [
    `Demo calls whose recordings play (${calls.length}):`,
    ...calls.map((c) => `  ${baseUrl}/calls/${c.id}  ${clip(c.summary)}`),
    "  (every other demo call points at storage that is not shipped: its player says the recording is not available)",
  ];
}
