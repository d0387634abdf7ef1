/**
 * An account's collections state, derived — never typed.
 *
 * The model. An *account* is one debtor (keys.ts); a *debt* is account ×
 * portfolio or an explicit `debt_id`. Everything below is a pure function of
 * the account's stored calls, the manual edits kept beside them, the
 * settings and `now`:
 *
 * - Calls are deduplicated by `providerCallId` and replayed in one canonical
 *   order (approximate placed time, then id), so arrival order, replays,
 *   duplicates and late deliveries cannot change the result.
 * - PAYMENT PROMISE / PAYMENT EXTENSION calls add promises (extract/); a plan
 *   adds one promise per installment. An extension first supersedes every
 *   promise still pending on that debt.
 * - PAYMENT COMPLETED keeps the earliest-due pending promise on the debt
 *   (kept_late when paid after its local due date). With nothing pending, it
 *   marks the earliest broken promise kept_late (first in, first out, as
 *   for plan installments): the money came, late, and no agent should chase
 *   it. Every payment is listed in `payments` with the promise it settled.
 * - A pending promise is broken once its local due date plus `graceDays` has
 *   fully passed in its zone, checked before every later call and at `now`.
 *   Promises without a due date never break; they wait in Needs review.
 * - CALL BACK REQUESTED opens a callback; any later right-party contact
 *   closes open callbacks as done.
 * - Numbers: WRONG NUMBER marks the *number* wrong (not the account: other
 *   numbers and the debt go on); a not-in-service ending marks it dead; a
 *   later right-party contact on it makes it active again.
 * - Manual edits are events with who and when, and win: corrected due dates
 *   and amounts replace the extracted values before promises mature; a
 *   cancel or callback close happens at its time in the timeline; the
 *   latest assignment of a callback wins. Edits naming nothing that exists
 *   are returned in `unappliedEdits`, never thrown.
 */

import { addDays, isValidIsoDate, isValidTimeZone, localDateOf, zonedToInstant } from "@/lib/time/zones";
import { type CallFacts, callFacts } from "./call-facts";
import { type CallExtraction, EXTRACTION_VERSION, type ExtractedCallback, type ExtractedPromise, extractCall } from "./extract";
import type { AccountCallInput, Evidence } from "./input";
import { DEFAULT_KEY_SETTINGS, type KeySettings } from "./keys";

export interface AccountSettings {
  keys: KeySettings;
  /** Days after the due date before a pending promise counts as broken. */
  graceDays: number;
  /** The contact's zone when the call does not say (IANA name). */
  defaultTimeZone: string;
  /** Installments per plan when its length was not said. */
  defaultInstallments: number;
}

export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = {
  keys: DEFAULT_KEY_SETTINGS,
  graceDays: 0,
  defaultTimeZone: "America/New_York",
  defaultInstallments: 6,
};

interface EditBase {
  id: string;
  at: Date;
  /** Who made the edit (user id or email). */
  by: string;
}

export type ManualEdit =
  | (EditBase & { kind: "promise_due_date"; promiseId: string; dueDate: string })
  | (EditBase & { kind: "promise_amount"; promiseId: string; amountCents: number })
  | (EditBase & { kind: "promise_reviewed"; promiseId: string })
  | (EditBase & { kind: "promise_cancel"; promiseId: string })
  | (EditBase & { kind: "callback_assign"; callbackId: string; assignee: string | null })
  | (EditBase & { kind: "callback_close"; callbackId: string; status: "done" | "cancelled" });

export interface AppliedEdit {
  editId: string;
  kind: ManualEdit["kind"];
  by: string;
  at: Date;
}

export type PromiseStatus = "pending" | "kept" | "kept_late" | "broken" | "superseded" | "cancelled";

/** A promise as extracted (terms, evidence, review reasons), with its place in the ledger; edits may have replaced the terms. */
export interface PromiseState extends ExtractedPromise {
  /** Stable across re-derivations of the same extraction version: `<providerCallId>:p<n>`. */
  id: string;
  callId: string;
  providerCallId: string;
  debtKey: string | null;
  portfolio: string | null;
  kind: "promise" | "extension" | "installment";
  madeAt: Date;
  /** Values as extracted, when an edit replaced them. */
  extracted: { dueDate: string | null; amountCents: number | null };
  /** Reasons remain and no person has edited or reviewed the promise. */
  needsReview: boolean;
  status: PromiseStatus;
  /** When the status was reached (null while pending). */
  statusAt: Date | null;
  /** The call that kept or superseded it. */
  resolvedByCallId: string | null;
  edits: AppliedEdit[];
}

export type CallbackStatus = "open" | "done" | "cancelled";

/** A callback as extracted (when, in which zone, on what evidence), with its status in the account. */
export interface CallbackState extends ExtractedCallback {
  /** `<providerCallId>:cb`. */
  id: string;
  callId: string;
  providerCallId: string;
  requestedAt: Date;
  status: CallbackStatus;
  closedAt: Date | null;
  /** The right-party contact that closed it, when closed by a call. */
  closedByCallId: string | null;
  /** Who closed it, when closed by hand. */
  closedBy: string | null;
  assignee: string | null;
  edits: AppliedEdit[];
}

export type NumberStatus = "active" | "wrong_number" | "not_in_service";

export interface NumberState {
  number: string;
  status: NumberStatus;
  /** When the status was last set by a call (the first call for "active"). */
  since: Date;
  statusCallId: string;
  calls: number;
  lastCallAt: Date;
}

export type CallSummary = Omit<CallFacts, "transcript">;

export interface PaymentClaimState {
  callId: string;
  providerCallId: string;
  evidence: Evidence;
  saidDate: string | null;
}

/** A PAYMENT COMPLETED call and the promise it settled (null when there was none to settle). */
export interface PaymentState {
  callId: string;
  providerCallId: string;
  debtKey: string | null;
  at: Date;
  promiseId: string | null;
}

export interface AccountState {
  extractionVersion: number;
  /** Distinct account keys of the calls given (normally exactly one). */
  accountKeys: string[];
  calls: CallSummary[];
  debts: { debtKey: string; portfolio: string | null }[];
  numbers: NumberState[];
  promises: PromiseState[];
  callbacks: CallbackState[];
  claims: PaymentClaimState[];
  payments: PaymentState[];
  unappliedEdits: { editId: string; reason: "unknown_promise" | "unknown_callback" | "invalid_date" | "invalid_amount" }[];
  totals: {
    calls: number;
    connected: number;
    conversations: number;
    rightPartyContacts: number;
    lastCallAt: Date | null;
    lastRightPartyContactAt: Date | null;
  };
}

// ---------------------------------------------------------------------------
// Canonical input

/** JSON with sorted keys: two deliveries of one call must compare equal whatever their key order. */
function stableStringify(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableStringify(record[k])}`)
    .join(",")}}`;
}

function time(value: Date | null | undefined): number {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.getTime() : Number.NEGATIVE_INFINITY;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One version per providerCallId: the one delivered last (the stored row
 * already follows that rule); among equals, the greatest canonical text, an
 * arbitrary but order-free tie-break.
 */
function dedupe(calls: readonly AccountCallInput[]): AccountCallInput[] {
  // The canonical text is computed only on a tie (rare: a replayed delivery), not for every call.
  const best = new Map<string, { call: AccountCallInput; text: string | null }>();
  for (const call of calls) {
    const current = best.get(call.providerCallId);
    if (!current || time(call.deliveredAt) > time(current.call.deliveredAt)) {
      best.set(call.providerCallId, { call, text: null });
    } else if (time(call.deliveredAt) === time(current.call.deliveredAt)) {
      current.text ??= stableStringify(current.call);
      const text = stableStringify(call);
      if (text > current.text) best.set(call.providerCallId, { call, text });
    }
  }
  return [...best.values()].map((v) => v.call);
}

function compareEdits(a: ManualEdit, b: ManualEdit): number {
  return time(a.at) - time(b.at) || compareStrings(a.id, b.id);
}

// ---------------------------------------------------------------------------
// Derivation

interface Working {
  promises: PromiseState[];
  callbacks: CallbackState[];
}

function brokenBoundary(promise: PromiseState, graceDays: number): number | null {
  if (!promise.dueDate) return null;
  const day = addDays(promise.dueDate, Math.max(0, Math.floor(graceDays)) + 1);
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return zonedToInstant(y, m, d, 0, 0, promise.timeZone).getTime();
}

/** Pending promises whose due day (+ grace) ended by `until` become broken, at that boundary. */
function matureUntil(work: Working, until: number, graceDays: number): void {
  for (const promise of work.promises) {
    if (promise.status !== "pending") continue;
    const boundary = brokenBoundary(promise, graceDays);
    if (boundary !== null && boundary <= until) {
      promise.status = "broken";
      promise.statusAt = new Date(boundary);
    }
  }
}

function byDueThenMade(a: PromiseState, b: PromiseState): number {
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return compareStrings(a.dueDate, b.dueDate);
  }
  return a.madeAt.getTime() - b.madeAt.getTime() || compareStrings(a.id, b.id);
}

function recordEdit(target: { edits: AppliedEdit[] }, edit: ManualEdit): void {
  target.edits.push({ editId: edit.id, kind: edit.kind, by: edit.by, at: edit.at });
}

function applyPromiseValueEdits(promise: PromiseState, edits: readonly ManualEdit[], unapplied: AccountState["unappliedEdits"]): void {
  let reviewed = false;
  for (const edit of edits) {
    if (edit.kind === "promise_due_date") {
      if (!isValidIsoDate(edit.dueDate)) {
        unapplied.push({ editId: edit.id, reason: "invalid_date" });
        continue;
      }
      promise.dueDate = edit.dueDate;
    } else if (edit.kind === "promise_amount") {
      if (!Number.isSafeInteger(edit.amountCents) || edit.amountCents < 0) {
        unapplied.push({ editId: edit.id, reason: "invalid_amount" });
        continue;
      }
      promise.amountCents = edit.amountCents;
    } else if (edit.kind !== "promise_reviewed") continue;
    reviewed = true;
    recordEdit(promise, edit);
  }
  promise.reviewReasons = promise.reviewReasons.filter(
    (r) => !(r === "no_date" && promise.dueDate !== null) && !(r === "no_amount" && promise.amountCents !== null),
  );
  // A person who corrected or reviewed the terms has done the review.
  promise.needsReview = promise.reviewReasons.length > 0 && !reviewed;
}

/**
 * Re-deriving an account re-reads every one of its calls; the transcript
 * extraction (chrono, compromise) is most of that cost and a pure function of
 * the call, so a long-lived caller (the worker) may memoise it. The caller
 * names each call's version (e.g. id + updated_at): a call without one is not
 * memoised. The cached value is never mutated here.
 */
export interface DeriveOptions {
  extractionCache?: { get(key: string): CallExtraction | undefined; set(key: string, value: CallExtraction): unknown };
  callVersionKey?: (callId: string) => string | undefined;
}

function applyCall(
  facts: CallFacts,
  work: Working,
  settings: AccountSettings,
  promiseEdits: Map<string, ManualEdit[]>,
  unapplied: AccountState["unappliedEdits"],
  claims: PaymentClaimState[],
  payments: PaymentState[],
  options: DeriveOptions,
): void {
  const at = facts.placedAt;
  const sameDebt = (p: PromiseState) => p.debtKey === facts.debtKey;

  if (facts.outcome === "PAYMENT EXTENSION") {
    for (const p of work.promises) {
      if (p.status === "pending" && sameDebt(p)) [p.status, p.statusAt, p.resolvedByCallId] = ["superseded", at, facts.callId];
    }
  }

  if (facts.outcome === "PAYMENT COMPLETED") {
    const pending = work.promises.filter((p) => p.status === "pending" && sameDebt(p)).sort(byDueThenMade)[0];
    const target = pending ?? work.promises.filter((p) => p.status === "broken" && sameDebt(p)).sort(byDueThenMade)[0];
    payments.push({
      callId: facts.callId,
      providerCallId: facts.providerCallId,
      debtKey: facts.debtKey,
      at,
      promiseId: target?.id ?? null,
    });
    if (target) {
      const paidOn = localDateOf(at, target.timeZone);
      target.status = target.dueDate !== null && paidOn > target.dueDate ? "kept_late" : "kept";
      target.statusAt = at;
      target.resolvedByCallId = facts.callId;
    }
  }

  if (facts.rightPartyContact) {
    for (const cb of work.callbacks) {
      if (cb.status === "open" && cb.requestedAt.getTime() < at.getTime()) {
        [cb.status, cb.closedAt, cb.closedByCallId] = ["done", at, facts.callId];
      }
    }
  }

  const clock = { instant: at, timeZone: facts.timeZone };
  const version = options.extractionCache ? options.callVersionKey?.(facts.callId) : undefined;
  const memoKey = version
    ? `${version}|${EXTRACTION_VERSION}|${at.getTime()}|${facts.timeZone}|${settings.defaultInstallments}`
    : undefined;
  let extraction = memoKey ? options.extractionCache!.get(memoKey) : undefined;
  if (!extraction) {
    extraction = extractCall(facts.outcome, facts.transcript, clock, { defaultInstallments: settings.defaultInstallments });
    if (memoKey) options.extractionCache!.set(memoKey, extraction);
  }
  for (const claim of extraction.claims) claims.push({ callId: facts.callId, providerCallId: facts.providerCallId, ...claim });
  extraction.promises.forEach((p, n) => {
    const id = `${facts.providerCallId}:p${n}`;
    const promise: PromiseState = {
      id,
      callId: facts.callId,
      providerCallId: facts.providerCallId,
      debtKey: facts.debtKey,
      portfolio: facts.portfolio,
      kind: p.installment ? "installment" : facts.outcome === "PAYMENT EXTENSION" ? "extension" : "promise",
      madeAt: at,
      amountCents: p.amountCents,
      currency: p.currency,
      dueDate: p.dueDate,
      timeZone: p.timeZone,
      confidence: p.confidence,
      source: p.source,
      evidence: p.evidence,
      agreement: p.agreement,
      acknowledgement: p.acknowledgement,
      installment: p.installment,
      extracted: { dueDate: p.dueDate, amountCents: p.amountCents },
      reviewReasons: [...p.reviewReasons],
      needsReview: p.needsReview,
      status: "pending",
      statusAt: null,
      resolvedByCallId: null,
      edits: [],
    };
    applyPromiseValueEdits(promise, promiseEdits.get(id) ?? [], unapplied);
    promiseEdits.delete(id);
    work.promises.push(promise);
  });

  if (extraction.callback) {
    const cb = extraction.callback;
    work.callbacks.push({
      id: `${facts.providerCallId}:cb`,
      callId: facts.callId,
      providerCallId: facts.providerCallId,
      requestedAt: at,
      ...cb,
      status: "open",
      closedAt: null,
      closedByCallId: null,
      closedBy: null,
      assignee: null,
      edits: [],
    });
  }
}

function updateNumber(numbers: Map<string, NumberState>, facts: CallFacts): void {
  if (!facts.number) return;
  const at = facts.placedAt;
  let state = numbers.get(facts.number);
  if (!state) {
    state = { number: facts.number, status: "active", since: at, statusCallId: facts.callId, calls: 0, lastCallAt: at };
    numbers.set(facts.number, state);
  }
  state.calls += 1;
  state.lastCallAt = at;
  let next: NumberStatus | null = null;
  if (facts.notInService) next = "not_in_service";
  else if (facts.outcome === "WRONG NUMBER") next = "wrong_number";
  else if (facts.rightPartyContact) next = "active";
  if (next && next !== state.status) [state.status, state.since, state.statusCallId] = [next, at, facts.callId];
}

/** Calls grouped by account key, for callers holding a mixed batch; calls with no usable key are under null. */
export function groupByAccount(
  calls: readonly AccountCallInput[],
  settings: AccountSettings = DEFAULT_ACCOUNT_SETTINGS,
): Map<string | null, AccountCallInput[]> {
  const groups = new Map<string | null, AccountCallInput[]>();
  for (const call of calls) {
    const key = callFacts(call, settings.keys, settings.defaultTimeZone).accountKey;
    const list = groups.get(key) ?? [];
    list.push(call);
    groups.set(key, list);
  }
  return groups;
}

export function deriveAccountState(
  calls: readonly AccountCallInput[],
  manualEdits: readonly ManualEdit[],
  settings: AccountSettings = DEFAULT_ACCOUNT_SETTINGS,
  now: Date = new Date(),
  options: DeriveOptions = {},
): AccountState {
  const zone = isValidTimeZone(settings.defaultTimeZone) ? settings.defaultTimeZone : "UTC";
  const facts = dedupe(calls)
    .map((call) => callFacts(call, settings.keys, zone))
    .sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime() || compareStrings(a.providerCallId, b.providerCallId));

  // Edits: by (at, id), duplicates by id collapsed (an edit replayed is one edit).
  const edits = [...new Map(manualEdits.map((e) => [e.id, e])).values()].sort(compareEdits);
  const promiseEdits = new Map<string, ManualEdit[]>();
  const timelineEdits: ManualEdit[] = [];
  const assignEdits: ManualEdit[] = [];
  for (const edit of edits) {
    if (edit.kind === "promise_due_date" || edit.kind === "promise_amount" || edit.kind === "promise_reviewed") {
      const list = promiseEdits.get(edit.promiseId) ?? [];
      list.push(edit);
      promiseEdits.set(edit.promiseId, list);
    } else if (edit.kind === "callback_assign") assignEdits.push(edit);
    else timelineEdits.push(edit);
  }

  const work: Working = { promises: [], callbacks: [] };
  const numbers = new Map<string, NumberState>();
  const unapplied: AccountState["unappliedEdits"] = [];
  const claims: PaymentClaimState[] = [];
  const payments: PaymentState[] = [];
  let waiting: ManualEdit[] = [];

  /** Status edits whose target exists are applied; others wait for a later call to create it. */
  const applyStatusEdits = (list: ManualEdit[]): ManualEdit[] => {
    const still: ManualEdit[] = [];
    for (const edit of list) {
      if (edit.kind === "promise_cancel") {
        const p = work.promises.find((x) => x.id === edit.promiseId);
        if (!p) {
          still.push(edit);
          continue;
        }
        [p.status, p.statusAt, p.resolvedByCallId] = ["cancelled", edit.at, null];
        recordEdit(p, edit);
      } else if (edit.kind === "callback_close") {
        const cb = work.callbacks.find((x) => x.id === edit.callbackId);
        if (!cb) {
          still.push(edit);
          continue;
        }
        [cb.status, cb.closedAt, cb.closedByCallId, cb.closedBy] = [edit.status, edit.at, null, edit.by];
        recordEdit(cb, edit);
      }
    }
    return still;
  };

  let e = 0;
  for (const f of facts) {
    while (e < timelineEdits.length && time(timelineEdits[e]!.at) < f.placedAt.getTime()) {
      matureUntil(work, time(timelineEdits[e]!.at), settings.graceDays);
      waiting = applyStatusEdits([...waiting, timelineEdits[e]!]);
      e++;
    }
    matureUntil(work, f.placedAt.getTime(), settings.graceDays);
    updateNumber(numbers, f);
    applyCall(f, work, settings, promiseEdits, unapplied, claims, payments, options);
    // An edit made before its target existed (clock skew between servers) applies once the target appears.
    waiting = applyStatusEdits(waiting);
  }
  for (; e < timelineEdits.length; e++) {
    matureUntil(work, time(timelineEdits[e]!.at), settings.graceDays);
    waiting = applyStatusEdits([...waiting, timelineEdits[e]!]);
  }
  matureUntil(work, now.getTime(), settings.graceDays);

  for (const edit of waiting)
    unapplied.push({ editId: edit.id, reason: edit.kind === "promise_cancel" ? "unknown_promise" : "unknown_callback" });
  for (const [, list] of promiseEdits) for (const edit of list) unapplied.push({ editId: edit.id, reason: "unknown_promise" });
  for (const edit of assignEdits) {
    if (edit.kind !== "callback_assign") continue;
    const cb = work.callbacks.find((x) => x.id === edit.callbackId);
    if (!cb) {
      unapplied.push({ editId: edit.id, reason: "unknown_callback" });
      continue;
    }
    cb.assignee = edit.assignee;
    recordEdit(cb, edit);
  }
  unapplied.sort((a, b) => compareStrings(a.editId, b.editId) || compareStrings(a.reason, b.reason));

  const debts = new Map<string, string | null>();
  for (const f of facts) if (f.debtKey) debts.set(f.debtKey, f.portfolio);
  const rpcs = facts.filter((f) => f.rightPartyContact);

  return {
    extractionVersion: EXTRACTION_VERSION,
    accountKeys: [...new Set(facts.map((f) => f.accountKey).filter((k): k is string => k !== null))].sort(compareStrings),
    calls: facts.map(({ transcript: _transcript, ...summary }) => summary),
    debts: [...debts].map(([debtKey, portfolio]) => ({ debtKey, portfolio })).sort((a, b) => compareStrings(a.debtKey, b.debtKey)),
    numbers: [...numbers.values()].sort((a, b) => compareStrings(a.number, b.number)),
    promises: work.promises,
    callbacks: work.callbacks,
    claims,
    payments,
    unappliedEdits: unapplied,
    totals: {
      calls: facts.length,
      connected: facts.filter((f) => f.connected).length,
      conversations: facts.filter((f) => f.conversation).length,
      rightPartyContacts: rpcs.length,
      lastCallAt: facts.at(-1)?.placedAt ?? null,
      lastRightPartyContactAt: rpcs.at(-1)?.placedAt ?? null,
    },
  };
}
