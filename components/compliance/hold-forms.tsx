"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { type HoldItem, sendJson } from "./types";

const MANUAL_KINDS = [
  { value: "written-cease", label: "Written cease-communication request (12 CFR 1006.6(c)(1))" },
  { value: "written-dispute", label: "Written dispute awaiting verification (12 CFR 1006.38(d)(2))" },
  { value: "attorney", label: "Represented by an attorney (12 CFR 1006.6(b)(2))" },
  { value: "bankruptcy", label: "Bankruptcy notice (11 U.S.C. 362(a)(6))" },
  { value: "stop-calling", label: "Asked not to be called (12 CFR 1006.14(h)(1))" },
] as const;

/** An agent records a hold; the note (the reason) is required, and calls stop at once. */
export function AddHoldForm({ accountId }: { accountId: string }) {
  const router = useRouter();
  const [kind, setKind] = useState<string>(MANUAL_KINDS[0].value);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kindId = useId();
  const noteId = useId();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (note.trim().length < 3) {
      setError("note: give the reason for the hold");
      return;
    }
    setBusy(true);
    const failed = await sendJson("/api/compliance/holds", "POST", { accountId, kind, note: note.trim() });
    setBusy(false);
    setError(failed);
    if (!failed) {
      setNote("");
      router.refresh();
    }
  }

  return (
    <form onSubmit={submit} className="space-y-2 rounded-md border border-slate-200 p-3" aria-label="Add a hold">
      <div className="space-y-1">
        <label htmlFor={kindId} className="block text-xs font-medium text-slate-700">
          Hold
        </label>
        <select
          id={kindId}
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          {MANUAL_KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor={noteId} className="block text-xs font-medium text-slate-700">
          Reason (required)
        </label>
        <input
          id={noteId}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          required
          className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
      </div>
      {error ? (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={busy}>
        Add hold
      </Button>
    </form>
  );
}

/** A manager clears a hold with a reason. */
export function ClearHoldButton({ accountId, hold }: { accountId: string; hold: HoldItem }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const reasonId = useId();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setError("reason: give the reason for the clearance");
      return;
    }
    const failed = await sendJson("/api/compliance/holds/clear", "POST", { accountId, holdId: hold.holdId, reason: reason.trim() });
    setError(failed);
    if (!failed) {
      setOpen(false);
      router.refresh();
    }
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" aria-label={`Clear hold: ${hold.label}`}>
          Clear
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle className="pr-8 text-base font-semibold">Clear this hold</DialogTitle>
        <DialogDescription className="mt-1 text-sm text-slate-600">
          {hold.label} ({hold.citation}). Calls may resume once it is cleared.
        </DialogDescription>
        <form onSubmit={submit} className="mt-4 space-y-3">
          <label htmlFor={reasonId} className="block text-sm font-medium text-slate-700">
            Reason (required)
          </label>
          <textarea
            id={reasonId}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={3}
            required
            className="w-full rounded-md border border-slate-300 p-2 text-sm"
          />
          {error ? (
            <p role="alert" className="text-sm text-rose-700">
              {error}
            </p>
          ) : null}
          <div className="flex justify-end">
            <Button type="submit" variant="primary">
              Clear hold
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
