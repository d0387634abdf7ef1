import "server-only";
import { isAPIError } from "better-auth/api";
import { z } from "zod";
import { recordAudit } from "./audit";
import { getAuth } from "./auth";
import { getViewer } from "./guard";
import { isRole, type Role } from "./roles";

/**
 * Sign-in and sign-out as the login form and user menu use them (server
 * actions). They go through better-auth's own endpoints (auth.api), so the same
 * hooks run as for POST /api/auth/sign-in/email: failed-attempt limits, the
 * banned check, a brand-new session token, the audit entry. nextCookies() puts
 * the Set-Cookie on the action's response.
 */
export type SignInResult = { ok: true; role: Role | null } | { ok: false; error: string; field?: "email" | "password" };

const credentials = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email address.").email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password.").max(256, "That password is too long."),
});

export async function signInWithPassword(input: { email: unknown; password: unknown }, headers: Headers): Promise<SignInResult> {
  const parsed = credentials.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: issue.message, field: issue.path[0] === "password" ? "password" : "email" };
  }
  try {
    const signedIn = await getAuth().api.signInEmail({ body: { ...parsed.data, rememberMe: true }, headers });
    const role = (signedIn.user as { role?: unknown }).role;
    return { ok: true, role: isRole(role) ? role : null };
  } catch (error) {
    if (isAPIError(error)) {
      if (error.statusCode === 401 || error.statusCode === 400) return { ok: false, error: "Email or password is incorrect." };
      if (error.statusCode === 403)
        return { ok: false, error: "This account has been deactivated. Ask an admin if you need access again." };
      if (error.statusCode === 429)
        return { ok: false, error: error.body?.message ?? "Too many failed attempts. Try again in a few minutes." };
    }
    throw error;
  }
}

export async function signOutCurrent(headers: Headers): Promise<void> {
  const viewer = await getViewer();
  await getAuth().api.signOut({ headers });
  if (viewer?.via === "session") await recordAudit({ actorId: viewer.id, actorEmail: viewer.email, action: "sign_out" });
}
