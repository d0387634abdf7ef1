import type { AccountState } from "@/lib/accounts/derive";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import { RULES_VERSION } from "./catalogue";
import { ANY_DEBT } from "./context";
import { evaluateAccount, nextPermissibleCall } from "./engine";
import type { ComplianceSettings } from "./settings";
import { loadComplianceSettings, type ResolvedSettings } from "./settings-store";
import { localDateWindow } from "./time";
import type {
  AccountInput,
  ComplianceCall,
  ComplianceConsent,
  ComplianceFlag,
  HoldClearance,
  HoldKind,
  HoldState,
  ManualHold,
  NextCall,
} from "./types";
import { type LocationMetadata, resolveConsumerZones, statesOfMetadata } from "./zones";

/**
 * The guard's integration: after the accounts worker derives an account (in
 * the same transaction, with the rows already locked), build the engine's
 * input from what derivation just computed, evaluate, and replace the
 * account's flags, per-debt next permissible calls and the input snapshot
 * the check endpoint reads. Flags keep their review status across
 * re-evaluations through a stable key (call | rule | check | debt).
 */

/** What deriveLocked has in hand for one account (structural, so lib/accounts needs no compliance types). */
export interface DerivedAccountForCompliance {
  id: string;
  calls: { id: string; transcription: string | null; requestMetadata: Prisma.JsonValue; receivedAt: Date | null }[];
  state: Pick<AccountState, "calls" | "debts" | "numbers" | "callbacks">;
}

export interface DebtRef {
  /** The engine's debt key: the portfolio name for portfolio debts (so messages read "about proj_credit_cards"), else the debt key. */
  key: string;
  portfolio: string | null;
}

export function engineDebtKey(debt: { debtKey: string | null; portfolio: string | null }): string | null {
  return debt.portfolio ?? debt.debtKey;
}

function metadataOf(value: Prisma.JsonValue): LocationMetadata | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as LocationMetadata) : null;
}

function consentsOf(state: DerivedAccountForCompliance["state"], zones: string[]): ComplianceConsent[] {
  const callDebt = new Map(state.calls.map((c) => [c.callId, engineDebtKey(c)]));
  return state.callbacks.map((cb) => {
    const debt = callDebt.get(cb.callId);
    // A named day ("call me back Monday") covers that local day in every candidate zone (cmt 14(b)(3)(i)-3.i);
    // a named clock time covers the hour from it; no time named leaves the whole 7 days (cmt 14(b)(3)(i)-2).
    let window: ComplianceConsent["window"] = null;
    if (!cb.defaulted) {
      window = cb.timeAssumed
        ? (localDateWindow(zones.length ? zones : [cb.timeZone], cb.localDate) ?? null)
        : { start: cb.dueAt, end: new Date(cb.dueAt.getTime() + 3_600_000) };
    }
    return {
      consentId: cb.id,
      givenAt: cb.requestedAt,
      sourceCallId: cb.callId,
      debtKeys: debt ? [debt] : [],
      window,
      timeNamed: !cb.defaulted && !cb.timeAssumed,
      evidence: null,
    };
  });
}

/** The engine's input for one derived account (no database access besides the memoised zone lookups). */
export async function buildAccountInput(
  account: DerivedAccountForCompliance,
  holds: ManualHold[],
  clearances: HoldClearance[],
): Promise<{ input: AccountInput; debts: DebtRef[] }> {
  const { state } = account;
  const raw = new Map(account.calls.map((c) => [c.id, c]));
  const debts = new Map<string, DebtRef>();
  for (const d of state.debts) {
    const key = engineDebtKey(d);
    if (key) debts.set(key, { key, portfolio: d.portfolio });
  }
  const calls: ComplianceCall[] = state.calls.map((c) => {
    const key = engineDebtKey(c);
    const rightParty = c.rightPartyContact ? true : c.outcome === "WRONG NUMBER" ? false : null;
    return {
      callId: c.callId,
      number: c.number ?? "",
      // Levers places every call (an AI dialer); no inbound calls reach this app.
      direction: "outbound",
      placedAt: c.placedAtSource === "unknown" ? null : c.placedAt,
      placedAtApproximate: true,
      receivedAt: raw.get(c.callId)?.receivedAt ?? null,
      connected: c.connected,
      conversation: c.conversation,
      rightParty,
      voicemail: c.voicemail,
      debtKeys: key ? [key] : [],
      transcript: raw.get(c.callId)?.transcription ?? null,
    };
  });
  const numbers = state.numbers.map((n) => ({ number: n.number, wrongNumberSince: n.status === "wrong_number" ? n.since : null }));
  const metadata = account.calls.map((c) => metadataOf(c.requestMetadata));
  const zones = await resolveConsumerZones(
    numbers.filter((n) => !n.wrongNumberSince).map((n) => n.number),
    metadata,
  );
  const states = [...new Set(metadata.flatMap((m) => statesOfMetadata(m)))].sort();
  const input: AccountInput = {
    accountId: account.id,
    debtKeys: [...debts.keys()].sort(),
    numbers,
    calls,
    consents: consentsOf(state, zones.zones),
    holds,
    clearances,
    zones,
    states,
  };
  return { input, debts: [...debts.values()].sort((a, b) => (a.key < b.key ? -1 : 1)) };
}

export interface AccountEvaluationResult {
  flags: (ComplianceFlag & { portfolio: string | null })[];
  holds: HoldState[];
  next: { debt: DebtRef | null; result: NextCall }[];
  /** The earliest next call over all debts (the account-level figure on crm_accounts). */
  account: { at: Date | null; reason: string | null };
}

function settingsGroups(debts: DebtRef[], settings: ResolvedSettings): { settings: ComplianceSettings; debts: DebtRef[] }[] {
  if (debts.length === 0) return [{ settings: settings.forPortfolio(null), debts: [] }];
  const groups = new Map<string, { settings: ComplianceSettings; debts: DebtRef[] }>();
  for (const debt of debts) {
    const s = settings.forPortfolio(debt.portfolio);
    const key = JSON.stringify(s);
    const group = groups.get(key) ?? { settings: s, debts: [] };
    group.debts.push(debt);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * Flags and next calls of one account. Debts whose portfolios share settings
 * are evaluated together (one engine run for the usual one-portfolio
 * account); a flag about no particular debt comes from the first group.
 */
export function evaluateForStorage(input: AccountInput, debts: DebtRef[], settings: ResolvedSettings, now: Date): AccountEvaluationResult {
  const groups = settingsGroups(debts, settings);
  const portfolioOf = new Map(debts.map((d) => [d.key, d.portfolio]));
  const flags: AccountEvaluationResult["flags"] = [];
  let holds: HoldState[] = [];
  groups.forEach((group, index) => {
    const evaluation = evaluateAccount(input, group.settings);
    if (index === 0) holds = evaluation.holds;
    const mine = new Set(group.debts.map((d) => d.key));
    for (const flag of evaluation.flags) {
      if (flag.debtKey === null || flag.debtKey === ANY_DEBT ? index === 0 : mine.has(flag.debtKey) || group.debts.length === 0) {
        flags.push({ ...flag, portfolio: flag.debtKey ? (portfolioOf.get(flag.debtKey) ?? null) : null });
      }
    }
  });
  const next: AccountEvaluationResult["next"] = [];
  for (const group of groups) {
    if (group.debts.length === 0) next.push({ debt: null, result: nextPermissibleCall(input, group.settings, now) });
    for (const debt of group.debts) next.push({ debt, result: nextPermissibleCall(input, group.settings, now, { debtKeys: [debt.key] }) });
  }
  const timed = next.filter((n) => n.result.at).sort((a, b) => a.result.at!.getTime() - b.result.at!.getTime());
  const first = timed[0] ?? next[0];
  const reasonOf = (n: (typeof next)[number] | undefined) =>
    n ? (n.result.binding ? `${n.debt ? `${n.debt.key}: ` : ""}${n.result.binding.message}` : null) : null;
  return { flags, holds, next, account: { at: first?.result.at ?? null, reason: reasonOf(first) } };
}

export function flagKey(flag: Pick<ComplianceFlag, "callId" | "rule" | "check" | "debtKey">): string {
  return `${flag.callId}|${flag.rule}|${flag.check}|${flag.debtKey ?? ""}`;
}

/** The check endpoint's copy of the input: transcripts dropped, the holds found in speech kept as holds. */
export function snapshotInput(input: AccountInput, holds: HoldState[]): AccountInput {
  const speechHolds: ManualHold[] = holds
    .filter((h) => h.source === "speech")
    .map((h) => ({
      holdId: h.holdId,
      kind: h.kind,
      // Said in a call of unknown time: it still bars every new call.
      placedAt: h.placedAt ?? new Date(0),
      debtKeys: h.debtKeys,
      numbers: h.numbers,
      note: "said on a call",
    }));
  return {
    ...input,
    calls: input.calls.map((c) => ({ ...c, transcript: null })),
    // Manual holds and clearances are read live by the check, so one typed a moment ago counts at once.
    holds: speechHolds,
    clearances: [],
  };
}

const DATE_FIELDS: Record<string, string[]> = {
  calls: ["placedAt", "receivedAt"],
  numbers: ["wrongNumberSince"],
  consents: ["givenAt", "revokedAt"],
  holds: ["placedAt"],
  clearances: ["clearedAt"],
  inconvenientTimes: ["since", "until"],
};

/** A stored snapshot (JSON) back into the engine's input, dates revived. */
export function reviveInput(value: unknown): AccountInput {
  const input = structuredClone(value) as Record<string, unknown>;
  const revive = (v: unknown) => (typeof v === "string" ? new Date(v) : v);
  for (const [list, fields] of Object.entries(DATE_FIELDS)) {
    for (const item of (input[list] as Record<string, unknown>[] | undefined) ?? []) {
      for (const f of fields) if (item[f] != null) item[f] = revive(item[f]);
      const window = item.window as { start: unknown; end: unknown } | null | undefined;
      if (window) item.window = { start: revive(window.start), end: revive(window.end) };
    }
  }
  if (input.initialDisclosureAt != null) input.initialDisclosureAt = revive(input.initialDisclosureAt);
  return input as unknown as AccountInput;
}

const HOLD_KINDS = new Set<HoldKind>(["stop-calling", "written-cease", "attorney", "oral-dispute", "written-dispute", "bankruptcy"]);

export async function loadManualEntries(tx: Prisma.TransactionClient | PrismaClient, accountIds: string[]) {
  const [holdRows, clearanceRows] = await Promise.all([
    tx.complianceHold.findMany({ where: { accountId: { in: accountIds } }, orderBy: { createdAt: "asc" } }),
    tx.complianceClearance.findMany({ where: { accountId: { in: accountIds } }, orderBy: { clearedAt: "asc" } }),
  ]);
  const holds = new Map<string, ManualHold[]>();
  for (const h of holdRows) {
    if (!HOLD_KINDS.has(h.kind as HoldKind)) continue;
    const list = holds.get(h.accountId) ?? [];
    list.push({ holdId: h.id, kind: h.kind as HoldKind, placedAt: h.placedAt, debtKeys: h.debtKeys, numbers: h.numbers, note: h.note });
    holds.set(h.accountId, list);
  }
  const clearances = new Map<string, HoldClearance[]>();
  for (const c of clearanceRows) {
    const list = clearances.get(c.accountId) ?? [];
    list.push({ holdId: c.holdId, clearedAt: c.clearedAt, reason: c.reason, clearedBy: c.clearedBy });
    clearances.set(c.accountId, list);
  }
  return { holds, clearances };
}

interface FlagRow {
  accountId: string;
  placedAt: Date;
  flag: AccountEvaluationResult["flags"][number];
  key: string;
}

/** CPU spent in the hook since the process started (the bench reads it: microseconds, and accounts evaluated). */
export const complianceCpu = { micros: 0, accounts: 0 };

/**
 * THE hook, called once at the end of the accounts derivation with the
 * accounts still locked: evaluate each account and replace its compliance rows.
 */
/**
 * Calls to these accounts' numbers that belong to other accounts (two keys
 * for one number: a household, a reassigned line, one person's two debts
 * keyed apart). R1 counts them for every account holding the number, so the
 * count is never below what the number itself received (1006.14(b)(2);
 * AccountInput.calls): not attributed to a debt (they count toward each),
 * never a conversation with this person (prong B needs one about the debt),
 * no transcript (their content is the other account's to check), and their
 * own flags are raised on their own account. One index probe on
 * crm_account_numbers finds the shared numbers; only those read calls.
 */
export async function sharedNumberCalls(
  tx: Prisma.TransactionClient,
  accounts: Pick<DerivedAccountForCompliance, "id" | "state">[],
): Promise<Map<string, ComplianceCall[]>> {
  const out = new Map<string, ComplianceCall[]>();
  const all = [...new Set(accounts.flatMap((a) => a.state.numbers.map((n) => n.number)))];
  if (!all.length) return out;
  const shared = await tx.$queryRaw<{ number: string }[]>`
    SELECT number FROM crm_account_numbers WHERE number = ANY(${all}::text[]) GROUP BY number HAVING count(*) > 1`;
  if (!shared.length) return out;
  const rows = await tx.$queryRaw<
    { callId: string; number: string; accountId: string; placedAt: Date; receivedAt: Date; connected: boolean }[]
  >`
    SELECT c.id::text AS "callId", c.number_to AS number, l.account_id::text AS "accountId", l.placed_at AS "placedAt",
           c.received_at AS "receivedAt", l.connected
      FROM calls c JOIN crm_call_links l ON l.call_id = c.id
     WHERE c.number_to = ANY(${shared.map((r) => r.number)}::text[])`;
  for (const account of accounts) {
    const mine = new Set(account.state.numbers.map((n) => n.number));
    const foreign = rows
      .filter((r) => r.accountId !== account.id && mine.has(r.number))
      .map(
        (r): ComplianceCall => ({
          callId: r.callId,
          number: r.number,
          direction: "outbound",
          placedAt: r.placedAt,
          placedAtApproximate: true,
          receivedAt: r.receivedAt,
          connected: r.connected,
          conversation: false,
          rightParty: null,
          voicemail: false,
          debtKeys: [],
          transcript: null,
        }),
      );
    if (foreign.length) out.set(account.id, foreign);
  }
  return out;
}

export async function evaluateDerivedAccounts(tx: Prisma.TransactionClient, accounts: DerivedAccountForCompliance[], now: Date) {
  if (accounts.length === 0) return;
  const ids = accounts.map((a) => a.id);
  const [settings, manual, shared] = await Promise.all([
    loadComplianceSettings(tx),
    loadManualEntries(tx, ids),
    sharedNumberCalls(tx, accounts),
  ]);
  const started = process.cpuUsage();
  const flagRows: FlagRow[] = [];
  const nextRows: { accountId: string; debtKey: string; portfolio: string | null; result: NextCall }[] = [];
  const accountRows: { id: string; at: Date | null; reason: string | null }[] = [];
  const snapshots: { id: string; input: string }[] = [];
  for (const account of accounts) {
    const { input, debts } = await buildAccountInput(account, manual.holds.get(account.id) ?? [], manual.clearances.get(account.id) ?? []);
    const own = new Set(input.calls.map((c) => c.callId));
    input.calls.push(...(shared.get(account.id) ?? []));
    const result = evaluateForStorage(input, debts, settings, now);
    const placed = new Map(input.calls.map((c) => [c.callId, c.placedAt ?? c.receivedAt ?? now]));
    // One call can raise the same check twice (a call during two holds): the engine's order numbers the repeats, so keys stay unique and stable.
    const seen = new Map<string, number>();
    for (const flag of result.flags) {
      if (!own.has(flag.callId)) continue;
      const base = flagKey(flag);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      flagRows.push({ accountId: account.id, placedAt: placed.get(flag.callId) ?? now, flag, key: n === 0 ? base : `${base}#${n + 1}` });
    }
    for (const n of result.next) {
      nextRows.push({ accountId: account.id, debtKey: n.debt?.key ?? ANY_DEBT, portfolio: n.debt?.portfolio ?? null, result: n.result });
    }
    accountRows.push({ id: account.id, ...result.account });
    snapshots.push({ id: account.id, input: JSON.stringify(snapshotInput(input, result.holds)) });
  }
  const used = process.cpuUsage(started);
  complianceCpu.micros += used.user + used.system;
  complianceCpu.accounts += accounts.length;
  await writeRows(tx, ids, flagRows, nextRows, accountRows, snapshots, now);
}

async function writeRows(
  tx: Prisma.TransactionClient,
  ids: string[],
  flagRows: FlagRow[],
  nextRows: { accountId: string; debtKey: string; portfolio: string | null; result: NextCall }[],
  accountRows: { id: string; at: Date | null; reason: string | null }[],
  snapshots: { id: string; input: string }[],
  now: Date,
) {
  const keys = flagRows.map((r) => r.key);
  const col = <T>(f: (r: (typeof flagRows)[number]) => T) => flagRows.map(f);
  await tx.$executeRaw`
    DELETE FROM compliance_flags WHERE account_id = ANY(${ids}::uuid[]) AND NOT (flag_key = ANY(${keys}::text[]))`;
  if (flagRows.length) {
    // Unchanged flags are not rewritten (no dead row per delivery); a changed one keeps its status and audit.
    await tx.$executeRaw`
      INSERT INTO compliance_flags (flag_key, account_id, call_id, debt_key, portfolio, rule, "check", citation, severity, message, evidence, rules_version, placed_at)
      SELECT * FROM unnest(${keys}::text[], ${col((r) => r.accountId)}::uuid[], ${col((r) => r.flag.callId)}::uuid[],
                           ${col((r) => r.flag.debtKey)}::text[], ${col((r) => r.flag.portfolio)}::text[], ${col((r) => r.flag.rule)}::text[],
                           ${col((r) => r.flag.check)}::text[], ${col((r) => r.flag.citation)}::text[], ${col((r) => r.flag.severity)}::text[],
                           ${col((r) => r.flag.message)}::text[], ${col((r) => JSON.stringify(r.flag.evidence))}::jsonb[],
                           ${col((r) => r.flag.rulesVersion)}::text[], ${col((r) => r.placedAt)}::timestamptz[])
      ON CONFLICT (flag_key) DO UPDATE SET
        account_id = EXCLUDED.account_id, portfolio = EXCLUDED.portfolio, citation = EXCLUDED.citation, severity = EXCLUDED.severity,
        message = EXCLUDED.message, evidence = EXCLUDED.evidence, rules_version = EXCLUDED.rules_version, placed_at = EXCLUDED.placed_at
      WHERE (compliance_flags.account_id, compliance_flags.portfolio, compliance_flags.citation, compliance_flags.severity,
             compliance_flags.message, compliance_flags.evidence, compliance_flags.rules_version, compliance_flags.placed_at)
        IS DISTINCT FROM (EXCLUDED.account_id, EXCLUDED.portfolio, EXCLUDED.citation, EXCLUDED.severity,
             EXCLUDED.message, EXCLUDED.evidence, EXCLUDED.rules_version, EXCLUDED.placed_at)`;
  }
  await tx.$executeRaw`DELETE FROM compliance_next_calls WHERE account_id = ANY(${ids}::uuid[])`;
  if (nextRows.length) {
    const n = <T>(f: (r: (typeof nextRows)[number]) => T) => nextRows.map(f);
    await tx.$executeRaw`
      INSERT INTO compliance_next_calls (account_id, debt_key, portfolio, next_at, reason, rule, citation, evaluated_at)
      SELECT a, k, p, t, r, ru, c, ${now} FROM unnest(${n((r) => r.accountId)}::uuid[], ${n((r) => r.debtKey)}::text[], ${n((r) => r.portfolio)}::text[],
                           ${n((r) => r.result.at)}::timestamptz[], ${n((r) => r.result.binding?.message ?? null)}::text[],
                           ${n((r) => r.result.binding?.rule ?? null)}::text[], ${n((r) => r.result.binding?.citation ?? null)}::text[])
        AS u(a, k, p, t, r, ru, c)`;
  }
  await tx.$executeRaw`
    UPDATE crm_accounts a SET next_call_at = u.at, next_call_reason = u.reason
      FROM unnest(${accountRows.map((r) => r.id)}::uuid[], ${accountRows.map((r) => r.at)}::timestamptz[], ${accountRows.map((r) => r.reason)}::text[])
        AS u(id, at, reason)
     WHERE a.id = u.id AND (a.next_call_at, a.next_call_reason) IS DISTINCT FROM (u.at, u.reason)`;
  await tx.$executeRaw`
    INSERT INTO compliance_account_inputs (account_id, input, evaluated_at)
    SELECT id, input, ${now} FROM unnest(${snapshots.map((s) => s.id)}::uuid[], ${snapshots.map((s) => s.input)}::jsonb[]) AS u(id, input)
    ON CONFLICT (account_id) DO UPDATE SET input = EXCLUDED.input, evaluated_at = EXCLUDED.evaluated_at`;
}

export { RULES_VERSION };
