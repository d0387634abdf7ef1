"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { type FlagItem, flagLine, sendJson } from "./types";

/** Confirm / dismiss for managers: a dismissal needs a reason; the change is audited server-side. */
export function FlagReview({ flag }: { flag: FlagItem }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [action, setAction] = useState<"confirmed" | "dismissed">("dismissed");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonId = useId();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (action === "dismissed" && reason.trim().length < 3) {
      setError("Give the reason for dismissing the flag.");
      return;
    }
    setBusy(true);
    const failed = await sendJson(`/api/compliance/flags/${flag.id}`, "PATCH", { status: action, reason: reason.trim() || undefined });
    setBusy(false);
    if (failed) setError(failed);
    else {
      setOpen(false);
      setReason("");
      router.refresh();
    }
  }

  const start = (next: "confirmed" | "dismissed") => () => {
    setAction(next);
    setError(null);
  };

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <div className="flex shrink-0 gap-2">
        <DialogTrigger asChild>
          <Button size="sm" onClick={start("confirmed")} aria-label={`Confirm flag: ${flag.rule} ${flag.check}`}>
            Confirm
          </Button>
        </DialogTrigger>
        <DialogTrigger asChild>
          <Button size="sm" variant="danger" onClick={start("dismissed")} aria-label={`Dismiss flag: ${flag.rule} ${flag.check}`}>
            Dismiss
          </Button>
        </DialogTrigger>
      </div>
      <DialogContent>
        <DialogTitle className="pr-8 text-base font-semibold">
          {action === "dismissed" ? "Dismiss this flag" : "Confirm this flag"}
        </DialogTitle>
        <DialogDescription className="mt-1 text-sm text-slate-600">{flagLine(flag)}</DialogDescription>
        <form onSubmit={submit} className="mt-4 space-y-3">
          <label htmlFor={reasonId} className="block text-sm font-medium text-slate-700">
            Reason{action === "dismissed" ? " (required)" : " (optional)"}
          </label>
          <textarea
            id={reasonId}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={3}
            aria-required={action === "dismissed"}
            aria-invalid={error ? true : undefined}
            className="w-full rounded-md border border-slate-300 p-2 text-sm"
          />
          {error ? (
            <p role="alert" className="text-sm text-rose-700">
              {error}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button type="submit" variant={action === "dismissed" ? "danger" : "primary"} disabled={busy}>
              {action === "dismissed" ? "Dismiss flag" : "Confirm flag"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
