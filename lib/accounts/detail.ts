import "server-only";
import { cache } from "react";
import { requireRole, type Viewer } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { parseTranscript } from "@/lib/calls/transcript";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { BadRequestError } from "@/lib/http/errors";
import { isUuid } from "./ids";
import { listNotesFor, type NoteView, namesOf } from "./notes";
import { buildTimeline, type TimelineEntry } from "./timeline";

/**
 * One account for /accounts/[id] and GET /api/accounts/{id}: a handful of
 * indexed reads, all keyed by the account id (crm_* indexes on account_id),
 * plus primary-key reads of the few calls that carry promise evidence. The
 * account's calls are capped at the newest CALLS_SHOWN (the totals count them
 * all); the rest stays reachable from the calls list.
 */

export const CALLS_SHOWN = 200;

export interface AccountHeader {
  id: string;
  key: string;
  keySource: string;
  assigneeId: string | null;
  assigneeName: string | null;
  createdAt: Date;
  derivedAt: Date | null;
  calls: number;
  connected: number;
  conversations: number;
  rightPartyContacts: number;
  lastCallAt: Date | null;
  lastRightPartyAt: Date | null;
  nextCallAt: Date | null;
  nextCallReason: string | null;
  numbers: { number: string; status: string; since: Date; calls: number; lastCallAt: Date }[];
  debts: { id: string; key: string; portfolio: string | null; source: string }[];
  portfolios: string[];
}

export interface EditView {
  id: string;
  kind: string;
  by: string;
  byName: string;
  at: Date;
}

export interface EvidenceView {
  turn: number;
  start: number;
  end: number;
  text: string;
  /** The turn's text around the span (shortened), when the call's transcript is readable. */
  before: string | null;
  after: string | null;
  speaker: string | null;
}

export interface PromiseView {
  id: string;
  callId: string;
  kind: string;
  debtId: string | null;
  portfolio: string | null;
  madeAt: Date;
  amountCents: number | null;
  currency: string | null;
  dueDate: string | null;
  timeZone: string;
  confidence: string;
  source: string;
  status: string;
  statusAt: Date | null;
  breaksAt: Date | null;
  resolvedByCallId: string | null;
  needsReview: boolean;
  reviewReasons: string[];
  installmentIndex: number | null;
  /** Installments of one plan share it (the call that made the plan); null for single promises. */
  planId: string | null;
  evidence: EvidenceView | null;
  extracted: { dueDate: string | null; amountCents: number | null } | null;
  edits: EditView[];
}

export interface CallbackView {
  id: string;
  callId: string;
  requestedAt: Date;
  dueAt: Date;
  localDate: string;
  localTime: string;
  timeZone: string;
  defaulted: boolean;
  timeAssumed: boolean;
  status: string;
  closedAt: Date | null;
  closedByCallId: string | null;
  closedBy: string | null;
  closedByName: string | null;
  assignee: string | null;
  assigneeName: string | null;
  evidence: { turn: number; text: string } | null;
  edits: EditView[];
}

export interface AccountCallView {
  id: string;
  placedAt: Date;
  receivedAt: Date;
  numberTo: string;
  outcome: string | null;
  sentiment: string | null;
  duration: number | null;
  summary: string | null;
  connected: boolean;
  conversation: boolean;
  rightPartyContact: boolean;
}

export interface AccountEventView {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  by: string;
  byName: string;
  at: Date;
}

export interface AccountDetail {
  account: AccountHeader;
  promises: PromiseView[];
  callbacks: CallbackView[];
  calls: AccountCallView[];
  callsShown: number;
  events: AccountEventView[];
  notes: NoteView[];
  timeline: TimelineEntry[];
  viewer: { id: string; role: Viewer["role"] };
}

/** 400 for an id that cannot be an account (the page shows its 404 instead). */
export function assertAccountId(id: string): void {
  if (!isUuid(id)) throw new BadRequestError(`"${id.slice(0, 64)}" is not a valid account id.`);
}

const asObject = (v: Prisma.JsonValue | null | undefined): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function editsOf(detail: Record<string, unknown>, names: Map<string, string>): EditView[] {
  const list = Array.isArray(detail.edits) ? (detail.edits as Record<string, unknown>[]) : [];
  return list.map((e) => ({
    id: String(e.editId ?? ""),
    kind: String(e.kind ?? ""),
    by: String(e.by ?? ""),
    byName: names.get(String(e.by ?? "")) ?? String(e.by ?? ""),
    at: new Date(String(e.at)),
  }));
}

const CONTEXT = 160;

function evidenceView(
  p: { evidenceTurn: number | null; evidenceStart: number | null; evidenceEnd: number | null; evidenceText: string | null },
  transcript: string | null | undefined,
): EvidenceView | null {
  if (p.evidenceTurn === null || p.evidenceText === null) return null;
  const start = p.evidenceStart ?? 0;
  const end = p.evidenceEnd ?? start + p.evidenceText.length;
  const segment = transcript ? parseTranscript(transcript).segments[p.evidenceTurn] : undefined;
  const ok = segment && segment.text.slice(start, end) === p.evidenceText;
  const before = ok ? segment.text.slice(Math.max(0, start - CONTEXT), start) : null;
  const after = ok ? segment.text.slice(end, end + CONTEXT) : null;
  return {
    turn: p.evidenceTurn,
    start,
    end,
    text: p.evidenceText,
    before: before === null ? null : (start > CONTEXT ? "…" : "") + before,
    after: after === null ? null : after + (end + CONTEXT < (segment?.text.length ?? 0) ? "…" : ""),
    speaker: ok ? (segment.speaker ?? null) : null,
  };
}

const ACCOUNT_INCLUDE = {
  numbers: { orderBy: [{ status: "asc" }, { lastCallAt: "desc" }] },
  debts: { orderBy: { key: "asc" } },
} satisfies Prisma.CrmAccountInclude;

/**
 * The account's header alone (who, how to reach them, the totals, the next
 * permissible call): one primary-key read with the account's numbers and debts,
 * and the assignee's name. The page sends it before the rest of the account
 * (getAccountDetail reuses it within the same request). Null when no account
 * has this id; 400 for a malformed id.
 */
export const getAccountHeader = cache(async (id: string): Promise<AccountHeader | null> => {
  await requireRole("agent");
  assertAccountId(id);
  const account = await prisma.crmAccount.findUnique({ where: { id }, include: ACCOUNT_INCLUDE });
  if (!account) return null;
  const names = account.assigneeId ? await namesOf([account.assigneeId]) : new Map<string, string>();
  return {
    id: account.id,
    key: account.key,
    keySource: account.keySource,
    assigneeId: account.assigneeId,
    assigneeName: account.assigneeId ? (names.get(account.assigneeId) ?? null) : null,
    createdAt: account.createdAt,
    derivedAt: account.derivedAt,
    calls: account.calls,
    connected: account.connected,
    conversations: account.conversations,
    rightPartyContacts: account.rightPartyContacts,
    lastCallAt: account.lastCallAt,
    lastRightPartyAt: account.lastRightPartyAt,
    nextCallAt: account.nextCallAt,
    nextCallReason: account.nextCallReason,
    numbers: account.numbers.map((n) => ({ number: n.number, status: n.status, since: n.since, calls: n.calls, lastCallAt: n.lastCallAt })),
    debts: account.debts.map((d) => ({ id: d.id, key: d.key, portfolio: d.portfolio, source: d.source })),
    portfolios: [...new Set(account.debts.map((d) => d.portfolio).filter((p): p is string => !!p))].sort(),
  };
});

/** The whole account, or null when no account has this id. Throws 400 for a malformed id. */
export const getAccountDetail = cache(async (id: string): Promise<AccountDetail | null> => {
  const viewer = await requireRole("agent");
  assertAccountId(id);
  const header = await getAccountHeader(id);
  if (!header) return null;
  const isAdmin = hasRole(viewer.role, "admin");
  const [promises, callbacks, links, events, notes] = await Promise.all([
    prisma.crmPromise.findMany({ where: { accountId: id }, orderBy: [{ madeAt: "asc" }, { id: "asc" }] }),
    prisma.crmCallback.findMany({ where: { accountId: id }, orderBy: [{ dueAt: "desc" }] }),
    prisma.$queryRaw<
      {
        id: string;
        placed_at: Date;
        received_at: Date;
        number_to: string;
        outcome: string | null;
        sentiment: string | null;
        duration: number | null;
        summary: string | null;
        connected: boolean;
        conversation: boolean;
        right_party_contact: boolean;
      }[]
    >`
      SELECT c.id, l.placed_at, c.received_at, c.number_to, l.outcome, c.sentiment_output AS sentiment, c.duration, c.summary,
             l.connected, l.conversation, l.right_party_contact
        FROM crm_call_links l JOIN calls c ON c.id = l.call_id
       WHERE l.account_id = ${id}::uuid
       ORDER BY l.placed_at DESC
       LIMIT ${CALLS_SHOWN}`,
    prisma.crmAccountEvent.findMany({ where: { accountId: id }, orderBy: [{ at: "desc" }], take: 500 }),
    listNotesFor(viewer, { kind: "account", id }, isAdmin),
  ]);
  const evidenceCalls = [...new Set(promises.filter((p) => p.evidenceTurn !== null).map((p) => p.callId))];
  const transcripts = evidenceCalls.length
    ? await prisma.call.findMany({ where: { id: { in: evidenceCalls } }, select: { id: true, transcription: true } })
    : [];
  const transcriptOf = new Map(transcripts.map((t) => [t.id, t.transcription]));

  const people = new Set<string>();
  for (const e of events) people.add(e.by);
  for (const cb of callbacks) {
    if (cb.assignee) people.add(cb.assignee);
    if (cb.closedBy) people.add(cb.closedBy);
  }
  const details = new Map<string, Record<string, unknown>>();
  for (const p of promises) details.set(p.id, asObject(p.detail));
  for (const cb of callbacks) details.set(cb.id, asObject(cb.detail));
  for (const d of details.values()) for (const e of editsOf(d, new Map())) people.add(e.by);
  const names = await namesOf([...people]);
  const debtPortfolio = new Map(header.debts.map((d) => [d.id, d.portfolio]));

  const promiseViews: PromiseView[] = promises.map((p) => {
    const d = details.get(p.id)!;
    const extracted = asObject(d.extracted as Prisma.JsonValue);
    return {
      id: p.id,
      callId: p.callId,
      kind: p.kind,
      debtId: p.debtId,
      portfolio: (p.debtId ? debtPortfolio.get(p.debtId) : null) ?? (typeof d.portfolio === "string" ? d.portfolio : null),
      madeAt: p.madeAt,
      amountCents: p.amountCents,
      currency: p.currency,
      dueDate: isoDay(p.dueDate),
      timeZone: p.timeZone,
      confidence: p.confidence,
      source: p.source,
      status: p.status,
      statusAt: p.statusAt,
      breaksAt: p.breaksAt,
      resolvedByCallId: p.resolvedByCallId,
      needsReview: p.needsReview,
      reviewReasons: p.reviewReasons,
      installmentIndex: p.installmentIndex,
      planId: p.kind === "installment" ? p.callId : null,
      evidence: evidenceView(p, transcriptOf.get(p.callId)),
      extracted:
        "dueDate" in extracted || "amountCents" in extracted
          ? {
              dueDate: typeof extracted.dueDate === "string" ? extracted.dueDate : null,
              amountCents: typeof extracted.amountCents === "number" ? extracted.amountCents : null,
            }
          : null,
      edits: editsOf(d, names),
    };
  });

  const callbackViews: CallbackView[] = callbacks.map((cb) => {
    const d = details.get(cb.id)!;
    const ev = asObject(d.evidence as Prisma.JsonValue);
    return {
      id: cb.id,
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
      closedByName: cb.closedBy ? (names.get(cb.closedBy) ?? null) : null,
      assignee: cb.assignee,
      assigneeName: cb.assignee ? (names.get(cb.assignee) ?? null) : null,
      evidence: typeof ev.turn === "number" && typeof ev.text === "string" ? { turn: ev.turn, text: ev.text } : null,
      edits: editsOf(d, names),
    };
  });

  const calls: AccountCallView[] = links.map((c) => ({
    id: c.id,
    placedAt: c.placed_at,
    receivedAt: c.received_at,
    numberTo: c.number_to,
    outcome: c.outcome,
    sentiment: c.sentiment,
    duration: c.duration,
    summary: c.summary,
    connected: c.connected,
    conversation: c.conversation,
    rightPartyContact: c.right_party_contact,
  }));

  const eventViews: AccountEventView[] = events.map((e) => ({
    id: e.id,
    kind: e.kind,
    payload: asObject(e.payload),
    by: e.by,
    byName: names.get(e.by) ?? e.by,
    at: e.at,
  }));

  return {
    account: header,
    promises: promiseViews,
    callbacks: callbackViews,
    calls,
    callsShown: CALLS_SHOWN,
    events: eventViews,
    notes,
    timeline: buildTimeline({ calls, promises: promiseViews, callbacks: callbackViews, events: eventViews, notes }),
    viewer: { id: viewer.id, role: viewer.role },
  };
});

/** For the page's layout: an unknown or malformed id answers a real 404 before anything streams. */
export async function accountExists(id: string): Promise<boolean> {
  await requireRole("agent");
  if (!isUuid(id)) return false;
  return !!(await prisma.crmAccount.findUnique({ where: { id }, select: { id: true } }));
}
