import { formatDistanceToNowStrict } from "date-fns";
import clsx from "clsx";
import type { Role } from "@/lib/auth/roles";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { UserRowActions, type UserRowActionsProps } from "./user-row-actions";

export interface UsersTableUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  banned: boolean;
  banReason: string | null;
  createdAt: Date;
  lastSignInAt: Date | null;
  activeSessions: number;
  lockedUntil: Date | null;
}

type Actions = Pick<UserRowActionsProps, "setRole" | "resetPassword" | "setActive" | "unlock">;

export function UsersTable({ users, viewerId, actions }: { users: UsersTableUser[]; viewerId: string; actions: Actions }) {
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">User</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Role</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Status</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Last sign-in</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Manage</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.map((user) => (
            <tr key={user.id} className={clsx("align-top", user.banned && "bg-slate-50/70")}>
              <td className="px-4 py-3">
                <div className="font-medium text-slate-900">
                  {user.name}
                  {user.id === viewerId ? <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span> : null}
                </div>
                <div className="text-slate-500">{user.email}</div>
              </td>
              <td className="px-4 py-3">{ROLE_LABELS[user.role]}</td>
              <td className="px-4 py-3">
                {user.banned ? (
                  <span title={user.banReason ?? undefined} className="rounded-full bg-rose-50 px-2 py-0.5 text-xs font-medium text-rose-700 ring-1 ring-rose-200">
                    Deactivated
                  </span>
                ) : (
                  <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-200">Active</span>
                )}
                {user.lockedUntil ? (
                  <div className="mt-1 text-xs font-medium text-amber-700">
                    Sign-in locked until <time dateTime={user.lockedUntil.toISOString()}>{user.lockedUntil.toISOString().slice(11, 16)} UTC</time>
                  </div>
                ) : null}
                <div className="mt-1 text-xs text-slate-500">
                  {user.activeSessions} open session{user.activeSessions === 1 ? "" : "s"}
                </div>
              </td>
              <td className="px-4 py-3 text-slate-600">
                {user.lastSignInAt ? (
                  <time dateTime={user.lastSignInAt.toISOString()} title={user.lastSignInAt.toISOString()}>
                    {formatDistanceToNowStrict(user.lastSignInAt, { addSuffix: true })}
                  </time>
                ) : (
                  "Never"
                )}
              </td>
              <td className="px-4 py-3">
                <UserRowActions user={user} isSelf={user.id === viewerId} {...actions} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
