import type { Metadata } from "next";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { UsersTable } from "@/components/admin/users-table";
import { listUsers } from "@/lib/auth/admin/users";
import { requireRole } from "@/lib/auth/guard";
import { createUserAction, resetPasswordAction, setActiveAction, setRoleAction, unlockAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const viewer = await requireRole("admin");
  const users = await listUsers();
  return (
    <div className="grid gap-6 xl:grid-cols-[1fr_360px]">
      <section aria-label="Users" className="min-w-0 space-y-3">
        <p className="text-sm text-slate-600">
          {users.length} user{users.length === 1 ? "" : "s"}. Role changes apply on the user&apos;s next request; deactivation signs them
          out at once.
        </p>
        <UsersTable
          users={users}
          viewerId={viewer.id}
          actions={{ setRole: setRoleAction, resetPassword: resetPasswordAction, setActive: setActiveAction, unlock: unlockAction }}
        />
      </section>
      <aside>
        <CreateUserForm action={createUserAction} />
      </aside>
    </div>
  );
}
