import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { importCalls } from "@/lib/accounts/import";
import { rebuildAllAccounts } from "@/lib/accounts/rebuild";
import { drainAccountJobs } from "@/lib/accounts/test-worker";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import type { Viewer } from "@/lib/auth/viewer";
import { getPrisma } from "@/lib/db/client";
import { useTestDatabase } from "@/lib/testing/database";
import { buildPayload } from "@/lib/testing/payload-factory";
import { GET as getCallNotes, POST as postCallNote } from "../../calls/[id]/notes/route";
import { DELETE as deleteNoteRoute, PATCH as patchNote } from "../../notes/[id]/route";
import { POST as postEdit } from "./edits/route";
import { GET as getNotes, POST as postNote } from "./notes/route";
import { GET as getAccount } from "./route";

/**
 * The account page's API on a real PostgreSQL, with imported past calls and
 * the real graphile-worker queue: GET /api/accounts/{id}, notes on accounts
 * and calls (limit, ownership, admin history), manual edits (validation,
 * re-derivation through the queued job, survival of a rebuild).
 */
const db = useTestDatabase();

const person = (id: string, role: Viewer["role"]): Viewer => ({ id, email: `${id}@test`, name: `Name ${id}`, role, via: "session" });
const AGENT = person("u-agent", "agent");
const OTHER = person("u-other", "agent");
const MANAGER = person("u-manager", "manager");
const ADMIN = person("u-admin", "admin");

type Handler<C> = (request: Request, context: C) => Promise<Response>;
async function send<C>(viewer: Viewer | null, handler: Handler<C>, url: string, params: C, init: RequestInit = {}) {
  const response = await runAsTrustedViewer(viewer, () =>
    handler(new Request(`http://localhost${url}`, { ...init, headers: { "content-type": "application/json", ...init.headers } }), params),
  );
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : null };
}
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });

let seq = 0;
function line(account: string, receivedAt: string, fields: Record<string, unknown> = {}): string {
  seq += 1;
  const payload = buildPayload({
    providerCallId: `${account}-c${seq}`,
    numberTo: "+13125550100",
    duration: 60,
    callOutput: "NOT INTERESTED",
    transcription: "AI: Hello, is this Sam?\nUser: Yes, speaking.",
    metadata: { requestMetadata: { account_id: account, project_id: "proj_1" } },
    ...fields,
  });
  return JSON.stringify({ ...payload, receivedAt });
}

const drain = () => drainAccountJobs(db.url());

/** Until no derive job is left (a job still finishing when runOnce returns is waited for). */
async function drainAll() {
  for (let i = 0; i < 10 && (await queuedDeriveJobs()) > 0; i++) {
    await drain();
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(await queuedDeriveJobs()).toBe(0);
}

async function queuedDeriveJobs(): Promise<number> {
  const rows = await getPrisma().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'crm_derive_accounts'`;
  return rows[0]!.n;
}

let accountId = "";
let callId = "";
let promiseId = "";
let callbackId = "";

beforeAll(async () => {
  const prisma = getPrisma();
  for (const v of [AGENT, OTHER, MANAGER, ADMIN]) {
    await prisma.user.create({ data: { id: v.id, name: v.name, email: v.email, role: v.role } });
  }
  await prisma.user.create({ data: { id: "u-gone", name: "Gone", email: "gone@test", role: "agent", banned: true } });
  await importCalls(
    prisma,
    Readable.from([
      [
        line("ACC1", "2026-03-02T15:00:00Z", {
          callOutput: "PAYMENT PROMISE",
          transcription: "AI: Hi Sam, about your balance.\nUser: Okay.\nAI: So that's $150 on Friday the 6th?\nUser: Yes.",
        }),
        line("ACC1", "2026-03-09T15:00:00Z", {
          callOutput: "CALL BACK REQUESTED",
          transcription: "AI: Is now okay?\nUser: Call me tomorrow after six.",
        }),
      ].join("\n"),
    ]),
  );
  await drain();
  const account = await prisma.crmAccount.findUniqueOrThrow({ where: { key: "account_id:ACC1" } });
  accountId = account.id;
  const promise = await prisma.crmPromise.findFirstOrThrow({ where: { accountId } });
  promiseId = promise.id;
  callId = promise.callId;
  callbackId = (await prisma.crmCallback.findFirstOrThrow({ where: { accountId } })).id;
});

describe("GET /api/accounts/{id}", () => {
  it("answers the account with numbers, debts, promises (evidence in its turn), callbacks, notes and the timeline", async () => {
    const res = await send(AGENT, getAccount, `/api/accounts/${accountId}`, idParams(accountId));
    expect(res.status).toBe(200);
    const b = res.body!;
    expect(Object.keys(b).sort()).toEqual(
      ["account", "numbers", "debts", "promises", "callbacks", "calls", "callsShown", "events", "notes", "timeline"].sort(),
    );
    expect(b.account).toMatchObject({ id: accountId, key: "account_id:ACC1", calls: 2, rightPartyContacts: 2 });
    expect(b.numbers).toEqual([expect.objectContaining({ number: "+13125550100", status: "active" })]);
    expect(b.debts).toEqual([expect.objectContaining({ portfolio: "proj_1" })]);
    expect(b.promises).toEqual([
      expect.objectContaining({
        id: promiseId,
        status: "broken",
        amountCents: 15000,
        dueDate: "2026-03-06",
        evidence: expect.objectContaining({ turn: 2, text: expect.stringContaining("$150"), speaker: "agent" }),
      }),
    ]);
    expect(b.callbacks).toEqual([expect.objectContaining({ id: callbackId, status: "open", timeZone: expect.any(String) })]);
    const kinds = (b.timeline as { kind: string; at: string }[]).map((t) => t.kind);
    expect(kinds).toEqual(expect.arrayContaining(["call", "promise", "promise_status", "callback"]));
    const times = (b.timeline as { at: string }[]).map((t) => Date.parse(t.at));
    expect(times).toEqual([...times].sort((x, y) => y - x));
  });

  it("404 for an unknown id, 400 for a malformed one, 401 without a viewer", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await send(AGENT, getAccount, `/api/accounts/${unknown}`, idParams(unknown))).status).toBe(404);
    const bad = await send(AGENT, getAccount, "/api/accounts/nope", idParams("nope"));
    expect(bad.status).toBe(400);
    expect(bad.body!.message).toContain("not a valid account id");
    expect((await send(null, getAccount, `/api/accounts/${accountId}`, idParams(accountId))).status).toBe(401);
  });
});

describe("notes", () => {
  it("over 10,000 characters → 400 with a clear message, nothing stored; exactly 10,000 is fine", async () => {
    const before = await getPrisma().crmNote.count();
    const res = await send(
      AGENT,
      postNote,
      `/api/accounts/${accountId}/notes`,
      idParams(accountId),
      json("POST", { body: "x".repeat(10_001) }),
    );
    expect(res.status).toBe(400);
    expect(res.body!.message).toBe("The note is 10,001 characters; the limit is 10,000.");
    expect(res.body!.issues).toEqual([expect.objectContaining({ path: "body" })]);
    expect(await getPrisma().crmNote.count()).toBe(before);
    const empty = await send(AGENT, postNote, `/api/accounts/${accountId}/notes`, idParams(accountId), json("POST", { body: "  " }));
    expect(empty.status).toBe(400);
    const exact = await send(
      AGENT,
      postNote,
      `/api/accounts/${accountId}/notes`,
      idParams(accountId),
      json("POST", { body: "é".repeat(10_000) }),
    );
    expect(exact.status).toBe(201);
    await send(AGENT, deleteNoteRoute, `/api/notes/${exact.body!.id}`, idParams(exact.body!.id), { method: "DELETE" });
  });

  it("the author edits and deletes their own; another agent cannot; admins see revisions and deleted notes", async () => {
    const created = await send(
      AGENT,
      postNote,
      `/api/accounts/${accountId}/notes`,
      idParams(accountId),
      json("POST", { body: "Said she gets paid Friday." }),
    );
    expect(created.status).toBe(201);
    const noteId = created.body!.id as string;
    expect(created.body).toMatchObject({ authorId: AGENT.id, authorName: AGENT.name, mine: true, edited: false });

    const forbidden = await send(OTHER, patchNote, `/api/notes/${noteId}`, idParams(noteId), json("PATCH", { body: "hijack" }));
    expect(forbidden.status).toBe(403);
    expect((await send(OTHER, deleteNoteRoute, `/api/notes/${noteId}`, idParams(noteId), { method: "DELETE" })).status).toBe(403);
    // Admins read the history but do not rewrite other people's notes either.
    expect((await send(ADMIN, patchNote, `/api/notes/${noteId}`, idParams(noteId), json("PATCH", { body: "admin" }))).status).toBe(403);

    const edited = await send(
      AGENT,
      patchNote,
      `/api/notes/${noteId}`,
      idParams(noteId),
      json("PATCH", { body: "Said she gets paid Friday the 13th." }),
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ body: "Said she gets paid Friday the 13th.", edited: true });
    const tooLong = await send(AGENT, patchNote, `/api/notes/${noteId}`, idParams(noteId), json("PATCH", { body: "y".repeat(10_001) }));
    expect(tooLong.status).toBe(400);

    const listed = await send(OTHER, getNotes, `/api/accounts/${accountId}/notes`, idParams(accountId));
    expect(listed.body!.items).toEqual([
      expect.objectContaining({ id: noteId, body: "Said she gets paid Friday the 13th.", mine: false, revisions: null }),
    ]);

    expect((await send(AGENT, deleteNoteRoute, `/api/notes/${noteId}`, idParams(noteId), { method: "DELETE" })).status).toBe(204);
    expect((await send(OTHER, getNotes, `/api/accounts/${accountId}/notes`, idParams(accountId))).body!.items).toEqual([]);
    // Agents may not ask for the history; admins see the deleted note with its earlier text.
    expect((await send(AGENT, getNotes, `/api/accounts/${accountId}/notes?history=1`, idParams(accountId))).status).toBe(403);
    const history = await send(ADMIN, getNotes, `/api/accounts/${accountId}/notes?history=1`, idParams(accountId));
    const note = (history.body!.items as Record<string, any>[]).find((n) => n.id === noteId)!;
    expect(note.deletedAt).toEqual(expect.any(String));
    expect(note.revisions).toEqual([expect.objectContaining({ body: "Said she gets paid Friday.", editedBy: AGENT.id })]);
    // The admin's account detail carries the history too; an agent's does not.
    const adminView = await send(ADMIN, getAccount, `/api/accounts/${accountId}`, idParams(accountId));
    expect((adminView.body!.notes as { id: string }[]).map((n) => n.id)).toContain(noteId);
    const agentView = await send(AGENT, getAccount, `/api/accounts/${accountId}`, idParams(accountId));
    expect((agentView.body!.notes as { id: string }[]).map((n) => n.id)).not.toContain(noteId);

    const audit = await getPrisma().auditEvent.findMany({ where: { target: `note:${noteId}` }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["note.create", "note.update", "note.delete"]);
  });

  it("notes on a call: listed with the call's account; unknown call 404, malformed 400", async () => {
    const res = await send(
      AGENT,
      postCallNote,
      `/api/calls/${callId}/notes`,
      idParams(callId),
      json("POST", { body: "Promise made here." }),
    );
    expect(res.status).toBe(201);
    const list = await send(AGENT, getCallNotes, `/api/calls/${callId}/notes`, idParams(callId));
    expect(list.body).toMatchObject({ accountId, items: [expect.objectContaining({ body: "Promise made here." })] });
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await send(AGENT, getCallNotes, `/api/calls/${unknown}/notes`, idParams(unknown))).status).toBe(404);
    expect((await send(AGENT, postCallNote, "/api/calls/x/notes", idParams("x"), json("POST", { body: "hi" }))).status).toBe(400);
    const notJson = await send(AGENT, postCallNote, `/api/calls/${callId}/notes`, idParams(callId), { method: "POST", body: "{oops" });
    expect(notJson.status).toBe(400);
  });
});

describe("manual edits", () => {
  const edit = (viewer: Viewer, body: unknown, id = accountId) =>
    send(viewer, postEdit, `/api/accounts/${id}/edits`, idParams(id), json("POST", body));

  it("refuses bad edits with a 4xx naming the field and stores nothing", async () => {
    const events = await getPrisma().crmAccountEvent.count();
    const jobs = await queuedDeriveJobs();
    const cases: [unknown, number, string][] = [
      [{ kind: "promise_due_date", promiseId, dueDate: "2026-02-30" }, 422, "dueDate"],
      [{ kind: "promise_due_date", promiseId, dueDate: "next friday" }, 422, "dueDate"],
      [{ kind: "promise_amount", promiseId, amountCents: -100 }, 422, "amountCents"],
      [{ kind: "promise_amount", promiseId, amountCents: 12.5 }, 422, "amountCents"],
      [{ kind: "promise_cancel", promiseId: "nope:p0" }, 422, "promiseId"],
      [{ kind: "callback_close", callbackId: "nope:cb", status: "done" }, 422, "callbackId"],
      [{ kind: "callback_close", callbackId, status: "maybe" }, 422, "status"],
      [{ kind: "callback_assign", callbackId, assignee: "u-nobody" }, 422, "assignee"],
      [{ kind: "callback_assign", callbackId, assignee: "u-gone" }, 422, "assignee"],
      [{ kind: "rename" }, 422, "kind"],
    ];
    for (const [body, status, field] of cases) {
      const res = await edit(AGENT, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(
        (res.body!.issues as { path: string }[]).map((i) => i.path),
        JSON.stringify(body),
      ).toContain(field);
    }
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await edit(AGENT, { kind: "promise_reviewed", promiseId }, unknown)).status).toBe(404);
    expect((await edit(AGENT, { kind: "promise_reviewed", promiseId }, "bad-id")).status).toBe(400);
    // Assigning accounts is for managers and admins.
    expect((await edit(AGENT, { kind: "account_assign", assignee: AGENT.id })).status).toBe(403);
    expect(await getPrisma().crmAccountEvent.count()).toBe(events);
    expect(await queuedDeriveJobs()).toBe(jobs);
  });

  it("an edit is an event with a queued re-derivation; once the job ran the edit wins, with who and when; a manual due date survives a rebuild", async () => {
    const prisma = getPrisma();
    const res = await edit(AGENT, { kind: "promise_due_date", promiseId, dueDate: "2099-01-15" });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ kind: "promise_due_date", by: AGENT.id, payload: { promiseId, dueDate: "2099-01-15" } });
    // Stored and queued together; applied only once the worker ran.
    expect(await queuedDeriveJobs()).toBe(1);
    expect((await prisma.crmPromise.findUniqueOrThrow({ where: { id: promiseId } })).status).toBe("broken");
    expect((await edit(AGENT, { kind: "promise_amount", promiseId, amountCents: 12_000 })).status).toBe(202);
    expect((await edit(AGENT, { kind: "callback_assign", callbackId, assignee: OTHER.id })).status).toBe(202);
    expect((await edit(MANAGER, { kind: "account_assign", assignee: OTHER.id })).status).toBe(202);
    await drainAll();

    const view = await send(AGENT, getAccount, `/api/accounts/${accountId}`, idParams(accountId));
    expect(view.body!.account).toMatchObject({ assigneeId: OTHER.id, assigneeName: OTHER.name });
    const promise = view.body!.promises[0];
    expect(promise).toMatchObject({
      status: "pending",
      dueDate: "2099-01-15",
      amountCents: 12_000,
      extracted: { dueDate: "2026-03-06", amountCents: 15_000 },
    });
    expect(promise.edits).toEqual([
      expect.objectContaining({ kind: "promise_due_date", by: AGENT.id, byName: AGENT.name, at: expect.any(String) }),
      expect.objectContaining({ kind: "promise_amount", by: AGENT.id }),
    ]);
    expect(view.body!.callbacks[0]).toMatchObject({ assignee: OTHER.id, assigneeName: OTHER.name });
    const editEntries = (view.body!.timeline as { kind: string; actor: string }[]).filter((t) => t.kind === "edit");
    expect(editEntries.map((t) => t.actor).sort()).toEqual([AGENT.name, AGENT.name, AGENT.name, MANAGER.name].sort());

    await rebuildAllAccounts(prisma, { callBatch: 2, accountBatch: 2 });
    const rebuilt = await prisma.crmPromise.findUniqueOrThrow({ where: { id: promiseId } });
    expect([rebuilt.status, rebuilt.dueDate?.toISOString().slice(0, 10), rebuilt.amountCents]).toEqual(["pending", "2099-01-15", 12_000]);
    expect((await prisma.crmAccount.findUniqueOrThrow({ where: { id: accountId } })).assigneeId).toBe(OTHER.id);
  });

  it("cancel a promise and close a callback by hand", async () => {
    expect((await edit(AGENT, { kind: "promise_cancel", promiseId })).status).toBe(202);
    expect((await edit(AGENT, { kind: "callback_close", callbackId, status: "cancelled" })).status).toBe(202);
    expect((await edit(MANAGER, { kind: "account_assign", assignee: null })).status).toBe(202);
    await drainAll();
    const view = await send(AGENT, getAccount, `/api/accounts/${accountId}`, idParams(accountId));
    expect(view.body!.promises[0]).toMatchObject({ status: "cancelled" });
    expect(view.body!.callbacks[0]).toMatchObject({ status: "cancelled", closedBy: AGENT.id, closedByName: AGENT.name });
    expect(view.body!.account.assigneeId).toBeNull();
    const audit = await getPrisma().auditEvent.count({ where: { action: "account.edit", target: `account:${accountId}` } });
    expect(audit).toBe(7);
  });
});
