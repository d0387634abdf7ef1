import { migrate, MigrationError } from "../db/migrate";
import { prepareRuntime } from "./runtime";

/** `npm run db:migrate`: migrates DATABASE_URL, or the embedded database when none is set. */
async function main() {
  if (process.env.DATABASE_URL) {
    const result = await migrate(process.env.DATABASE_URL, { log: console.log });
    console.log(result.applied.length ? `Applied ${result.applied.length} migration(s).` : "Nothing to apply: the schema is up to date.");
    return;
  }
  const runtime = await prepareRuntime({ seed: "never" });
  await runtime.embedded?.stop();
}

main().catch((error: unknown) => {
  console.error(error instanceof MigrationError || error instanceof Error ? error.message : error);
  process.exit(1);
});
