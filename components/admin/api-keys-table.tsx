import { formatDistanceToNowStrict } from "date-fns";
import type { ActionState } from "@/lib/auth/admin/action-state";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { RevokeKeyButton } from "./revoke-key-button";

export interface ApiKeyTableRow {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

function ago(date: Date | null, never = "Never") {
  return date ? (
    <time dateTime={date.toISOString()} title={date.toISOString()}>
      {formatDistanceToNowStrict(date, { addSuffix: true })}
    </time>
  ) : (
    never
  );
}

export function ApiKeysTable({ keys, revoke }: { keys: ApiKeyTableRow[]; revoke: (state: ActionState, form: FormData) => Promise<ActionState> }) {
  if (keys.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-500">No API keys yet. Create one for each integration, so each can be revoked on its own.</p>;
  }
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">Key</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Role</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Created</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Last used</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Status</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.map((key) => (
            <tr key={key.id} className={key.revokedAt ? "text-slate-400" : undefined}>
              <td className="px-4 py-3">
                <div className="font-medium text-slate-900">{key.name}</div>
                <code className="font-mono text-xs text-slate-500">{key.prefix}…</code>
              </td>
              <td className="px-4 py-3">{ROLE_LABELS[key.role]}</td>
              <td className="px-4 py-3">
                {ago(key.createdAt)}
                {key.createdBy ? <div className="text-xs text-slate-500">by {key.createdBy}</div> : null}
              </td>
              <td className="px-4 py-3">{ago(key.lastUsedAt)}</td>
              <td className="px-4 py-3">{key.revokedAt ? <span>Revoked {ago(key.revokedAt)}</span> : <RevokeKeyButton id={key.id} name={key.name} action={revoke} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
