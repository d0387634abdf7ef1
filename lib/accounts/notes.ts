import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { requireRole, type Viewer } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { prisma } from "@/lib/db/client";
import { BadRequestError, ForbiddenError, NotFoundError } from "@/lib/http/errors";
import { isUuid } from "./ids";

/**
 * Notes on calls and on accounts. Anyone from agent up reads and writes
 * them; only the author edits or deletes their own. A delete is soft and an
 * edit keeps the earlier body as a revision, so admins can read the whole
 * history (`history: true`). Every change is audited.
 */

/** The table's CHECK (char_length, i.e. code points). */
export const NOTE_MAX_CHARS = 10_000;

export type NoteTarget = { kind: "account"; id: string } | { kind: "call"; id: string };

export interface NoteRevisionView {
  body: string;
  editedBy: string;
  editedByName: string;
  editedAt: Date;
}

export interface NoteView {
  id: string;
  target: NoteTarget;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
  edited: boolean;
  /** Set only in the admins' history view. */
  deletedAt: Date | null;
  /** The viewer wrote it (and may edit or delete it). */
  mine: boolean;
  /** Earlier bodies, oldest first: admins' history view only. */
  revisions: NoteRevisionView[] | null;
}

const bodySchema = z.object({ body: z.string({ error: "body must be a string" }) });

/** The body as stored, or a 400 naming the field: empty, or over the limit (nothing is stored). */
export function parseNoteBody(input: unknown): string {
  const parsed = bodySchema.safeParse(input);
  if (!parsed.success) {
    throw new BadRequestError("Send a JSON object with the note text in `body`.", {
      issues: [{ path: "body", message: "body must be a string" }],
    });
  }
  const body = parsed.data.body.replace(/\r\n?/g, "\n").trim();
  const chars = [...body].length;
  if (chars === 0) throw new BadRequestError("The note is empty.", { issues: [{ path: "body", message: "Write something first." }] });
  if (chars > NOTE_MAX_CHARS) {
    const message = `The note is ${chars.toLocaleString("en-US")} characters; the limit is ${NOTE_MAX_CHARS.toLocaleString("en-US")}.`;
    throw new BadRequestError(message, { issues: [{ path: "body", message }] });
  }
  return body;
}

async function assertTarget(target: NoteTarget): Promise<void> {
  const what = target.kind === "account" ? "account" : "call";
  if (!isUuid(target.id)) throw new BadRequestError(`"${target.id.slice(0, 64)}" is not a valid ${what} id.`);
  const exists =
    target.kind === "account"
      ? await prisma.crmAccount.findUnique({ where: { id: target.id }, select: { id: true } })
      : await prisma.call.findUnique({ where: { id: target.id }, select: { id: true } });
  if (!exists) throw new NotFoundError(`No ${what} with id "${target.id}".`);
}

/** Display names for user ids (API keys get their own wording). */
export async function namesOf(ids: readonly string[]): Promise<Map<string, string>> {
  const userIds = [...new Set(ids.filter((id) => !id.startsWith("api_key:")))];
  const users = userIds.length ? await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return new Map(ids.map((id) => [id, names.get(id) ?? (id.startsWith("api_key:") ? "API key" : "Former user")]));
}

type NoteRow = {
  id: string;
  accountId: string | null;
  callId: string | null;
  authorId: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  revisions?: { body: string; editedBy: string; editedAt: Date }[];
};

async function toViews(rows: NoteRow[], viewer: Viewer, history: boolean): Promise<NoteView[]> {
  const names = await namesOf(rows.flatMap((r) => [r.authorId, ...(r.revisions ?? []).map((x) => x.editedBy)]));
  return rows.map((r) => ({
    id: r.id,
    target: r.accountId ? { kind: "account", id: r.accountId } : { kind: "call", id: r.callId! },
    authorId: r.authorId,
    authorName: names.get(r.authorId) ?? "Former user",
    body: r.body,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    edited: r.updatedAt.getTime() > r.createdAt.getTime(),
    deletedAt: history ? r.deletedAt : null,
    mine: r.authorId === viewer.id,
    revisions: history ? (r.revisions ?? []).map((x) => ({ ...x, editedByName: names.get(x.editedBy) ?? "Former user" })) : null,
  }));
}

const targetWhere = (target: NoteTarget) => (target.kind === "account" ? { accountId: target.id } : { callId: target.id });

/** Newest first. `history` (admins only): deleted notes and every earlier body too. */
export async function listNotes(target: NoteTarget, options: { history?: boolean } = {}): Promise<NoteView[]> {
  const viewer = await requireRole("agent");
  if (options.history && !hasRole(viewer.role, "admin")) throw new ForbiddenError("Only admins see deleted notes and earlier versions.");
  await assertTarget(target);
  return listNotesFor(viewer, target, !!options.history);
}

/** Without the guard: for callers that already checked (the account detail). */
export async function listNotesFor(viewer: Viewer, target: NoteTarget, history: boolean): Promise<NoteView[]> {
  const rows = await prisma.crmNote.findMany({
    where: { ...targetWhere(target), ...(history ? {} : { deletedAt: null }) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
    include: history ? { revisions: { orderBy: { editedAt: "asc" }, select: { body: true, editedBy: true, editedAt: true } } } : undefined,
  });
  return toViews(rows, viewer, history);
}

export async function createNote(target: NoteTarget, input: unknown): Promise<NoteView> {
  const viewer = await requireRole("agent");
  const body = parseNoteBody(input);
  await assertTarget(target);
  const row = await prisma.crmNote.create({ data: { ...targetWhere(target), authorId: viewer.id, body } });
  await recordAudit({ actorId: viewer.id, action: "note.create", target: `note:${row.id}`, details: { [target.kind]: target.id } });
  return (await toViews([row], viewer, false))[0]!;
}

async function ownNote(viewer: Viewer, id: string) {
  if (!isUuid(id)) throw new BadRequestError(`"${id.slice(0, 64)}" is not a valid note id.`);
  const note = await prisma.crmNote.findUnique({ where: { id } });
  if (!note || note.deletedAt) throw new NotFoundError(`No note with id "${id}".`);
  if (note.authorId !== viewer.id) throw new ForbiddenError("Only the author can change or delete a note.");
  return note;
}

/** The author replaces the body; the earlier one is kept as a revision (same transaction). */
export async function editNote(id: string, input: unknown): Promise<NoteView> {
  const viewer = await requireRole("agent");
  const body = parseNoteBody(input);
  const note = await ownNote(viewer, id);
  if (note.body === body) return (await toViews([note], viewer, false))[0]!;
  const [, row] = await prisma.$transaction([
    prisma.crmNoteRevision.create({ data: { noteId: id, body: note.body, editedBy: viewer.id } }),
    prisma.crmNote.update({ where: { id }, data: { body, updatedAt: new Date() } }),
  ]);
  await recordAudit({ actorId: viewer.id, action: "note.update", target: `note:${id}` });
  return (await toViews([row], viewer, false))[0]!;
}

/** Soft delete by the author: gone for everyone but the admins' history. */
export async function deleteNote(id: string): Promise<void> {
  const viewer = await requireRole("agent");
  await ownNote(viewer, id);
  await prisma.crmNote.update({ where: { id }, data: { deletedAt: new Date() } });
  await recordAudit({ actorId: viewer.id, action: "note.delete", target: `note:${id}` });
}

/** The account a call belongs to (null while it is not linked yet): the call page links to it. */
export async function accountIdOfCall(callId: string): Promise<string | null> {
  await requireRole("agent");
  if (!isUuid(callId)) return null;
  const link = await prisma.crmCallLink.findUnique({ where: { callId }, select: { accountId: true } });
  return link?.accountId ?? null;
}
