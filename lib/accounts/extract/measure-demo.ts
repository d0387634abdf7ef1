/**
 * Extraction quality and cost over generated demo calls:
 *   npx tsx lib/accounts/extract/measure-demo.ts [count]
 * Prints, per outcome, how many calls gave a promise with a date and an
 * amount (by source and confidence) or a parsed callback time, and the mean
 * extraction time per call (steady state: use 20,000+ calls so start-up and
 * JIT warm-up do not dominate). A manual tool, not part of the test run.
 */
import { parseTranscript } from "@/lib/calls/transcript";
import { generateCalls } from "@/lib/demo/generate";
import { extractCall } from "./index";

const count = Number(process.argv[2] ?? 20_000);
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
