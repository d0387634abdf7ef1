"use client";

import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/select";
import type { UserOption } from "./types";
import { useAccountEdit } from "./use-edit";

/** Reassign an open callback, or close it as done or cancelled. */
export function CallbackActions({
  accountId,
  callbackId,
  assignee,
  users,
  open,
}: {
  accountId: string;
  callbackId: string;
  assignee: string | null;
  users: UserOption[];
  open: boolean;
}) {
  const { submit, error, saved, pending } = useAccountEdit(accountId);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={`cb-assignee-${callbackId}`} className="text-xs text-slate-600">
        Assignee
      </label>
      <NativeSelect
        id={`cb-assignee-${callbackId}`}
        value={assignee ?? ""}
        disabled={pending}
        onChange={(e) => void submit({ kind: "callback_assign", callbackId, assignee: e.target.value || null }, "Callback reassigned")}
      >
        <option value="">The account's owner</option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </NativeSelect>
      {open && (
        <>
          <Button size="sm" onClick={() => void submit({ kind: "callback_close", callbackId, status: "done" }, "Callback done")}>
            Mark done
          </Button>
          <Button
            size="sm"
            variant="danger"
            onClick={() => void submit({ kind: "callback_close", callbackId, status: "cancelled" }, "Callback cancelled")}
          >
            Cancel callback
          </Button>
        </>
      )}
      {saved && (
        <p role="status" className="w-full text-xs text-emerald-700">
          {saved}
        </p>
      )}
      {error && (
        <p role="alert" className="w-full text-xs text-rose-700">
          {error}
        </p>
      )}
    </div>
  );
}
