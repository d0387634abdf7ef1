import "server-only";
import { authenticateApiKey } from "./api-keys";
import { getAuth } from "./auth";
import { isRole, type Role } from "./roles";

/** Who is asking: a signed-in person (session cookie) or an integration (API key). */
export interface Viewer {
  /** The user id; for API keys `api_key:<key id>` (lib/auth/audit.ts records those without a user). */
  id: string;
  email: string;
  name: string;
  role: Role;
  via: "session" | "apiKey";
}

export const API_KEY_VIEWER_PREFIX = "api_key:";

/**
 * Resolves the viewer from request headers. An `Authorization: Bearer` header
 * decides on its own: a bad key is anonymous even if a cookie is present too,
 * so a client never silently acts with someone else's session.
 */
export async function resolveViewer(headers: Headers): Promise<Viewer | null> {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) return null;
    const key = await authenticateApiKey(match[1]!);
    if (!key) return null;
    return {
      id: `${API_KEY_VIEWER_PREFIX}${key.id}`,
      email: `${key.prefix}…`,
      name: `API key “${key.name}”`,
      role: key.role,
      via: "apiKey",
    };
  }

  const result = await getAuth().api.getSession({ headers, query: { disableCookieCache: true } });
  if (!result) return null;
  const user = result.user as typeof result.user & { role?: string | null; banned?: boolean | null };
  // Deactivation deletes the user's sessions; checking the flag as well keeps a
  // ban applied by any other route (e.g. SQL) effective on the next request.
  if (user.banned) return null;
  if (!isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, via: "session" };
}
