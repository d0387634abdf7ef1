"use client";

import { MoreHorizontal } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { Menu, MenuContent, MenuItem, MenuTrigger } from "@/components/ui/menu";
import { useAccountEdit } from "./use-edit";

type Mode = "date" | "amount" | null;

/** Correct a promise's due date or amount, mark it reviewed, or cancel it. */
export function PromiseActions({
  accountId,
  promise,
  label,
}: {
  accountId: string;
  promise: { id: string; dueDate: string | null; amountCents: number | null; status: string; needsReview: boolean };
  label: string;
}) {
  const { submit, error, saved, clear } = useAccountEdit(accountId);
  const [mode, setMode] = useState<Mode>(null);
  const [value, setValue] = useState("");
  const open = (m: Mode) => {
    clear();
    setValue(m === "date" ? (promise.dueDate ?? "") : promise.amountCents === null ? "" : (promise.amountCents / 100).toFixed(2));
    setMode(m);
  };
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (mode === "date") {
      if (await submit({ kind: "promise_due_date", promiseId: promise.id, dueDate: value }, "Due date saved")) setMode(null);
    } else if (mode === "amount") {
      const dollars = Number(value.replace(/[$,\s]/g, ""));
      const amountCents = Number.isFinite(dollars) && value.trim() !== "" ? Math.round(dollars * 100) : Number.NaN;
      if (await submit({ kind: "promise_amount", promiseId: promise.id, amountCents }, "Amount saved")) setMode(null);
    }
  };
  const canCancel = promise.status === "pending" || promise.status === "broken";
  return (
    <div className="flex flex-col items-end gap-1">
      <Menu>
        <MenuTrigger asChild>
          <Button variant="ghost" size="icon" aria-label={`Change ${label}`}>
            <MoreHorizontal aria-hidden className="size-4" />
          </Button>
        </MenuTrigger>
        <MenuContent>
          <MenuItem onSelect={() => open("date")}>Correct the due date…</MenuItem>
          <MenuItem onSelect={() => open("amount")}>Correct the amount…</MenuItem>
          {promise.needsReview && (
            <MenuItem onSelect={() => void submit({ kind: "promise_reviewed", promiseId: promise.id }, "Marked reviewed")}>
              Mark reviewed
            </MenuItem>
          )}
          {canCancel && (
            <MenuItem
              className="text-rose-700"
              onSelect={() => void submit({ kind: "promise_cancel", promiseId: promise.id }, "Promise cancelled")}
            >
              Cancel the promise
            </MenuItem>
          )}
        </MenuContent>
      </Menu>
      {saved && !mode && (
        <p role="status" className="max-w-56 text-right text-xs text-emerald-700">
          {saved}
        </p>
      )}
      {error && !mode && (
        <p role="alert" className="max-w-56 text-right text-xs text-rose-700">
          {error}
        </p>
      )}
      <Dialog open={mode !== null} onOpenChange={(o) => !o && setMode(null)}>
        <DialogContent>
          <DialogTitle>{mode === "date" ? "Correct the due date" : "Correct the amount"}</DialogTitle>
          <DialogDescription>
            {mode === "date" ? "The contact's local calendar day." : "In dollars, as the contact agreed."} Your name and the time are kept
            with the change.
          </DialogDescription>
          <form onSubmit={save} className="mt-4 space-y-3">
            <label htmlFor={`promise-${mode}-${promise.id}`} className="block text-sm font-medium text-slate-700">
              {mode === "date" ? "Due date" : "Amount (USD)"}
            </label>
            {mode === "date" ? (
              <input
                id={`promise-${mode}-${promise.id}`}
                type="date"
                required
                value={value}
                onChange={(e) => setValue(e.target.value)}
                className="mt-1 block h-9 w-full rounded-md border border-slate-300 px-2 text-sm"
              />
            ) : (
              <input
                id={`promise-${mode}-${promise.id}`}
                inputMode="decimal"
                required
                value={value}
                onChange={(e) => setValue(e.target.value)}
                className="mt-1 block h-9 w-full rounded-md border border-slate-300 px-2 text-sm"
              />
            )}
            {error && (
              <p role="alert" className="text-sm text-rose-700">
                {error}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <Button onClick={() => setMode(null)}>Keep as is</Button>
              <Button type="submit" variant="primary">
                Save
              </Button>
            </div>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
