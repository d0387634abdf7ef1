import "server-only";
import { type BetterAuthOptions, betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { admin } from "better-auth/plugins/admin";
import { adminAc, defaultAc } from "better-auth/plugins/admin/access";
import { prisma } from "@/lib/db/client";
import { CLIENT_ADDRESS_HEADER, isClientAddressGateInstalled } from "@/lib/http/client-address";
import { type AuthConfig, readAuthConfig } from "./config";
import { sessionLimits } from "./session-limits";
import { signInGuard } from "./sign-in-guard";

/**
 * The better-auth instance: email + password, sessions in PostgreSQL through
 * Prisma, the admin plugin for roles / deactivation / password resets, and the
 * rate limiter on database storage so limits hold across app instances.
 * Created on first use, not at import, so `next build` needs no secret and a
 * missing one fails the first request with a clear message.
 */
const agentAc = defaultAc.newRole({ user: [], session: [] });
const managerAc = defaultAc.newRole({ user: [], session: [] });

function createAuth(config: AuthConfig) {
  const options = {
    appName: "Levers Calls",
    secret: config.secret,
    baseURL: config.baseURL,
    basePath: "/api/auth",
    trustedOrigins: config.trustedOrigins,
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      // Accounts are created by admins (or the first-run bootstrap), never by sign-up.
      disableSignUp: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      autoSignIn: false,
      // An admin's password reset ends every session the user had.
      revokeSessionsOnPasswordReset: true,
    },
    session: {
      // The session row's expiry is the absolute limit: set once at sign-in and
      // never slid forward. The idle limit is enforced on last activity
      // (`updated_at`) by the sessionLimits plugin.
      expiresIn: config.absoluteTimeoutSeconds,
      disableSessionRefresh: true,
      // No cookie cache: every request reads the session row, so a deactivated
      // user or a revoked session stops working on the very next request.
      cookieCache: { enabled: false },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        // Raw request budget per IP; *failed* attempts have their own, tighter
        // per-account limit in signInGuard.
        "/sign-in/email": { window: 60, max: config.signInsPerMinutePerIp },
        "/change-password": { window: 60, max: 10 },
        "/get-session": false,
      },
    },
    advanced: {
      // better-auth skips its Origin/CSRF checks when NODE_ENV=test; keep them on
      // everywhere so tests exercise what production runs.
      disableOriginCheck: false,
      useSecureCookies: config.secureCookies,
      cookiePrefix: "levers",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", path: "/" },
      // better-auth's own limiter reads only the address the request gate
      // resolved from the socket (lib/http/client-address.ts), a single value
      // the client cannot set. Never X-Forwarded-For / X-Real-IP: with no
      // trusted proxies better-auth would believe a client's single-value copy.
      // Without the gate (outside the Next server) the header name is one
      // nobody sends, so no client header is ever read.
      ipAddress: {
        ipAddressHeaders: [isClientAddressGateInstalled() ? CLIENT_ADDRESS_HEADER : "x-levers-no-client-address-gate"],
        trustedProxies: [],
      },
    },
    plugins: [
      admin({
        defaultRole: "agent",
        adminRoles: ["admin"],
        roles: { agent: agentAc, manager: managerAc, admin: adminAc },
        bannedUserMessage: "This account has been deactivated. Ask an admin if you need access again.",
      }),
      sessionLimits(config),
      signInGuard(config),
      // Must stay last: copies Set-Cookie from auth.api calls made in server actions onto the response.
      nextCookies(),
    ],
  } satisfies BetterAuthOptions;
  return betterAuth(options);
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { leversAuth?: { auth: Auth; config: AuthConfig } };

function instance(): { auth: Auth; config: AuthConfig } {
  if (!globalForAuth.leversAuth) {
    const config = readAuthConfig();
    globalForAuth.leversAuth = { auth: createAuth(config), config };
  }
  return globalForAuth.leversAuth;
}

export function getAuth(): Auth {
  return instance().auth;
}

export function getAuthConfig(): AuthConfig {
  return instance().config;
}

/** Tests change the environment between files; this drops the cached instance. */
export function resetAuthForTests(): void {
  globalForAuth.leversAuth = undefined;
}
