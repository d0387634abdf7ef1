"use server";

import { headers } from "next/headers";
import type { ActionState } from "@/lib/auth/admin/action-state";
import { runAdminAction } from "@/lib/auth/admin/run-action";
import { createUser, deactivateUser, reactivateUser, resetUserPassword, setUserRole, unlockUser } from "@/lib/auth/admin/users";

const field = (form: FormData, name: string) => String(form.get(name) ?? "");

export async function createUserAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAdminAction(
    async () => {
      const user = await createUser(
        { name: field(form, "name"), email: field(form, "email"), role: field(form, "role"), password: field(form, "password") },
        await headers(),
      );
      return { ok: true, message: `${user.email} can now sign in with the password you set.` };
    },
    "User created.",
    { revalidate: "/admin/users" },
  );
  return result;
}

export async function setRoleAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAdminAction(async () => setUserRole(field(form, "userId"), field(form, "role"), await headers()), "Role saved.", {
    revalidate: "/admin/users",
  });
  return result;
}

export async function resetPasswordAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAdminAction(
    async () => resetUserPassword(field(form, "userId"), field(form, "password"), await headers()),
    "Password reset. Their other sessions were signed out.",
    { revalidate: "/admin/users" },
  );
  return result;
}

export async function setActiveAction(_: ActionState, form: FormData): Promise<ActionState> {
  const userId = field(form, "userId");
  const activate = field(form, "active") === "true";
  const result = await runAdminAction(
    async () => (activate ? reactivateUser(userId, await headers()) : deactivateUser(userId, field(form, "reason"), await headers())),
    activate ? "Account reactivated." : "Account deactivated and signed out everywhere.",
    { revalidate: "/admin/users" },
  );
  return result;
}

export async function unlockAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAdminAction(
    async () => {
      const { failures } = await unlockUser(field(form, "userId"));
      return {
        ok: true,
        message:
          failures > 0
            ? `Sign-in unlocked (${failures} failed attempt${failures === 1 ? "" : "s"} cleared).`
            : "There was no lock-out to lift.",
      };
    },
    "Sign-in unlocked.",
    { revalidate: "/admin/users" },
  );
}
