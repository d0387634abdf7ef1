import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { BadRequestError, NotFoundError, ValidationError } from "@/lib/http/errors";
import { recordAudit } from "../audit";
import { getAuth, getAuthConfig } from "../auth";
import { requireAdminSession, requireRole } from "../guard";
import { isRole, ROLES, type Role } from "../roles";
import { accountLock, clearFailures } from "../sign-in-guard";
import { notifyViewerChanged } from "../user-changes";
import { viaBetterAuth } from "./better-auth-errors";

/**
 * User management for admins. Each command checks the admin role itself, then
 * goes through better-auth's admin endpoints (so its own permission checks,
 * password hashing and session revocation apply too), then writes the audit trail.
 */
export interface AdminUserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  banned: boolean;
  banReason: string | null;
  createdAt: Date;
  lastSignInAt: Date | null;
  activeSessions: number;
  /** Until when sign-in is refused after too many failed attempts; null when not locked. */
  lockedUntil: Date | null;
}

export async function listUsers(): Promise<AdminUserRow[]> {
  await requireRole("admin");
  const rows = await prisma.$queryRaw<
    {
      id: string;
      name: string;
      email: string;
      role: string;
      banned: boolean;
      ban_reason: string | null;
      created_at: Date;
      last_sign_in_at: Date | null;
      active_sessions: number;
    }[]
  >`
    SELECT u.id, u.name, u.email, u.role, u.banned, u.ban_reason, u.created_at,
           (SELECT max(a.created_at) FROM audit_events a WHERE a.actor_id = u.id AND a.action = 'sign_in') AS last_sign_in_at,
           (SELECT count(*)::int FROM sessions s WHERE s.user_id = u.id AND s.expires_at > now()) AS active_sessions
      FROM users u
     ORDER BY u.banned, u.name, u.email`;
  const config = getAuthConfig();
  const locks = await Promise.all(rows.map((r) => accountLock(r.email, config)));
  return rows.map((r, i) => ({
    lockedUntil: locks[i] ?? null,
    id: r.id,
    name: r.name,
    email: r.email,
    role: isRole(r.role) ? r.role : "agent",
    banned: r.banned,
    banReason: r.ban_reason,
    createdAt: r.created_at,
    lastSignInAt: r.last_sign_in_at,
    activeSessions: r.active_sessions,
  }));
}

const password = z.string().min(10, "Use at least 10 characters.").max(128, "Use at most 128 characters.");
const createUserInput = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(120),
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  role: z.enum(ROLES, { message: "Choose a role." }),
  password,
});

async function findUser(userId: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true, banned: true } });
  if (!user) throw new NotFoundError("That user no longer exists.");
  return user;
}

export async function createUser(input: unknown, headers: Headers): Promise<{ id: string; email: string }> {
  const viewer = await requireAdminSession();
  const parsed = createUserInput.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, "Check the highlighted fields.");
  const { user } = await viaBetterAuth(() =>
    getAuth().api.createUser({
      body: { name: parsed.data.name, email: parsed.data.email, password: parsed.data.password, role: parsed.data.role },
      headers,
    }),
  );
  await recordAudit({
    actorId: viewer.id,
    actorEmail: viewer.email,
    action: "user.create",
    target: `user:${user.id}`,
    details: { email: user.email, role: parsed.data.role },
  });
  return { id: user.id, email: user.email };
}

export async function setUserRole(userId: string, role: unknown, headers: Headers): Promise<void> {
  const viewer = await requireAdminSession();
  if (!isRole(role)) throw new BadRequestError("Choose agent, manager or admin.");
  const user = await findUser(userId);
  if (user.id === viewer.id && role !== "admin") {
    throw new BadRequestError("You cannot remove your own admin role. Ask another admin to do it.");
  }
  if (user.role === role) return;
  await viaBetterAuth(() => getAuth().api.setRole({ body: { userId, role }, headers }));
  await notifyViewerChanged(userId);
  await recordAudit({
    actorId: viewer.id,
    actorEmail: viewer.email,
    action: "user.update",
    target: `user:${userId}`,
    details: { email: user.email, role: { from: user.role, to: role } },
  });
}

export async function resetUserPassword(userId: string, newPassword: unknown, headers: Headers): Promise<void> {
  const viewer = await requireAdminSession();
  const parsed = password.safeParse(newPassword);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, parsed.error.issues[0]?.message ?? "Choose a longer password.");
  const user = await findUser(userId);
  await viaBetterAuth(() => getAuth().api.setUserPassword({ body: { userId, newPassword: parsed.data }, headers }));
  // A reset means the old password may be known to someone else: end every session it opened.
  if (user.id !== viewer.id) await viaBetterAuth(() => getAuth().api.revokeUserSessions({ body: { userId }, headers }));
  await notifyViewerChanged(userId);
  // The new password must work at once: the failures counted against the old one no longer matter.
  const failures = await clearFailures(user.email);
  await recordAudit({
    actorId: viewer.id,
    actorEmail: viewer.email,
    action: "user.password_reset",
    target: `user:${userId}`,
    details: { email: user.email, ...(failures > 0 ? { failedSignInsCleared: failures } : {}) },
  });
}

/** Lifts a sign-in lock-out (clears the account's failed-attempt count) and says how many failures it cleared. */
export async function unlockUser(userId: string): Promise<{ failures: number }> {
  const viewer = await requireAdminSession();
  const user = await findUser(userId);
  const failures = await clearFailures(user.email);
  await recordAudit({
    actorId: viewer.id,
    actorEmail: viewer.email,
    action: "user.unlock",
    target: `user:${userId}`,
    details: { email: user.email, failedSignInsCleared: failures },
  });
  return { failures };
}

export async function deactivateUser(userId: string, reason: unknown, headers: Headers): Promise<void> {
  const viewer = await requireAdminSession();
  if (userId === viewer.id) throw new BadRequestError("You cannot deactivate your own account.");
  const user = await findUser(userId);
  const banReason = typeof reason === "string" && reason.trim() ? reason.trim().slice(0, 200) : "Deactivated by an admin";
  // Deletes the user's sessions too, so they are signed out on their next request.
  await viaBetterAuth(() => getAuth().api.banUser({ body: { userId, banReason }, headers }));
  await notifyViewerChanged(userId);
  await recordAudit({
    actorId: viewer.id,
    actorEmail: viewer.email,
    action: "user.deactivate",
    target: `user:${userId}`,
    details: { email: user.email, reason: banReason },
  });
}

export async function reactivateUser(userId: string, headers: Headers): Promise<void> {
  const viewer = await requireAdminSession();
  const user = await findUser(userId);
  await viaBetterAuth(() => getAuth().api.unbanUser({ body: { userId }, headers }));
  await recordAudit({
    actorId: viewer.id,
    actorEmail: viewer.email,
    action: "user.reactivate",
    target: `user:${userId}`,
    details: { email: user.email },
  });
}
