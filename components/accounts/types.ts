/**
 * What the account page's components receive (plain data; dates as ISO
 * strings). The page maps lib/accounts/detail.ts's AccountDetail onto these.
 */
export interface UserOption {
  id: string;
  name: string;
}

export interface EvidenceData {
  turn: number;
  text: string;
  before: string | null;
  after: string | null;
  speaker: string | null;
}

export interface EditData {
  kind: string;
  byName: string;
  at: string;
}

export interface PromiseData {
  id: string;
  callId: string;
  kind: string;
  portfolio: string | null;
  madeAt: string;
  amountCents: number | null;
  currency: string | null;
  dueDate: string | null;
  timeZone: string;
  confidence: string;
  status: string;
  statusAt: string | null;
  needsReview: boolean;
  reviewReasons: string[];
  installmentIndex: number | null;
  planId: string | null;
  evidence: EvidenceData | null;
  extracted: { dueDate: string | null; amountCents: number | null } | null;
  edits: EditData[];
}

export interface CallbackData {
  id: string;
  callId: string;
  requestedAt: string;
  dueAt: string;
  localDate: string;
  localTime: string;
  timeZone: string;
  defaulted: boolean;
  timeAssumed: boolean;
  status: string;
  closedAt: string | null;
  closedByCallId: string | null;
  closedByName: string | null;
  assignee: string | null;
  assigneeName: string | null;
  evidence: { turn: number; text: string } | null;
  edits: EditData[];
}

export interface TimelineData {
  id: string;
  at: string;
  kind: string;
  title: string;
  detail: string | null;
  callId: string | null;
  turn: number | null;
  actor: string | null;
}

export interface NoteData {
  id: string;
  authorName: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  edited: boolean;
  deletedAt: string | null;
  mine: boolean;
  revisions: { body: string; editedByName: string; editedAt: string }[] | null;
}

export const turnHref = (callId: string, turn: number | null) => `/calls/${callId}${turn === null ? "" : `#turn-${turn}`}`;
