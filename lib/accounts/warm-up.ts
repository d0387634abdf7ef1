import { parseStored, resolveSettings } from "@/lib/compliance/settings-store";
import { buildAccountInput, evaluateForStorage } from "@/lib/compliance/store";
import { generateCalls } from "@/lib/demo/generate";
import { DEFAULT_ACCOUNT_SETTINGS, deriveAccountState } from "./derive";
import type { AccountCallInput } from "./input";

/**
 * A worker that has just started derives slowly: its first jobs pay for
 * V8 compiling the extraction (chrono-node, compromise), the compliance
 * engine and the phone-number data loading, all at the low CPU priority the
 * worker runs at, while deliveries keep arriving. In `npm run bench:accounts`
 * (300 deliveries/s on 2 cores) the calls of the first second waited 1.9–2.5 s
 * p95 for their accounts against ~0.8 s once warm.
 *
 * So before it takes its first job the worker derives a sample of generated
 * calls in memory (the demo generator, fixed seed: every outcome, promises,
 * plans, callbacks, wrong numbers), through the same pure functions the jobs
 * run. Nothing is read from or written to the database. About a quarter of a
 * second of CPU.
 */
export interface WarmUpResult {
  accounts: number;
  calls: number;
  promises: number;
  callbacks: number;
  flags: number;
}

export async function warmUpDerivation(options: { calls?: number; accounts?: number; now?: Date } = {}): Promise<WarmUpResult> {
  const { calls = 240, accounts = 24, now = new Date() } = options;
  const byAccount = new Map<string, AccountCallInput[]>();
  let index = 0;
  for (const generated of generateCalls({ seed: 7, count: calls, days: 20, now })) {
    const { payload } = generated;
    const key = `warm-up-${index++ % accounts}`;
    const list = byAccount.get(key) ?? [];
    byAccount.set(key, list);
    list.push({
      id: generated.id,
      providerCallId: payload.providerCallId,
      numberTo: payload.numberTo,
      providerStatus: payload.providerStatus,
      deliveryStatus: payload.deliveryStatus,
      duration: payload.duration,
      endedReason: payload.endedReason,
      callOutput: payload.callOutput,
      transcription: payload.transcription,
      requestMetadata: { ...payload.metadata.requestMetadata, account_id: key },
      deliveredAt: generated.receivedAt,
      receivedAt: generated.receivedAt,
      firstSentAt: generated.sentAt,
    });
  }
  const settings = resolveSettings(parseStored({}));
  const result: WarmUpResult = { accounts: byAccount.size, calls, promises: 0, callbacks: 0, flags: 0 };
  for (const [id, list] of byAccount) {
    const state = deriveAccountState(list, [], DEFAULT_ACCOUNT_SETTINGS, now);
    const { input, debts } = await buildAccountInput({ id, calls: list, state }, [], []);
    const evaluation = evaluateForStorage(input, debts, settings, now);
    result.promises += state.promises.length;
    result.callbacks += state.callbacks.length;
    result.flags += evaluation.flags.length;
  }
  return result;
}
