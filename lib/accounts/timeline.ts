/**
 * An account's history as one list, newest first: every call, promise made,
 * promise outcome, callback requested or closed, note and manual edit.
 * Pure (no database): lib/accounts/detail.ts builds it for the page and the API.
 */

export type TimelineKind = "call" | "promise" | "promise_status" | "callback" | "callback_closed" | "note" | "edit";

export interface TimelineEntry {
  id: string;
  at: Date;
  kind: TimelineKind;
  title: string;
  detail: string | null;
  /** The call to open (with `turn`, the transcript turn to jump to). */
  callId: string | null;
  turn: number | null;
  /** Who did it, for notes and edits. */
  actor: string | null;
}

interface Input {
  calls: { id: string; placedAt: Date; outcome: string | null; summary: string | null; numberTo: string; rightPartyContact: boolean }[];
  promises: {
    id: string;
    callId: string;
    kind: string;
    madeAt: Date;
    amountCents: number | null;
    dueDate: string | null;
    status: string;
    statusAt: Date | null;
    resolvedByCallId: string | null;
    installmentIndex: number | null;
    evidence: { turn: number } | null;
  }[];
  callbacks: {
    id: string;
    callId: string;
    requestedAt: Date;
    localDate: string;
    localTime: string;
    timeZone: string;
    status: string;
    closedAt: Date | null;
    closedByCallId: string | null;
    closedByName: string | null;
    evidence: { turn: number } | null;
  }[];
  events: { id: string; kind: string; payload: Record<string, unknown>; byName: string; at: Date }[];
  notes: { id: string; body: string; authorName: string; createdAt: Date; deletedAt: Date | null }[];
}

export function formatCents(cents: number | null, currency: string | null = "USD"): string {
  if (cents === null) return "no amount";
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency ?? "USD" }).format(cents / 100);
}

export const PROMISE_STATUS_LABELS: Record<string, string> = {
  pending: "Pending",
  kept: "Kept",
  kept_late: "Kept late",
  broken: "Broken",
  superseded: "Superseded",
  cancelled: "Cancelled",
};

export const EDIT_LABELS: Record<string, string> = {
  promise_due_date: "Corrected a promise's due date",
  promise_amount: "Corrected a promise's amount",
  promise_reviewed: "Marked a promise reviewed",
  promise_cancel: "Cancelled a promise",
  callback_assign: "Reassigned a callback",
  callback_close: "Closed a callback",
  account_assign: "Changed the account's owner",
};

function editDetail(kind: string, p: Record<string, unknown>): string | null {
  switch (kind) {
    case "promise_due_date":
      return `Due ${String(p.dueDate)}`;
    case "promise_amount":
      return typeof p.amountCents === "number" ? formatCents(p.amountCents) : null;
    case "callback_close":
      return p.status === "cancelled" ? "Cancelled" : "Done";
    case "callback_assign":
    case "account_assign":
      return p.assignee ? null : "Unassigned";
    default:
      return null;
  }
}

const clip = (text: string | null, n = 180) => (text && text.length > n ? `${text.slice(0, n - 1)}…` : text);

export function buildTimeline(input: Input): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const base = { detail: null, callId: null, turn: null, actor: null };
  for (const c of input.calls) {
    out.push({
      ...base,
      id: `call:${c.id}`,
      at: c.placedAt,
      kind: "call",
      title: `Call to ${c.numberTo}: ${c.outcome ?? "no outcome"}${c.rightPartyContact ? " · right-party contact" : ""}`,
      detail: clip(c.summary),
      callId: c.id,
    });
  }
  for (const p of input.promises) {
    const what =
      p.kind === "installment" ? `Installment ${(p.installmentIndex ?? 0) + 1}` : p.kind === "extension" ? "Extension" : "Promise";
    out.push({
      ...base,
      id: `promise:${p.id}`,
      at: p.madeAt,
      kind: "promise",
      title: `${what}: ${formatCents(p.amountCents)} due ${p.dueDate ?? "(no date said)"}`,
      callId: p.callId,
      turn: p.evidence?.turn ?? null,
    });
    if (p.statusAt && p.status !== "pending") {
      out.push({
        ...base,
        id: `promise_status:${p.id}`,
        at: p.statusAt,
        kind: "promise_status",
        title: `${what} ${(PROMISE_STATUS_LABELS[p.status] ?? p.status).toLowerCase()}: ${formatCents(p.amountCents)} due ${p.dueDate ?? "(no date)"}`,
        callId: p.resolvedByCallId,
      });
    }
  }
  for (const cb of input.callbacks) {
    out.push({
      ...base,
      id: `callback:${cb.id}`,
      at: cb.requestedAt,
      kind: "callback",
      title: `Callback requested for ${cb.localDate} ${cb.localTime} (${cb.timeZone})`,
      callId: cb.callId,
      turn: cb.evidence?.turn ?? null,
    });
    if (cb.closedAt && cb.status !== "open") {
      out.push({
        ...base,
        id: `callback_closed:${cb.id}`,
        at: cb.closedAt,
        kind: "callback_closed",
        title: cb.closedByCallId
          ? "Callback done: reached the contact"
          : `Callback ${cb.status === "cancelled" ? "cancelled" : "done"}${cb.closedByName ? ` by ${cb.closedByName}` : ""}`,
        callId: cb.closedByCallId,
      });
    }
  }
  for (const e of input.events) {
    out.push({
      ...base,
      id: `edit:${e.id}`,
      at: e.at,
      kind: "edit",
      title: EDIT_LABELS[e.kind] ?? e.kind,
      detail: editDetail(e.kind, e.payload),
      actor: e.byName,
    });
  }
  for (const n of input.notes) {
    out.push({
      ...base,
      id: `note:${n.id}`,
      at: n.createdAt,
      kind: "note",
      title: n.deletedAt ? "Note (deleted)" : "Note",
      detail: clip(n.body),
      actor: n.authorName,
    });
  }
  return out.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? -1 : 1));
}
