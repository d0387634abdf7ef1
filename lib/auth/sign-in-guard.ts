import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { execute, Prisma, queryRows } from "@/lib/db/sql";
import { clientAddress } from "@/lib/http/client-address";
import { recordAudit } from "./audit";
import type { AuthConfig } from "./config";

/**
 * Failed sign-ins are counted per account (email) and per client IP in the
 * `rate_limits` table, so every app instance sees the same counts. Past the
 * limit inside the window, `/sign-in/email` answers 429 without checking the
 * password (that is the point: no more guesses), with Retry-After. A correct
 * password resets the account's count. better-auth's own per-IP request limit
 * (also on the database) sits in front of this for raw request floods.
 *
 * Counting per email is the part an attacker cannot dodge by changing
 * address; the per-IP count slows password spraying across many accounts. The
 * address is the socket's (or, behind TRUSTED_PROXIES, the right-most
 * untrusted X-Forwarded-For hop): lib/http/client-address.ts. A client-sent
 * X-Forwarded-For or X-Real-IP is never believed.
 */
const PREFIX = "sign-in-failures";

export function failureKeys(email: string | undefined, ip: string | null): string[] {
  const keys: string[] = [];
  if (email) keys.push(`${PREFIX}:email:${email.trim().toLowerCase()}`);
  if (ip) keys.push(`${PREFIX}:ip:${ip}`);
  return keys;
}

interface Counter {
  key: string;
  count: number;
  lastRequest: number;
}

async function readCounters(keys: string[]): Promise<Counter[]> {
  if (keys.length === 0) return [];
  const rows = await queryRows<{ key: string; count: number; last_request: bigint }>(
    Prisma.sql`SELECT key, count, last_request FROM rate_limits WHERE key = ANY(${keys}::text[])`,
  );
  return rows.map((r) => ({ key: r.key, count: r.count, lastRequest: Number(r.last_request) }));
}

/** Seconds until the caller may try again, or 0 when not blocked. */
export async function blockedFor(keys: string[], config: AuthConfig, now = Date.now()): Promise<number> {
  const windowMs = config.signInFailures.windowSeconds * 1000;
  let wait = 0;
  for (const counter of await readCounters(keys)) {
    const limit = counter.key.includes(":email:") ? config.signInFailures.perEmail : config.signInFailures.perIp;
    const age = now - counter.lastRequest;
    if (counter.count >= limit && age < windowMs) wait = Math.max(wait, Math.ceil((windowMs - age) / 1000));
  }
  return wait;
}

/** Atomic per key: a count older than the window starts again from 1. */
export async function recordFailure(keys: string[], config: AuthConfig, now = Date.now()): Promise<void> {
  const windowMs = config.signInFailures.windowSeconds * 1000;
  for (const key of keys) {
    await execute(
      Prisma.sql`INSERT INTO rate_limits (id, key, count, last_request) VALUES (gen_random_uuid()::text, ${key}, 1, ${now}::bigint)
       ON CONFLICT (key) DO UPDATE
         SET count = CASE WHEN ${now}::bigint - rate_limits.last_request >= ${windowMs}::bigint THEN 1 ELSE rate_limits.count + 1 END,
             last_request = ${now}::bigint`,
    );
  }
}

/** Forgets the account's failed sign-ins (after a success, a password reset or an admin's unlock); returns how many there were in the window. */
export async function clearFailures(email: string): Promise<number> {
  const rows = await queryRows<{ count: number }>(
    Prisma.sql`DELETE FROM rate_limits WHERE key = ${failureKeys(email, null)[0]} RETURNING count`,
  );
  return rows[0]?.count ?? 0;
}

/** When the account's lock-out ends, or null when it is not locked. */
export async function accountLock(email: string, config: AuthConfig, now = Date.now()): Promise<Date | null> {
  const wait = await blockedFor(failureKeys(email, null), config, now);
  return wait > 0 ? new Date(now + wait * 1000) : null;
}

/** The address the request gate resolved from the socket (never a client-sent header). */
function requestIp(ctx: { request?: Request; headers?: Headers }): string | null {
  const headers = ctx.request?.headers ?? ctx.headers;
  return headers ? clientAddress(headers) : null;
}

/**
 * Every endpoint that checks a password, and where its account's email comes
 * from. They all share one failure count per account (and per address), so
 * the limit holds whichever door the guesses knock on: a signed-in user's
 * "current password" check is as good an oracle as the sign-in form.
 */
const PASSWORD_CHECKS: Record<string, "body" | "session"> = {
  "/sign-in/email": "body",
  "/change-password": "session",
  "/verify-password": "session",
};

type HookCtx = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

async function accountEmail(ctx: HookCtx): Promise<{ email: string | undefined; userId: string | null }> {
  if (PASSWORD_CHECKS[ctx.path ?? ""] === "body") {
    // Bounded: the count key and the audit row must not grow with what a client sends.
    const email = typeof ctx.body?.email === "string" ? ctx.body.email.trim().toLowerCase().slice(0, 320) : undefined;
    return { email, userId: null };
  }
  const session = ctx.context.session ?? (await getSessionFromCtx(ctx).catch(() => null));
  return { email: session?.user.email?.toLowerCase(), userId: session?.user.id ?? null };
}

function tooMany(wait: number): APIError {
  return new APIError(
    "TOO_MANY_REQUESTS",
    {
      code: "TOO_MANY_FAILED_SIGN_INS",
      message: `Too many failed sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? "s" : ""}.`,
    },
    { "Retry-After": String(wait), "X-Retry-After": String(wait) },
  );
}

export function signInGuard(config: AuthConfig) {
  return {
    id: "levers-sign-in-guard",
    hooks: {
      before: [
        {
          matcher: (ctx) => (ctx.path ?? "") in PASSWORD_CHECKS,
          handler: createAuthMiddleware(async (ctx) => {
            const { email } = await accountEmail(ctx);
            const wait = await blockedFor(failureKeys(email, requestIp(ctx)), config);
            if (wait > 0) throw tooMany(wait);
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === "/sign-in/email",
          handler: createAuthMiddleware(async (ctx) => {
            const { email } = await accountEmail(ctx);
            const ip = requestIp(ctx);
            const returned = ctx.context.returned;
            if (isAPIError(returned)) {
              // 401 = wrong email or password; 403 = deactivated account. Both count as failures.
              if (returned.statusCode === 401 || returned.statusCode === 403) {
                await recordFailure(failureKeys(email, ip), config);
                await recordAudit({
                  actorId: null,
                  action: "sign_in_failed",
                  details: { email, reason: returned.body?.code ?? returned.statusCode },
                  ipAddress: ip,
                });
              }
              return;
            }
            const session = ctx.context.newSession;
            if (session) {
              if (email) await clearFailures(email);
              await recordAudit({ actorId: session.user.id, actorEmail: session.user.email, action: "sign_in", ipAddress: ip });
            }
          }),
        },
        {
          // A signed-in user's own changes: a wrong current password counts as a failed
          // sign-in; a change (and signing out the other sessions) goes to the audit trail.
          matcher: (ctx) => ctx.path === "/change-password" || ctx.path === "/verify-password" || ctx.path === "/revoke-other-sessions",
          handler: createAuthMiddleware(async (ctx) => {
            const ip = requestIp(ctx);
            const { email, userId } = await accountEmail(ctx);
            const returned = ctx.context.returned;
            if (isAPIError(returned)) {
              if (returned.body?.code === "INVALID_PASSWORD" && email) {
                await recordFailure(failureKeys(email, ip), config);
                await recordAudit({
                  actorId: userId,
                  actorEmail: email,
                  action: "sign_in_failed",
                  details: { email, reason: "INVALID_PASSWORD", endpoint: ctx.path },
                  ipAddress: ip,
                });
              }
              return;
            }
            if (!userId) return;
            if (ctx.path === "/change-password") {
              await recordAudit({
                actorId: userId,
                actorEmail: email,
                action: "account.password_change",
                target: `user:${userId}`,
                details: { otherSessionsSignedOut: ctx.body?.revokeOtherSessions === true },
                ipAddress: ip,
              });
            } else if (ctx.path === "/revoke-other-sessions") {
              await recordAudit({
                actorId: userId,
                actorEmail: email,
                action: "account.sessions_revoke",
                target: `user:${userId}`,
                ipAddress: ip,
              });
            }
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
