import { randomBytes } from "node:crypto";
import pg from "pg";

/** Reads a setting kept with the data, creating it with `generate()` the first time (race-safe). */
export async function ensureSetting(databaseUrl: string, key: string, generate: () => string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [key, generate()]);
    const { rows } = await client.query<{ value: string }>(`SELECT value FROM app_settings WHERE key = $1`, [key]);
    return rows[0]!.value;
  } finally {
    await client.end();
  }
}

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

export function generateAuthSecret(): string {
  return randomBytes(32).toString("base64url");
}
