import { parseArgs } from "node:util";
import { rebuildAllAccounts } from "../accounts/rebuild";
import { disconnectPrisma, getPrisma } from "../db/client";
import { connectAppDatabase } from "./accounts-cli";

/** `npm run crm:rebuild`: re-key every call and re-derive every account (after an extraction-version or key-settings change). */
const USAGE = `Usage: npm run crm:rebuild -- [--parallel N]
  Re-links every call to its account and re-derives every account from its calls and manual edits.
  --parallel N  batches in flight at once (default 2)`;

async function main() {
  let values: { parallel?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { parallel: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true }));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    process.exit(2);
  }
  if (values.help) return console.log(USAGE);
  const parallel = values.parallel === undefined ? undefined : Number(values.parallel);
  if (parallel !== undefined && (!Number.isInteger(parallel) || parallel < 1 || parallel > 16)) {
    console.error("--parallel must be a whole number from 1 to 16.");
    process.exit(2);
  }
  const db = await connectAppDatabase();
  try {
    const s = await rebuildAllAccounts(getPrisma(), { parallel, log: (line) => console.log(`  ${line}`) });
    const perCallMs = s.calls ? ((s.linkSeconds + s.deriveSeconds) * 1000) / s.calls : 0;
    console.log(
      `Rebuilt ${s.accounts} accounts from ${s.calls} calls: linking ${s.linkSeconds.toFixed(1)} s, deriving ${s.deriveSeconds.toFixed(1)} s ` +
        `(${perCallMs.toFixed(2)} ms a call; 1,000,000 calls ≈ ${((perCallMs * 1_000_000) / 60_000).toFixed(1)} min).`,
    );
  } finally {
    await disconnectPrisma();
    await db.release();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
