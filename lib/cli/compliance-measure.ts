/**
 * The CPU the compliance guard adds per delivery (issue target: at most 1 ms),
 * for accounts of several history sizes. A manual tool: npm run bench:compliance.
 */
import { measureStoredCpu } from "@/lib/bench/compliance-cpu";
import { measureHookCpu, measureTypicalCpu } from "@/lib/compliance/measure";
import { disconnectPrisma, getPrisma } from "@/lib/db/client";
import { connectAppDatabase } from "./accounts-cli";
import { intOption, parseCliArgs } from "./common";

const USAGE = `Usage: npm run bench:compliance -- [--accounts N] [--stored N]

Evaluates N generated accounts (default 200) of 10, 45, 100 and 200 calls
each the way the accounts worker does after a delivery (input, flags, next
permissible call per debt, snapshot) and prints the mean CPU time per
delivery against the 1 ms target.

--stored N measures the database instead (DATABASE_URL, e.g. the benchmark's
1M database): N accounts drawn as deliveries reach them (a sample of calls,
each call's account), each re-derived as the worker does after a delivery.`;

const values = parseCliArgs(USAGE, { accounts: { type: "string" }, stored: { type: "string" } });
const accounts = intOption("accounts", values.accounts, 10, 100_000) ?? 200;
const stored = intOption("stored", values.stored, 10, 100_000);
if (stored !== undefined) {
  const db = await connectAppDatabase();
  try {
    const r = await measureStoredCpu(getPrisma(), stored);
    console.log(
      `stored accounts (${r.accounts} drawn per delivery, ${r.meanCalls.toFixed(1)} calls each on average): ` +
        `${r.coldMsPerDelivery.toFixed(3)} ms CPU per delivery with every transcript read, ${r.warmMsPerDelivery.toFixed(3)} ms with the calls' speech memoised — target ≤ 1 ms: ${r.warmMsPerDelivery <= 1 ? "met" : "MISSED"}`,
    );
  } finally {
    await disconnectPrisma();
    await db.release();
  }
  process.exit(0);
}
const typical = measureTypicalCpu();
console.log(
  `typical account (45 calls, 2 debts, engine fixture): ${typical.toFixed(3)} ms CPU per delivery — target ≤ 1 ms: ${typical <= 1 ? "met" : "MISSED"}`,
);
console.log("demo-generator histories (nearly every call a conversation, so heavily flagged):");
let worst = 0;
for (const history of [10, 45, 100, 200]) {
  const r = await measureHookCpu(history, accounts);
  worst = Math.max(worst, history <= 100 ? r.cpuMsPerDelivery : 0);
  console.log(
    `${String(history).padStart(3)} calls/account: ${r.cpuMsPerDelivery.toFixed(3)} ms CPU per delivery (${r.flagsPerAccount.toFixed(1)} flags/account, ${r.accounts} accounts)`,
  );
}
console.log(
  `demo histories up to 100 calls: worst ${worst.toFixed(3)} ms per delivery (${worst <= 1 ? "within" : "over"} the 1 ms target)`,
);
