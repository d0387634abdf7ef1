import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { ForbiddenError, UnauthenticatedError } from "@/lib/http/errors";
import { hasRole, type Role } from "./roles";
import { trustedViewer } from "./trusted-viewer";
import { resolveViewer, type Viewer } from "./viewer";

export type { Viewer } from "./viewer";

/**
 * THE access check. Every query and command in lib/calls, lib/analytics,
 * lib/recordings, lib/ingest (replay) and lib/auth's admin functions starts with
 * `const viewer = await requireRole("agent" | "manager" | "admin")`, so no page,
 * route handler, server action or future caller can read data without it. The
 * proxy (proxy.ts) only redirects obviously anonymous page requests early; it is
 * a convenience, not the enforcement (a request that skips it — e.g. with a forged
 * `x-middleware-subrequest` header — still meets this check).
 *
 * Who is asking: the better-auth session cookie, or `Authorization: Bearer <key>`
 * (API keys, same role rules). See lib/auth/viewer.ts.
 *
 * What callers see when the check fails:
 * - Route handlers are wrapped in `withApiErrors` (lib/http/errors.ts):
 *   UnauthenticatedError → 401 JSON, ForbiddenError → 403 JSON.
 * - Pages: app/(dashboard)/layout.tsx calls `getViewer()` and redirects anonymous
 *   visitors to `/login?next=<path>` (the path comes from the proxy's
 *   `x-request-path` header and is only honoured when same-site, lib/auth/next-path.ts).
 *   Both errors also carry Next's `unauthorized()` / `forbidden()` digest, so if a
 *   page's data call throws one, Next answers 401/403 and renders app/unauthorized.tsx
 *   (a "session ended, sign in again" page) or app/forbidden.tsx (the 403 page),
 *   never the generic error boundary and never partial data.
 * - Server actions: the same errors; the action fails with 401/403 and changes nothing.
 */
const requestViewer: () => Promise<Viewer | null> = cache(async () => resolveViewer(await headers()));

/** The request's viewer, or the trusted viewer a command-line tool runs as (lib/auth/trusted-viewer.ts). */
export async function getViewer(): Promise<Viewer | null> {
  const trusted = trustedViewer();
  return trusted !== undefined ? trusted : requestViewer();
}

export async function requireRole(role: Role): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new UnauthenticatedError();
  if (!hasRole(viewer.role, role)) throw new ForbiddenError();
  return viewer;
}

/**
 * Managing people and API keys (and every admin form's server action) needs a
 * signed-in admin, not an admin API key: a key that could mint keys would
 * outlive its own revocation through its children, and a script holding one
 * could change users with no person accountable.
 */
export async function requireAdminSession(): Promise<Viewer> {
  const viewer = await requireRole("admin");
  if (viewer.via !== "session")
    throw new ForbiddenError("Manage users, API keys and webhooks while signed in as an admin, not with an API key.");
  return viewer;
}
