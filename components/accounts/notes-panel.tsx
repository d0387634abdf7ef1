"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/time";
import { sendJson } from "./send-json";
import type { NoteData } from "./types";

export const NOTE_LIMIT = 10_000;

/**
 * Notes on an account or a call: add, and the author edits or deletes their
 * own. Admins can show the history (deleted notes, earlier versions). It
 * loads its own notes through the API, so the call page mounts it with one
 * line; the account page passes the first list in.
 */
export function NotesPanel({
  target,
  initial,
  isAdmin = false,
}: {
  target: { kind: "account" | "call"; id: string };
  initial?: NoteData[];
  isAdmin?: boolean;
}) {
  const base = target.kind === "account" ? `/api/accounts/${target.id}/notes` : `/api/calls/${target.id}/notes`;
  const [notes, setNotes] = useState<NoteData[] | null>(initial ?? null);
  const [accountId, setAccountId] = useState<string | null>(null);
  const [history, setHistory] = useState(false);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (withHistory: boolean) => {
      const result = await sendJson(`${base}${withHistory ? "?history=1" : ""}`, "GET");
      if (!result.ok) return setError(result.message);
      const data = result.data as { items: NoteData[]; accountId?: string | null };
      setNotes(data.items);
      if (data.accountId !== undefined) setAccountId(data.accountId);
    },
    [base],
  );
  useEffect(() => {
    if (!initial || history) void load(history);
  }, [initial, history, load]);

  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await sendJson(base, "POST", { body: draft });
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setDraft("");
    await load(history);
  };

  const chars = [...draft].length;
  return (
    <section
      aria-labelledby={`notes-${target.id}`}
      className="rounded-lg border border-slate-200 bg-white shadow-sm"
      data-testid="notes-panel"
    >
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-2.5">
        <h2 id={`notes-${target.id}`} className="text-sm font-semibold text-slate-900">
          Notes
        </h2>
        <div className="flex items-center gap-2">
          {accountId && (
            <Link href={`/accounts/${accountId}`} className="text-xs font-medium text-indigo-700 hover:underline">
              Open the account
            </Link>
          )}
          {isAdmin && (
            <Button size="sm" variant={history ? "active" : "secondary"} aria-pressed={history} onClick={() => setHistory((h) => !h)}>
              History
            </Button>
          )}
        </div>
      </div>
      <form onSubmit={add} className="space-y-2 border-b border-slate-100 px-4 py-3">
        <label htmlFor={`note-new-${target.id}`} className="text-xs font-medium text-slate-700">
          Add a note
        </label>
        <textarea
          id={`note-new-${target.id}`}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          rows={3}
          className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm text-slate-900"
          placeholder="What happened, what to do next…"
        />
        <div className="flex items-center justify-between gap-2">
          <span className={`text-xs ${chars > NOTE_LIMIT ? "font-medium text-rose-700" : "text-slate-600"}`}>
            {chars.toLocaleString("en-US")} / {NOTE_LIMIT.toLocaleString("en-US")}
          </span>
          <Button type="submit" variant="primary" disabled={busy || draft.trim() === ""}>
            Add note
          </Button>
        </div>
        {error && (
          <p role="alert" className="text-sm text-rose-700">
            {error}
          </p>
        )}
      </form>
      {notes === null ? (
        <p className="px-4 py-4 text-sm text-slate-600">Loading notes…</p>
      ) : notes.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600">No notes yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {notes.map((n) => (
            <NoteItem key={n.id} note={n} onChanged={() => load(history)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function NoteItem({ note, onChanged }: { note: NoteData; onChanged: () => Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.body);
  const [error, setError] = useState<string | null>(null);
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const result = await sendJson(`/api/notes/${note.id}`, "PATCH", { body: text });
    if (!result.ok) return setError(result.message);
    setEditing(false);
    setError(null);
    await onChanged();
  };
  const remove = async () => {
    if (!window.confirm("Delete this note?")) return;
    const result = await sendJson(`/api/notes/${note.id}`, "DELETE");
    if (!result.ok) return setError(result.message);
    await onChanged();
  };
  return (
    <li className={`px-4 py-3 ${note.deletedAt ? "bg-rose-50/50" : ""}`} data-testid="note">
      <p className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-600">
        <span className="font-medium text-slate-800">{note.authorName}</span>
        <LocalTime iso={note.createdAt} />
        {note.edited && (
          <span>
            (edited <LocalTime iso={note.updatedAt} />)
          </span>
        )}
        {note.deletedAt && (
          <span className="font-medium text-rose-700">
            deleted <LocalTime iso={note.deletedAt} />
          </span>
        )}
      </p>
      {editing ? (
        <form onSubmit={save} className="mt-1.5 space-y-2">
          <label className="sr-only" htmlFor={`note-edit-${note.id}`}>
            Edit the note
          </label>
          <textarea
            id={`note-edit-${note.id}`}
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={3}
            className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
          />
          <div className="flex justify-end gap-2">
            <Button
              onClick={() => {
                setEditing(false);
                setText(note.body);
                setError(null);
              }}
            >
              Keep as is
            </Button>
            <Button type="submit" variant="primary">
              Save note
            </Button>
          </div>
        </form>
      ) : (
        <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-900" data-testid="note-body">
          {note.body}
        </p>
      )}
      {note.mine && !note.deletedAt && !editing && (
        <div className="mt-1.5 flex gap-1">
          <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
            Edit
          </Button>
          <Button size="sm" variant="ghost" className="text-rose-700" onClick={() => void remove()}>
            Delete
          </Button>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-1 text-sm text-rose-700">
          {error}
        </p>
      )}
      {note.revisions && note.revisions.length > 0 && (
        <details className="mt-1.5 text-xs text-slate-700">
          <summary className="cursor-pointer">Earlier versions ({note.revisions.length})</summary>
          <ol className="mt-1 space-y-1 border-l-2 border-slate-200 pl-2">
            {note.revisions.map((r) => (
              <li key={r.editedAt}>
                <span className="text-slate-600">
                  replaced by {r.editedByName}, <LocalTime iso={r.editedAt} />:
                </span>{" "}
                <span className="whitespace-pre-wrap">{r.body}</span>
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}
