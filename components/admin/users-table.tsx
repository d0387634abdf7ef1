import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableFrame, TableHead, Td } from "@/components/ui/table";
import { AgoTime } from "@/components/ui/time";
import type { AdminUserRow } from "@/lib/auth/admin/users";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { UserRowActions, type UserRowActionsProps } from "./user-row-actions";

type Actions = Pick<UserRowActionsProps, "setRole" | "resetPassword" | "setActive" | "unlock">;

export function UsersTable({ users, viewerId, actions }: { users: AdminUserRow[]; viewerId: string; actions: Actions }) {
  return (
    <TableFrame label="Users">
      <Table>
        <TableHead columns={["User", "Role", "Status", "Last sign-in", "Manage"]} />
        <TableBody>
          {users.map((user) => (
            <tr key={user.id} className={cn("align-top", user.banned && "bg-slate-50/70")}>
              <Td>
                <div className="font-medium text-slate-900">
                  {user.name}
                  {user.id === viewerId ? <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span> : null}
                </div>
                <div className="text-slate-600">{user.email}</div>
              </Td>
              <Td>{ROLE_LABELS[user.role]}</Td>
              <Td>
                {user.banned ? (
                  <Badge tone="red" shape="pill" title={user.banReason ?? undefined}>
                    Deactivated
                  </Badge>
                ) : (
                  <Badge tone="green" shape="pill">
                    Active
                  </Badge>
                )}
                {user.lockedUntil ? (
                  <div className="mt-1 text-xs font-medium text-amber-700">
                    Sign-in locked until{" "}
                    <time dateTime={user.lockedUntil.toISOString()}>{user.lockedUntil.toISOString().slice(11, 16)} UTC</time>
                  </div>
                ) : null}
                <div className="mt-1 whitespace-nowrap text-xs text-slate-600">
                  {user.activeSessions} open session{user.activeSessions === 1 ? "" : "s"}
                </div>
              </Td>
              <Td className="whitespace-nowrap text-slate-600">
                <AgoTime date={user.lastSignInAt} />
              </Td>
              <Td>
                <UserRowActions user={user} isSelf={user.id === viewerId} {...actions} />
              </Td>
            </tr>
          ))}
        </TableBody>
      </Table>
    </TableFrame>
  );
}
