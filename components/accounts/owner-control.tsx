"use client";

import { NativeSelect } from "@/components/ui/select";
import type { UserOption } from "./types";
import { useAccountEdit } from "./use-edit";

/** Who owns the account (managers and admins change it; agents see it). */
export function OwnerControl({
  accountId,
  assigneeId,
  assigneeName,
  users,
  canAssign,
}: {
  accountId: string;
  assigneeId: string | null;
  assigneeName: string | null;
  users: UserOption[];
  canAssign: boolean;
}) {
  const { submit, error, saved, pending } = useAccountEdit(accountId);
  if (!canAssign) return <span>{assigneeName ?? <span className="text-slate-600">Unassigned</span>}</span>;
  return (
    <span className="flex flex-col gap-1">
      <NativeSelect
        aria-label="Owner"
        value={assigneeId ?? ""}
        disabled={pending}
        onChange={(e) => void submit({ kind: "account_assign", assignee: e.target.value || null }, "Owner changed")}
        className="max-w-48"
      >
        <option value="">Unassigned</option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </NativeSelect>
      {saved && (
        <span role="status" className="text-xs text-emerald-700">
          {saved}
        </span>
      )}
      {error && (
        <span role="alert" className="text-xs text-rose-700">
          {error}
        </span>
      )}
    </span>
  );
}
