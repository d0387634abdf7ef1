import { evaluateDerivedAccounts } from "@/lib/compliance/store";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import { addDays, isValidTimeZone, zonedToInstant } from "@/lib/time/zones";
import { type CallFacts, callFacts } from "./call-facts";
import { type AccountSettings, type AccountState, DEFAULT_ACCOUNT_SETTINGS, deriveAccountState, type ManualEdit } from "./derive";
import { type CallExtraction, EXTRACTION_VERSION } from "./extract";
import type { AccountCallInput } from "./input";

/**
 * The accounts' data access (Prisma only): link calls to accounts and debts,
 * then re-derive whole accounts and replace their derived rows, in ONE
 * transaction per batch. Idempotent: running it twice for the same calls
 * writes the same rows. Concurrent workers serialise per account on the
 * account rows (SELECT … FOR UPDATE, locked in id order so two batches never
 * wait on each other in a cycle); reads happen after the lock, so whichever
 * runs last sees every committed call.
 */

type Db = PrismaClient | Prisma.TransactionClient;

type LoadedCall = AccountCallInput & { updatedAt: Date };

/**
 * The calls' fields the core reads, plus each call's first delivery time. Raw
 * SQL rather than findMany + include: at rebuild scale Prisma's query
 * compilation of the model call was as costly as the extraction itself.
 */
async function loadCalls(db: Db, ids: readonly string[], withTranscripts = true): Promise<LoadedCall[]> {
  if (ids.length === 0) return [];
  return db.$queryRaw<LoadedCall[]>`
    SELECT c.id::text AS id, c.provider_call_id AS "providerCallId", c.number_to AS "numberTo", c.provider_status AS "providerStatus",
           c.delivery_status AS "deliveryStatus", c.duration, c.ended_reason AS "endedReason",
           -- A person's corrected outcome (call_verdicts, lib/review/verdicts.ts) wins over the AI's.
           coalesce((SELECT v.outcome FROM call_verdicts v WHERE v.call_id = c.id), c.call_output) AS "callOutput",
           CASE WHEN ${withTranscripts} THEN c.transcription END AS transcription, c.request_metadata AS "requestMetadata", c.delivered_at AS "deliveredAt", c.received_at AS "receivedAt",
           c.updated_at AS "updatedAt", (SELECT min(d.sent_at) FROM webhook_deliveries d WHERE d.call_id = c.id) AS "firstSentAt"
      FROM calls c
     WHERE c.id = ANY(${[...ids]}::uuid[])`;
}

/** The settings row as the pure core wants it. */
export async function loadAccountSettings(db: Db): Promise<AccountSettings> {
  const row = await db.crmSettings.findUnique({ where: { id: 1 } });
  if (!row) return DEFAULT_ACCOUNT_SETTINGS;
  return {
    keys: { ...DEFAULT_ACCOUNT_SETTINGS.keys, accountKeyFields: row.keyFields },
    graceDays: row.graceDays,
    defaultTimeZone: isValidTimeZone(row.defaultTimeZone) ? row.defaultTimeZone : DEFAULT_ACCOUNT_SETTINGS.defaultTimeZone,
    defaultInstallments: row.defaultInstallments,
  };
}

const EDIT_KINDS = [
  "promise_due_date",
  "promise_amount",
  "promise_reviewed",
  "promise_cancel",
  "callback_assign",
  "callback_close",
] as const;

/** Stored events → the core's ManualEdit (malformed payloads are dropped here; the API validates on write). */
function toManualEdit(row: { id: string; kind: string; payload: Prisma.JsonValue; by: string; at: Date }): ManualEdit | null {
  const p = (row.payload ?? {}) as Record<string, unknown>;
  const base = { id: row.id, at: row.at, by: row.by };
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  switch (row.kind) {
    case "promise_due_date":
      return str(p.promiseId) && str(p.dueDate)
        ? { ...base, kind: row.kind, promiseId: str(p.promiseId)!, dueDate: str(p.dueDate)! }
        : null;
    case "promise_amount":
      return str(p.promiseId) && typeof p.amountCents === "number"
        ? { ...base, kind: row.kind, promiseId: str(p.promiseId)!, amountCents: p.amountCents }
        : null;
    case "promise_reviewed":
    case "promise_cancel":
      return str(p.promiseId) ? { ...base, kind: row.kind, promiseId: str(p.promiseId)! } : null;
    case "callback_assign":
      return str(p.callbackId) ? { ...base, kind: row.kind, callbackId: str(p.callbackId)!, assignee: str(p.assignee) } : null;
    case "callback_close":
      return str(p.callbackId) && (p.status === "done" || p.status === "cancelled")
        ? { ...base, kind: row.kind, callbackId: str(p.callbackId)!, status: p.status }
        : null;
    default:
      return null;
  }
}

function breaksAt(dueDate: string | null, timeZone: string, graceDays: number): Date | null {
  if (!dueDate) return null;
  const day = addDays(dueDate, Math.max(0, Math.floor(graceDays)) + 1);
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return zonedToInstant(y, m, d, 0, 0, timeZone);
}

/**
 * Each call's extraction, memoised per call version (id + updated_at) across
 * jobs in this process: re-deriving an account with a long history then
 * parses only its new call. Bounded: cleared when full.
 */
const EXTRACTION_CACHE_MAX = 50_000;
const extractionMemo = new Map<string, CallExtraction>();
const EXTRACTION_CACHE = {
  get: (key: string) => extractionMemo.get(key),
  set: (key: string, value: CallExtraction) => {
    if (extractionMemo.size >= EXTRACTION_CACHE_MAX) extractionMemo.clear();
    extractionMemo.set(key, value);
  },
};

const asDate = (isoDate: string | null) => (isoDate ? new Date(`${isoDate}T00:00:00Z`) : null);
const json = (value: unknown) => JSON.parse(JSON.stringify(value ?? null)) as Prisma.InputJsonValue;

export interface LinkResult {
  calls: number;
  /** Calls with neither a usable metadata key nor a phone number: left without an account. */
  unkeyed: number;
  accounts: number;
}

export interface LinkOptions {
  settings?: AccountSettings;
  now?: Date;
  /** false: link only (crm:rebuild links everything first, then derives each account once). */
  derive?: boolean;
}

/**
 * The job: for these calls (just written or re-delivered), compute their
 * account and debt, link them, and re-derive every account touched (the new
 * one and, if a call moved, the old one).
 */
export async function linkAndDeriveCalls(prisma: PrismaClient, callIds: readonly string[], options: LinkOptions = {}): Promise<LinkResult> {
  const settings = options.settings ?? (await loadAccountSettings(prisma));
  const ids = [...new Set(callIds)].sort();
  return retryConflicts(() => linkOnce(prisma, ids, settings, options));
}

/**
 * Two batches creating and locking overlapping accounts can deadlock
 * (PostgreSQL aborts one): run the victim again at once rather than wait for
 * the queue's backoff.
 */
async function retryConflicts<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const text = `${(error as { code?: unknown })?.code ?? ""} ${error instanceof Error ? error.message : String(error)}`;
      if (attempt >= 4 || !/40P01|40001|deadlock detected|could not serialize/i.test(text)) throw error;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
    }
  }
}

function linkOnce(prisma: PrismaClient, ids: string[], settings: AccountSettings, options: LinkOptions): Promise<LinkResult> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET LOCAL statement_timeout = '60s'`;
      // Link-only (crm:rebuild's first pass) needs the keys, not the transcripts: reading 1–5 KB of
      // TOASTed text per call was most of that pass. Its links' conversation facts are then provisional
      // (no transcript, no contact turn) until the derive pass rewrites every link of every account.
      const calls = await loadCalls(tx, ids, options.derive !== false);
      const keyed = new Map<string, { source: string; portfolio: string | null; placedAt: number }>();
      const callKey = new Map<string, string>();
      const factsById = new Map<string, CallFacts>();
      for (const call of calls) {
        const facts = callFacts(call, settings.keys, settings.defaultTimeZone);
        factsById.set(call.id, facts);
        if (!facts.accountKey) continue;
        callKey.set(call.id, facts.accountKey);
        const seen = keyed.get(facts.accountKey);
        // A new account's portfolio (for round-robin) is its earliest call's.
        if (!seen || facts.placedAt.getTime() < seen.placedAt)
          keyed.set(facts.accountKey, {
            source: facts.accountKeySource?.kind ?? "number",
            portfolio: facts.portfolio,
            placedAt: facts.placedAt.getTime(),
          });
      }
      const keys = [...keyed.keys()].sort();
      if (keys.length) {
        const created = await tx.$queryRaw<{ id: string; key: string }[]>`
          INSERT INTO crm_accounts (key, key_source)
          SELECT * FROM unnest(${keys}::text[], ${keys.map((k) => keyed.get(k)!.source)}::text[])
          ORDER BY 1
          ON CONFLICT (key) DO NOTHING
          RETURNING id, key`;
        await assignRoundRobin(
          tx,
          created.map((a) => ({ id: a.id, portfolio: keyed.get(a.key)?.portfolio ?? null })),
        );
      }
      // The accounts these calls were linked to before (a re-delivery may have changed the key).
      const previous = await tx.crmCallLink.findMany({ where: { callId: { in: ids } }, select: { callId: true, accountId: true } });
      const locked = await tx.$queryRaw<{ id: string; key: string }[]>`
        SELECT id, key FROM crm_accounts
         WHERE key = ANY(${keys}::text[]) OR id = ANY(${previous.map((p) => p.accountId)}::uuid[])
         ORDER BY id FOR UPDATE`;
      const accountIdByKey = new Map(locked.map((a) => [a.key, a.id]));
      // Calls that lost their key: unlink.
      const unkeyed = ids.filter((id) => !callKey.has(id));
      if (unkeyed.length) await tx.crmCallLink.deleteMany({ where: { callId: { in: unkeyed } } });
      if (options.derive === false) {
        await writeLinksOnly(tx, calls, callKey, accountIdByKey, factsById);
      } else {
        const lockedIds = locked.map((a) => a.id);
        const numbers = [...new Set(calls.map((c) => c.numberTo).filter((n): n is string => !!n))].sort();
        // Transactions that touch the same number take turns (after their account locks, in number order: no cycle),
        // so of two new accounts sharing a number the later one sees the earlier one's calls and number row.
        if (numbers.length) {
          await tx.$queryRaw`SELECT count(pg_advisory_xact_lock(${NUMBER_LOCK_CLASS}::int, hashtext(n)))::int AS n FROM unnest(${numbers}::text[]) n`;
        }
        await deriveLocked(tx, lockedIds, settings, options.now ?? new Date(), { calls, callKey, accountIdByKey });
        await rederiveSharingAccounts(tx, numbers, lockedIds);
      }
      return { calls: calls.length, unkeyed: unkeyed.length, accounts: locked.length };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** pg_advisory_xact_lock's first key for "calls to this number" (the second is hashtext(number)). */
const NUMBER_LOCK_CLASS = 1006;

/**
 * Other accounts holding a number these calls went to count them too (the
 * compliance guard's frequency rule counts every call the number received:
 * lib/compliance/store.ts sharedNumberCalls), so their state is re-derived in
 * a job queued in this transaction. Only the delivery path queues: a
 * re-derivation queues nothing, so two accounts never bounce jobs.
 */
async function rederiveSharingAccounts(tx: Prisma.TransactionClient, numbers: string[], exclude: string[]) {
  if (!numbers.length) return;
  await tx.$executeRaw`
    SELECT graphile_worker.add_job('crm_derive_accounts', json_build_object('accountIds', ids))
      FROM (SELECT array_agg(DISTINCT account_id::text) AS ids FROM crm_account_numbers
             WHERE number = ANY(${numbers}::text[]) AND NOT (account_id = ANY(${exclude}::uuid[]))) s
     WHERE ids IS NOT NULL`;
}

/**
 * Round-robin ownership (crm_settings.round_robin): new accounts get an owner
 * in turn among the chosen agents (deactivated ones skipped), counted per
 * portfolio (crm_round_robin), so each portfolio's new debtors are spread
 * evenly. Off, or no agents chosen: new accounts stay unassigned. The
 * portfolio rows are locked in order, so concurrent batches take turns.
 */
export async function assignRoundRobin(tx: Prisma.TransactionClient, created: { id: string; portfolio: string | null }[]) {
  if (!created.length) return;
  const s = await tx.crmSettings.findUnique({ where: { id: 1 }, select: { roundRobin: true, roundRobinUserIds: true } });
  if (!s?.roundRobin || !s.roundRobinUserIds.length) return;
  const active = new Set(
    (await tx.user.findMany({ where: { id: { in: s.roundRobinUserIds }, banned: false }, select: { id: true } })).map((u) => u.id),
  );
  const agents = s.roundRobinUserIds.filter((id) => active.has(id));
  if (!agents.length) return;
  const byPortfolio = new Map<string, string[]>();
  for (const a of created) byPortfolio.set(a.portfolio ?? "", [...(byPortfolio.get(a.portfolio ?? "") ?? []), a.id]);
  const ids: string[] = [];
  const owners: string[] = [];
  for (const portfolio of [...byPortfolio.keys()].sort()) {
    const accounts = byPortfolio.get(portfolio)!.sort();
    const [row] = await tx.$queryRaw<{ assigned: number }[]>`
      INSERT INTO crm_round_robin (portfolio, assigned) VALUES (${portfolio}, ${accounts.length})
      ON CONFLICT (portfolio) DO UPDATE SET assigned = crm_round_robin.assigned + EXCLUDED.assigned, updated_at = now()
      RETURNING assigned`;
    const start = (row?.assigned ?? accounts.length) - accounts.length;
    accounts.forEach((id, i) => {
      ids.push(id);
      owners.push(agents[(start + i) % agents.length]!);
    });
  }
  await tx.$executeRaw`
    UPDATE crm_accounts a SET assignee_id = u.owner
      FROM unnest(${ids}::uuid[], ${owners}::text[]) AS u(id, owner)
     WHERE a.id = u.id AND a.assignee_id IS NULL`;
}

/** Re-derives whole accounts from their linked calls and edits (crm:rebuild, the maturing sweep, a manual edit). */
export async function deriveAccounts(
  prisma: PrismaClient,
  accountIds: readonly string[],
  options: { settings?: AccountSettings; now?: Date } = {},
) {
  const settings = options.settings ?? (await loadAccountSettings(prisma));
  return retryConflicts(() =>
    prisma.$transaction(
      async (tx) => {
        // A background batch, not a request: the client's 8 s request limit is too tight on a saturated machine.
        await tx.$executeRaw`SET LOCAL statement_timeout = '60s'`;
        const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM crm_accounts WHERE id = ANY(${[...new Set(accountIds)]}::uuid[]) ORDER BY id FOR UPDATE`;
        await deriveLocked(
          tx,
          locked.map((a) => a.id),
          settings,
          options.now ?? new Date(),
          null,
        );
        return locked.length;
      },
      { timeout: 120_000, maxWait: 30_000 },
    ),
  );
}

interface Incoming {
  calls: LoadedCall[];
  callKey: Map<string, string>;
  accountIdByKey: Map<string, string>;
}

async function writeLinksOnly(
  tx: Prisma.TransactionClient,
  calls: LoadedCall[],
  callKey: Map<string, string>,
  accountIdByKey: Map<string, string>,
  factsById: Map<string, CallFacts>,
) {
  const rows = calls.flatMap((call) => {
    const key = callKey.get(call.id);
    const accountId = key ? accountIdByKey.get(key) : undefined;
    if (!accountId) return [];
    const f = factsById.get(call.id)!;
    return [{ call, accountId, f }];
  });
  await upsertLinks(
    tx,
    rows.map(({ call, accountId, f }) => ({
      callId: call.id,
      accountId,
      debtId: null,
      callUpdatedAt: call.updatedAt,
      placedAt: f.placedAt,
      localDate: f.localDate,
      timeZone: f.timeZone,
      outcome: f.outcome,
      connected: f.connected,
      conversation: f.conversation,
      rightPartyContact: f.rightPartyContact,
    })),
  );
}

type LinkRow = {
  callId: string;
  accountId: string;
  debtId: string | null;
  callUpdatedAt: Date;
  placedAt: Date;
  localDate: string;
  timeZone: string;
  outcome: string | null;
  connected: boolean;
  conversation: boolean;
  rightPartyContact: boolean;
};

async function upsertLinks(tx: Prisma.TransactionClient, rows: LinkRow[]) {
  if (!rows.length) return;
  rows.sort((a, b) => (a.callId < b.callId ? -1 : 1));
  const col = <K extends keyof LinkRow>(k: K) => rows.map((r) => r[k]);
  await tx.$executeRaw`
    INSERT INTO crm_call_links (call_id, account_id, debt_id, call_updated_at, placed_at, local_date, time_zone, outcome, connected, conversation, right_party_contact)
    SELECT * FROM unnest(${col("callId")}::uuid[], ${col("accountId")}::uuid[], ${col("debtId")}::uuid[], ${col("callUpdatedAt")}::timestamptz[],
                         ${col("placedAt")}::timestamptz[], ${col("localDate")}::text[], ${col("timeZone")}::text[], ${col("outcome")}::text[],
                         ${col("connected")}::boolean[], ${col("conversation")}::boolean[], ${col("rightPartyContact")}::boolean[])
    ON CONFLICT (call_id) DO UPDATE SET
      account_id = EXCLUDED.account_id, debt_id = COALESCE(EXCLUDED.debt_id, crm_call_links.debt_id), call_updated_at = EXCLUDED.call_updated_at,
      placed_at = EXCLUDED.placed_at, local_date = EXCLUDED.local_date, time_zone = EXCLUDED.time_zone, outcome = EXCLUDED.outcome,
      connected = EXCLUDED.connected, conversation = EXCLUDED.conversation, right_party_contact = EXCLUDED.right_party_contact
    -- Re-deriving an account rewrites all its links; an unchanged one is left alone (no new row version, no index entries).
    WHERE (crm_call_links.account_id, crm_call_links.debt_id, crm_call_links.call_updated_at, crm_call_links.placed_at, crm_call_links.local_date,
           crm_call_links.time_zone, crm_call_links.outcome, crm_call_links.connected, crm_call_links.conversation, crm_call_links.right_party_contact)
          IS DISTINCT FROM
          (EXCLUDED.account_id, COALESCE(EXCLUDED.debt_id, crm_call_links.debt_id), EXCLUDED.call_updated_at, EXCLUDED.placed_at, EXCLUDED.local_date,
           EXCLUDED.time_zone, EXCLUDED.outcome, EXCLUDED.connected, EXCLUDED.conversation, EXCLUDED.right_party_contact)`;
}

/** With the accounts locked: gather each one's calls and edits, derive, and replace its derived rows. */
async function deriveLocked(
  tx: Prisma.TransactionClient,
  accountIds: string[],
  settings: AccountSettings,
  now: Date,
  incoming: Incoming | null,
) {
  if (!accountIds.length) return;
  const incomingIds = new Set(incoming?.calls.map((c) => c.id) ?? []);
  const links = await tx.crmCallLink.findMany({ where: { accountId: { in: accountIds } }, select: { callId: true, accountId: true } });
  const callsByAccount = new Map<string, LoadedCall[]>(accountIds.map((id) => [id, []]));
  const otherIds = links.filter((l) => !incomingIds.has(l.callId)).map((l) => l.callId);
  const others = await loadCalls(tx, otherIds);
  const accountOfLinked = new Map(links.map((l) => [l.callId, l.accountId]));
  for (const call of others) callsByAccount.get(accountOfLinked.get(call.id)!)?.push(call);
  for (const call of incoming?.calls ?? []) {
    const key = incoming!.callKey.get(call.id);
    const accountId = key ? incoming!.accountIdByKey.get(key) : undefined;
    if (accountId) callsByAccount.get(accountId)?.push(call);
  }
  const events = await tx.crmAccountEvent.findMany({
    where: { accountId: { in: accountIds }, kind: { in: [...EDIT_KINDS] } },
    select: { id: true, accountId: true, kind: true, payload: true, by: true, at: true },
  });
  const editsByAccount = new Map<string, ManualEdit[]>();
  for (const event of events) {
    const edit = toManualEdit(event);
    if (edit) editsByAccount.set(event.accountId, [...(editsByAccount.get(event.accountId) ?? []), edit]);
  }

  // The outcome is part of the version: a person's correction changes it without touching updated_at.
  const versions = new Map<string, string>();
  for (const list of callsByAccount.values())
    for (const c of list) versions.set(c.id, `${c.id}@${c.updatedAt.getTime()}:${c.callOutput ?? ""}`);
  const states = accountIds.map((id) => ({
    id,
    calls: callsByAccount.get(id)!,
    state: deriveAccountState(callsByAccount.get(id)!, editsByAccount.get(id) ?? [], settings, now, {
      extractionCache: EXTRACTION_CACHE,
      callVersionKey: (callId) => versions.get(callId),
    }),
  }));

  // Debts: upsert every debt named, then map keys to ids.
  const debts = states.flatMap(({ id, state }) => state.debts.map((d) => ({ accountId: id, ...d })));
  debts.sort((a, b) => (a.debtKey < b.debtKey ? -1 : 1));
  const debtIds = new Map<string, string>();
  if (debts.length) {
    const rows = await tx.$queryRaw<{ id: string; key: string }[]>`
      INSERT INTO crm_debts (account_id, key, portfolio, source)
      SELECT a, k, p, CASE WHEN k LIKE '%|debt:%' THEN 'debt_id' ELSE 'portfolio' END
        FROM unnest(${debts.map((d) => d.accountId)}::uuid[], ${debts.map((d) => d.debtKey)}::text[], ${debts.map((d) => d.portfolio)}::text[]) AS t(a, k, p)
      ON CONFLICT (key) DO UPDATE SET account_id = EXCLUDED.account_id, portfolio = EXCLUDED.portfolio
      RETURNING id, key`;
    for (const r of rows) debtIds.set(r.key, r.id);
  }
  await tx.crmDebt.deleteMany({ where: { accountId: { in: accountIds }, key: { notIn: debts.map((d) => d.debtKey) } } });

  // Replace-by-account.
  await tx.crmAccountNumber.deleteMany({ where: { accountId: { in: accountIds } } });
  await tx.crmPromise.deleteMany({ where: { accountId: { in: accountIds } } });
  await tx.crmCallback.deleteMany({ where: { accountId: { in: accountIds } } });

  const numbers: Prisma.CrmAccountNumberCreateManyInput[] = [];
  const promises: Prisma.CrmPromiseCreateManyInput[] = [];
  const callbacks: Prisma.CrmCallbackCreateManyInput[] = [];
  const linkRows: LinkRow[] = [];
  for (const { id, calls, state } of states) {
    const updatedAt = new Map(calls.map((c) => [c.id, c.updatedAt]));
    for (const n of state.numbers) {
      numbers.push({
        accountId: id,
        number: n.number,
        status: n.status,
        since: n.since,
        statusCallId: n.statusCallId,
        calls: n.calls,
        lastCallAt: n.lastCallAt,
      });
    }
    for (const p of state.promises) promises.push(promiseRow(id, p, debtIds, settings));
    for (const cb of state.callbacks) {
      callbacks.push({
        id: cb.id,
        accountId: id,
        callId: cb.callId,
        requestedAt: cb.requestedAt,
        dueAt: cb.dueAt,
        localDate: cb.localDate,
        localTime: cb.localTime,
        timeZone: cb.timeZone,
        defaulted: cb.defaulted,
        timeAssumed: cb.timeAssumed,
        status: cb.status,
        closedAt: cb.closedAt,
        closedByCallId: cb.closedByCallId,
        closedBy: cb.closedBy,
        assignee: cb.assignee,
        detail: json({ evidence: cb.evidence, edits: cb.edits }),
      });
    }
    for (const c of state.calls) {
      linkRows.push({
        callId: c.callId,
        accountId: id,
        debtId: c.debtKey ? (debtIds.get(c.debtKey) ?? null) : null,
        callUpdatedAt: updatedAt.get(c.callId) ?? new Date(0),
        placedAt: c.placedAt,
        localDate: c.localDate,
        timeZone: c.timeZone,
        outcome: c.outcome,
        connected: c.connected,
        conversation: c.conversation,
        rightPartyContact: c.rightPartyContact,
      });
    }
  }
  await insertNumbers(tx, numbers);
  await insertPromises(tx, promises);
  await insertCallbacks(tx, callbacks);
  await upsertLinks(tx, linkRows);

  const t = states.map(({ state }) => state.totals);
  const l = states.map(({ state }) => listColumns(state, settings));
  await tx.$executeRaw`
    UPDATE crm_accounts a SET
      derived_at = now(), extraction_version = ${EXTRACTION_VERSION}, calls = u.calls, connected = u.connected, conversations = u.conversations,
      right_party_contacts = u.rpc, last_call_at = u.last_call, last_right_party_at = u.last_rpc, derived = u.derived,
      portfolios = ARRAY(SELECT jsonb_array_elements_text(u.portfolios)), open_promise_id = u.op_id, open_promise_due = u.op_due,
      open_promise_amount_cents = u.op_amount, open_promise_currency = u.op_currency, open_promise_breaks_at = u.op_breaks,
      open_callback_due = u.cb_due, broken_promises = u.broken, wrong_numbers = u.wrong
    FROM unnest(${states.map((s) => s.id)}::uuid[], ${t.map((x) => x.calls)}::int[], ${t.map((x) => x.connected)}::int[],
                ${t.map((x) => x.conversations)}::int[], ${t.map((x) => x.rightPartyContacts)}::int[],
                ${t.map((x) => x.lastCallAt)}::timestamptz[], ${t.map((x) => x.lastRightPartyContactAt)}::timestamptz[],
                ${states.map(({ state }) => JSON.stringify(derivedExtras(state)))}::jsonb[],
                ${l.map((x) => JSON.stringify(x.portfolios))}::jsonb[], ${l.map((x) => x.openPromiseId)}::text[],
                ${l.map((x) => x.openPromiseDue)}::date[], ${l.map((x) => x.openPromiseAmountCents)}::int[],
                ${l.map((x) => x.openPromiseCurrency)}::text[], ${l.map((x) => x.openPromiseBreaksAt)}::timestamptz[],
                ${l.map((x) => x.openCallbackDue)}::timestamptz[], ${l.map((x) => x.brokenPromises)}::int[], ${l.map((x) => x.wrongNumbers)}::int[])
      AS u(id, calls, connected, conversations, rpc, last_call, last_rpc, derived, portfolios, op_id, op_due, op_amount, op_currency, op_breaks,
           cb_due, broken, wrong)
    WHERE a.id = u.id`;
  await evaluateDerivedAccounts(tx, states, now);
}

/**
 * The accounts list's columns on crm_accounts (migration 20261202010000_account_list), so /accounts reads one row per
 * account: its portfolios, the open promise (the earliest-due pending one; undated last), the earliest open callback,
 * and the counts its flag filters test.
 */
export function listColumns(state: AccountState, settings: AccountSettings) {
  const pending = state.promises
    .filter((p) => p.status === "pending")
    .sort((a, b) => (a.dueDate ?? "9999-12-31").localeCompare(b.dueDate ?? "9999-12-31") || a.madeAt.getTime() - b.madeAt.getTime());
  const open = pending[0] ?? null;
  const callback = state.callbacks.filter((c) => c.status === "open").sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0] ?? null;
  const portfolios = [...new Set(state.debts.map((d) => d.portfolio).filter((p): p is string => !!p))].sort();
  return {
    portfolios,
    openPromiseId: open?.id ?? null,
    openPromiseDue: open?.dueDate ?? null,
    openPromiseAmountCents: open?.amountCents ?? null,
    openPromiseCurrency: open?.currency ?? null,
    openPromiseBreaksAt: open ? breaksAt(open.dueDate, open.timeZone, settings.graceDays) : null,
    openCallbackDue: callback?.dueAt ?? null,
    brokenPromises: state.promises.filter((p) => p.status === "broken").length,
    wrongNumbers: state.numbers.filter((n) => n.status === "wrong_number").length,
  };
}

/*
 * The derived rows go in as one unnest INSERT per table (arrays of columns):
 * createMany made Prisma compile a statement per batch shape and bind every
 * field of every row as its own parameter, the largest single cost of a
 * rebuild after the extraction.
 */
async function insertNumbers(tx: Prisma.TransactionClient, rows: Prisma.CrmAccountNumberCreateManyInput[]) {
  if (!rows.length) return;
  const col = <K extends keyof Prisma.CrmAccountNumberCreateManyInput>(k: K) => rows.map((r) => r[k] ?? null);
  await tx.$executeRaw`
    INSERT INTO crm_account_numbers (account_id, number, status, since, status_call_id, calls, last_call_at)
    SELECT * FROM unnest(${col("accountId")}::uuid[], ${col("number")}::text[], ${col("status")}::text[], ${col("since")}::timestamptz[],
                         ${col("statusCallId")}::uuid[], ${col("calls")}::int[], ${col("lastCallAt")}::timestamptz[])`;
}

async function insertPromises(tx: Prisma.TransactionClient, rows: Prisma.CrmPromiseCreateManyInput[]) {
  if (!rows.length) return;
  const col = <K extends keyof Prisma.CrmPromiseCreateManyInput>(k: K) => rows.map((r) => r[k] ?? null);
  // text[][] cannot hold rows of different lengths: the review reasons travel as JSON arrays.
  const reasons = rows.map((r) => JSON.stringify(r.reviewReasons ?? []));
  const detail = rows.map((r) => JSON.stringify(r.detail ?? {}));
  await tx.$executeRaw`
    INSERT INTO crm_promises (id, account_id, debt_id, call_id, kind, made_at, amount_cents, currency, due_date, time_zone, confidence, source,
                              evidence_turn, evidence_start, evidence_end, evidence_text, status, status_at, breaks_at, resolved_by_call_id,
                              needs_review, review_reasons, installment_index, extraction_version, detail)
    SELECT u.id, u.account_id, u.debt_id, u.call_id, u.kind, u.made_at, u.amount_cents, u.currency, u.due_date, u.time_zone, u.confidence, u.source,
           u.evidence_turn, u.evidence_start, u.evidence_end, u.evidence_text, u.status, u.status_at, u.breaks_at, u.resolved_by_call_id,
           u.needs_review, ARRAY(SELECT jsonb_array_elements_text(u.review_reasons)), u.installment_index, u.extraction_version, u.detail
      FROM unnest(${col("id")}::text[], ${col("accountId")}::uuid[], ${col("debtId")}::uuid[], ${col("callId")}::uuid[], ${col("kind")}::text[],
                  ${col("madeAt")}::timestamptz[], ${col("amountCents")}::int[], ${col("currency")}::text[], ${col("dueDate")}::date[],
                  ${col("timeZone")}::text[], ${col("confidence")}::text[], ${col("source")}::text[], ${col("evidenceTurn")}::int[],
                  ${col("evidenceStart")}::int[], ${col("evidenceEnd")}::int[], ${col("evidenceText")}::text[], ${col("status")}::text[],
                  ${col("statusAt")}::timestamptz[], ${col("breaksAt")}::timestamptz[], ${col("resolvedByCallId")}::uuid[],
                  ${col("needsReview")}::boolean[], ${reasons}::jsonb[], ${col("installmentIndex")}::int[], ${col("extractionVersion")}::int[],
                  ${detail}::jsonb[])
        AS u(id, account_id, debt_id, call_id, kind, made_at, amount_cents, currency, due_date, time_zone, confidence, source, evidence_turn,
             evidence_start, evidence_end, evidence_text, status, status_at, breaks_at, resolved_by_call_id, needs_review, review_reasons,
             installment_index, extraction_version, detail)`;
}

async function insertCallbacks(tx: Prisma.TransactionClient, rows: Prisma.CrmCallbackCreateManyInput[]) {
  if (!rows.length) return;
  const col = <K extends keyof Prisma.CrmCallbackCreateManyInput>(k: K) => rows.map((r) => r[k] ?? null);
  const detail = rows.map((r) => JSON.stringify(r.detail ?? {}));
  await tx.$executeRaw`
    INSERT INTO crm_callbacks (id, account_id, call_id, requested_at, due_at, local_date, local_time, time_zone, defaulted, time_assumed, status,
                               closed_at, closed_by_call_id, closed_by, assignee, detail)
    SELECT * FROM unnest(${col("id")}::text[], ${col("accountId")}::uuid[], ${col("callId")}::uuid[], ${col("requestedAt")}::timestamptz[],
                         ${col("dueAt")}::timestamptz[], ${col("localDate")}::text[], ${col("localTime")}::text[], ${col("timeZone")}::text[],
                         ${col("defaulted")}::boolean[], ${col("timeAssumed")}::boolean[], ${col("status")}::text[], ${col("closedAt")}::timestamptz[],
                         ${col("closedByCallId")}::uuid[], ${col("closedBy")}::text[], ${col("assignee")}::text[], ${detail}::jsonb[])`;
}

function derivedExtras(state: AccountState) {
  return { payments: state.payments, claims: state.claims, unappliedEdits: state.unappliedEdits, accountKeys: state.accountKeys };
}

function promiseRow(
  accountId: string,
  p: AccountState["promises"][number],
  debtIds: Map<string, string>,
  settings: AccountSettings,
): Prisma.CrmPromiseCreateManyInput {
  return {
    id: p.id,
    accountId,
    debtId: p.debtKey ? (debtIds.get(p.debtKey) ?? null) : null,
    callId: p.callId,
    kind: p.kind,
    madeAt: p.madeAt,
    amountCents: p.amountCents,
    currency: p.currency,
    dueDate: asDate(p.dueDate),
    timeZone: p.timeZone,
    confidence: p.confidence,
    source: p.source,
    evidenceTurn: p.evidence?.turn ?? null,
    evidenceStart: p.evidence?.start ?? null,
    evidenceEnd: p.evidence?.end ?? null,
    evidenceText: p.evidence?.text ?? null,
    status: p.status,
    statusAt: p.statusAt,
    breaksAt: p.status === "pending" ? breaksAt(p.dueDate, p.timeZone, settings.graceDays) : null,
    resolvedByCallId: p.resolvedByCallId,
    needsReview: p.needsReview,
    reviewReasons: p.reviewReasons,
    installmentIndex: p.installment?.index ?? null,
    extractionVersion: EXTRACTION_VERSION,
    detail: json({
      agreement: p.agreement,
      acknowledgement: p.acknowledgement,
      installment: p.installment,
      extracted: p.extracted,
      edits: p.edits,
      portfolio: p.portfolio,
    }),
  };
}

/** Accounts holding a pending promise whose break instant has passed: the maturing sweep re-derives them. */
export async function accountsToMature(prisma: PrismaClient, now: Date = new Date(), limit = 1000): Promise<string[]> {
  const rows = await prisma.crmPromise.findMany({
    where: { status: "pending", breaksAt: { lte: now } },
    select: { accountId: true },
    distinct: ["accountId"],
    take: limit,
  });
  return rows.map((r) => r.accountId);
}
