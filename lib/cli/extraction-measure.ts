/**
 * Extraction quality and cost over generated demo calls. Prints, per outcome, how many calls gave a promise with a date and an
 * amount (by source and confidence) or a parsed callback time, and the mean
 * extraction time per call (steady state: use 20,000+ calls so start-up and
 * JIT warm-up do not dominate). A manual tool, not part of the test run.
 */
import { extractCall } from "@/lib/accounts/extract";
import { parseTranscript } from "@/lib/calls/transcript";
import { generateCalls } from "@/lib/demo/generate";
import { intOption, parseCliArgs } from "./common";

const USAGE = `Usage: npm run bench:extraction -- [--calls N]

Runs the promise and callback extraction over N generated demo calls (default
20,000; use 20,000+ so start-up and JIT warm-up do not dominate) and prints,
per outcome, how often a date, an amount and a callback time were found, and
the mean extraction time per call.`;

const values = parseCliArgs(USAGE, { calls: { type: "string" } });
const count = intOption("calls", values.calls, 1, 1_000_000) ?? 20_000;
const stats: Record<string, Record<string, number>> = {};
let calls = 0;
let ms = 0;
for (const c of generateCalls({ seed: 7, count, days: 30, now: new Date("2026-03-15T12:00:00Z") })) {
  const outcome = c.payload.callOutput;
  if (outcome !== "PAYMENT PROMISE" && outcome !== "PAYMENT EXTENSION" && outcome !== "CALL BACK REQUESTED") continue;
  const transcript = parseTranscript(c.payload.transcription);
  const start = performance.now();
  const result = extractCall(outcome, transcript, { instant: c.receivedAt, timeZone: "America/New_York" }, { defaultInstallments: 6 });
  ms += performance.now() - start;
  calls++;
  const row = stats[outcome] ?? {};
  stats[outcome] = row;
  const promise = result.promises[0];
  const key = result.callback
    ? result.callback.defaulted
      ? "callback defaulted"
      : "callback parsed"
    : `${promise!.source}/${promise!.confidence}/${promise!.dueDate ? "date" : "no date"}/${promise!.amountCents !== null ? "amount" : "no amount"}`;
  row[key] = (row[key] ?? 0) + 1;
}
console.log(JSON.stringify(stats, null, 2));
console.log(`${calls} promise/extension/callback calls, ${(ms / calls).toFixed(2)} ms per call`);
