import pg from "pg";
import { embeddedUrl } from "../db/embedded";
import { prepareRuntime } from "./runtime";

/**
 * What the accounts commands (worker, calls:import, crm:rebuild) share: the
 * app's database — DATABASE_URL, else the embedded one if `npm start` is
 * running it, else start (and migrate) it for the run.
 */
export async function connectAppDatabase(): Promise<{ url: string; release: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, release: async () => {} };
  const url = embeddedUrl(Number(process.env.EMBEDDED_PG_PORT ?? 54329));
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await probe.connect();
    await probe.end();
    process.env.DATABASE_URL = url;
    return { url, release: async () => {} };
  } catch {
    await probe.end().catch(() => {});
  }
  const runtime = await prepareRuntime({ seed: "never", log: () => {} });
  process.env.DATABASE_URL = runtime.databaseUrl;
  return { url: runtime.databaseUrl, release: async () => void (await runtime.embedded?.stop()) };
}
