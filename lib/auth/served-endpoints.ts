/**
 * The better-auth endpoints served over HTTP at /api/auth/* (an allow-list,
 * app/api/auth/[...all]/route.ts): path → the one method it answers.
 *
 * - sign-in/email, sign-out, get-session: signing in and out (the login form
 *   and user menu use them through auth.api; scripts and the e2e suite over HTTP).
 * - change-password (needs the current password) and revoke-other-sessions:
 *   what a signed-in user may change about themselves. Both are audited, and a
 *   wrong current password counts against the same per-account limit as a
 *   failed sign-in (lib/auth/sign-in-guard.ts).
 *
 * Not served: update-user (renaming oneself is not needed), the admin
 * endpoints (user changes go through the admin pages, which validate and audit
 * them), verify-password (a password oracle), sign-up, and everything a
 * better-auth upgrade or plugin may add until someone decides to serve it.
 */
export const SERVED_AUTH_ENDPOINTS: Readonly<Record<string, "GET" | "POST">> = {
  "/sign-in/email": "POST",
  "/sign-out": "POST",
  "/get-session": "GET",
  "/change-password": "POST",
  "/revoke-other-sessions": "POST",
};

/** The served endpoint's method for a path under /api/auth, or undefined when it is not served. */
export function servedAuthMethod(path: string): "GET" | "POST" | undefined {
  return Object.hasOwn(SERVED_AUTH_ENDPOINTS, path) ? SERVED_AUTH_ENDPOINTS[path] : undefined;
}
