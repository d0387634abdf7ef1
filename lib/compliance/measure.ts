import { DEFAULT_ACCOUNT_SETTINGS, deriveAccountState } from "@/lib/accounts/derive";
import type { AccountCallInput } from "@/lib/accounts/input";
import type { Prisma } from "@/lib/db/generated/client";
import { generateCalls } from "@/lib/demo/generate";
import { typicalAccount } from "./bench-fixture";
import { evaluateAccount, nextPermissibleCall } from "./engine";
import { resolveSettings } from "./settings-store";
import { buildAccountInput, type DerivedAccountForCompliance, evaluateForStorage, snapshotInput } from "./store";

/**
 * The CPU the compliance hook adds to one delivery: the worker re-derives the
 * delivered call's account and then evaluates it once (buildAccountInput,
 * evaluateAccount, one nextPermissibleCall per debt, the snapshot's JSON).
 * Accounts of `historyCalls` generated demo calls (real transcripts, two
 * portfolios, over 60 days); process CPU time, so other load on a shared
 * machine does not count. The SQL writes are not included (PostgreSQL's
 * CPU): unchanged flags and next calls are not rewritten.
 */

const DAY = 86_400_000;
const NOW = new Date("2026-11-20T18:00:00Z");

function accountCalls(seed: number, historyCalls: number): AccountCallInput[] {
  const generated = generateCalls({ seed, count: historyCalls, days: 60, now: NOW });
  return [...generated].map((c, i) => ({
    id: c.id,
    providerCallId: c.payload.providerCallId,
    numberTo: i % 5 === 0 ? "+13125550101" : "+13125550100",
    providerStatus: c.payload.providerStatus,
    deliveryStatus: c.payload.deliveryStatus,
    duration: c.payload.duration,
    endedReason: c.payload.endedReason,
    callOutput: c.payload.callOutput,
    callOutputReasoning: c.payload.callOutputReasoning,
    transcription: c.payload.transcription,
    requestMetadata: { account_id: `acc_${seed}`, project_id: i % 3 === 0 ? "proj_medical" : "proj_credit_cards" } as Prisma.JsonValue,
    deliveredAt: c.receivedAt,
    receivedAt: c.receivedAt,
    firstSentAt: c.sentAt,
  }));
}

export interface HookCpu {
  historyCalls: number;
  accounts: number;
  /** Mean CPU ms per account evaluation (= per delivery). */
  cpuMsPerDelivery: number;
  flagsPerAccount: number;
}

export async function measureHookCpu(historyCalls: number, accounts = 200): Promise<HookCpu> {
  const settings = resolveSettings({ default: {}, portfolios: {} });
  const derived: DerivedAccountForCompliance[] = [];
  for (let a = 0; a < accounts; a++) {
    const calls = accountCalls(1000 + a, historyCalls);
    const state = deriveAccountState(calls, [], DEFAULT_ACCOUNT_SETTINGS, NOW);
    derived.push({ id: `00000000-0000-4000-8000-${String(a).padStart(12, "0")}`, calls, state });
  }
  let flags = 0;
  const run = async (account: DerivedAccountForCompliance) => {
    const { input, debts } = await buildAccountInput(account, [], []);
    const result = evaluateForStorage(input, debts, settings, new Date(NOW.getTime() + DAY));
    JSON.stringify(snapshotInput(input, result.holds));
    return result.flags.length;
  };
  for (const account of derived.slice(0, 20)) await run(account); // warm-up: JIT, zone data
  // Each account was evaluated before its newest call arrived (as in the worker, which memoises each
  // call's speech analysis across jobs): the measured run is the delivery of that newest call.
  for (const account of derived.slice(20)) {
    const older = account.state.calls.slice(0, -1);
    await run({ ...account, state: { ...account.state, calls: older } });
  }
  const started = process.cpuUsage();
  for (const account of derived) flags += await run(account);
  const used = process.cpuUsage(started);
  return {
    historyCalls,
    accounts,
    cpuMsPerDelivery: (used.user + used.system) / 1000 / accounts,
    flagsPerAccount: flags / accounts,
  };
}

/**
 * The same per-delivery work on the engine's typical account (45 calls over
 * 60 days, a third of them conversations, two debts): a dialer that mostly
 * keeps the rules, unlike the demo generator's histories where nearly every
 * call is a conversation and every later call inside 7 days is flagged.
 */
export function measureTypicalCpu(runs = 2_000): number {
  const settings = resolveSettings({ default: {}, portfolios: {} }).forPortfolio(null);
  const input = typicalAccount();
  const now = new Date(Date.parse("2026-03-01T14:00:00Z") + 61 * DAY);
  const run = () => {
    const evaluation = evaluateAccount(input, settings);
    for (const debt of input.debtKeys) nextPermissibleCall(input, settings, now, { debtKeys: [debt] });
    JSON.stringify(snapshotInput(input, evaluation.holds));
  };
  for (let i = 0; i < 200; i++) run();
  const started = process.cpuUsage();
  for (let i = 0; i < runs; i++) run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000 / runs;
}
