import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";
import { prisma } from "@/lib/db/client";
import type { AuthConfig } from "./config";

/**
 * Idle and absolute session limits.
 *
 * better-auth slides one expiry (`expiresIn` + `updateAge`); that alone cannot
 * express "30 minutes without activity OR 12 hours after sign-in, whichever
 * comes first", and its sliding refresh rewrites the cookie, which React
 * Server Components cannot do. So the session row's `expires_at` is fixed at
 * sign-in + absolute limit (refresh disabled in lib/auth/auth.ts, cookie
 * Max-Age the same), and `updated_at` records the last activity, written at
 * most once per `activityWriteIntervalSeconds`. A session past either limit is
 * deleted before better-auth reads it, so it is gone for every later request.
 */
export type SessionState = "active" | "idle" | "expired" | "missing";

export function sessionState(
  session: { createdAt: Date; updatedAt: Date; expiresAt: Date },
  config: Pick<AuthConfig, "idleTimeoutSeconds" | "absoluteTimeoutSeconds">,
  now = Date.now(),
): SessionState {
  if (session.expiresAt.getTime() <= now) return "expired";
  if (now - session.createdAt.getTime() >= config.absoluteTimeoutSeconds * 1000) return "expired";
  if (now - session.updatedAt.getTime() >= config.idleTimeoutSeconds * 1000) return "idle";
  return "active";
}

/** Applies both limits to the session with this token: deletes it when over, records activity otherwise. */
export async function enforceSessionLimits(token: string, config: AuthConfig, now = Date.now()): Promise<SessionState> {
  const session = await prisma.session.findUnique({
    where: { token },
    select: { createdAt: true, updatedAt: true, expiresAt: true },
  });
  if (!session) return "missing";
  const state = sessionState(session, config, now);
  if (state !== "active") {
    await prisma.session.deleteMany({ where: { token } });
    return state;
  }
  const threshold = new Date(now - config.activityWriteIntervalSeconds * 1000);
  if (session.updatedAt < threshold) {
    // Conditional so concurrent requests of one session write once.
    await prisma.session.updateMany({ where: { token, updatedAt: { lt: threshold } }, data: { updatedAt: new Date(now) } });
  }
  return state;
}

export function sessionLimits(config: AuthConfig) {
  return {
    id: "levers-session-limits",
    hooks: {
      before: [
        {
          matcher: (ctx) => !ctx.path?.startsWith("/sign-in"),
          handler: createAuthMiddleware(async (ctx) => {
            const token = await ctx.getSignedCookie(ctx.context.authCookies.sessionToken.name, ctx.context.secret);
            if (token) await enforceSessionLimits(token, config);
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
