import { prepareRuntime } from "./runtime";

/**
 * `npm run db:seed`: adds demo data to DATABASE_URL (or the embedded database).
 * `--force` seeds even when calls already exist.
 */
async function main() {
  const runtime = await prepareRuntime({ seed: process.argv.includes("--force") ? "always" : "if-empty" });
  for (const note of runtime.notes) console.log(note);
  await runtime.embedded?.stop();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
