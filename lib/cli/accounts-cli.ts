import { setEnv } from "../env";
import { openDatabase } from "./runtime";

/**
 * What the accounts commands (worker, calls:import, crm:rebuild) share: the
 * app's database — DATABASE_URL, else the embedded one (the running one when
 * `npm start` has it, else started and migrated for the run).
 */
export async function connectAppDatabase(): Promise<{ url: string; release: () => Promise<void> }> {
  const db = await openDatabase({ attach: true, log: () => {} });
  setEnv("DATABASE_URL", db.databaseUrl);
  return { url: db.databaseUrl, release: db.release };
}
