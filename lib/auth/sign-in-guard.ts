import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getIP, isAPIError } from "better-auth/api";
import { execute, queryRows } from "@/lib/db/sql";
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
 * Counting per email is the part an attacker cannot dodge by spoofing
 * X-Forwarded-For (which is only trusted from TRUSTED_PROXIES); the per-IP
 * count slows password spraying across many accounts.
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
    `SELECT key, count, last_request FROM rate_limits WHERE key = ANY($1::text[])`,
    [keys],
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
      `INSERT INTO rate_limits (id, key, count, last_request) VALUES (gen_random_uuid()::text, $1, 1, $2)
       ON CONFLICT (key) DO UPDATE
         SET count = CASE WHEN $2 - rate_limits.last_request >= $3 THEN 1 ELSE rate_limits.count + 1 END,
             last_request = $2`,
      [key, now, windowMs],
    );
  }
}

export async function clearFailures(email: string): Promise<void> {
  await execute(`DELETE FROM rate_limits WHERE key = $1`, [failureKeys(email, null)[0]]);
}

function requestIp(ctx: { request?: Request; headers?: Headers; context: { options: Parameters<typeof getIP>[1] } }): string | null {
  const source = ctx.request ?? ctx.headers;
  return source ? getIP(source, ctx.context.options) : null;
}

export function signInGuard(config: AuthConfig) {
  return {
    id: "levers-sign-in-guard",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/sign-in/email",
          handler: createAuthMiddleware(async (ctx) => {
            const email = typeof ctx.body?.email === "string" ? ctx.body.email : undefined;
            const wait = await blockedFor(failureKeys(email, requestIp(ctx)), config);
            if (wait > 0) {
              throw new APIError(
                "TOO_MANY_REQUESTS",
                {
                  code: "TOO_MANY_FAILED_SIGN_INS",
                  message: `Too many failed sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? "s" : ""}.`,
                },
                { "Retry-After": String(wait), "X-Retry-After": String(wait) },
              );
            }
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === "/sign-in/email",
          handler: createAuthMiddleware(async (ctx) => {
            const email = typeof ctx.body?.email === "string" ? ctx.body.email.trim().toLowerCase() : undefined;
            const ip = requestIp(ctx);
            const returned = ctx.context.returned;
            if (isAPIError(returned)) {
              // 401 = wrong email or password; 403 = deactivated account. Both count as failures.
              if (returned.statusCode === 401 || returned.statusCode === 403) {
                await recordFailure(failureKeys(email, ip), config);
                await recordAudit({ actorId: null, action: "sign_in_failed", details: { email, reason: returned.body?.code ?? returned.statusCode }, ipAddress: ip });
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
      ],
    },
  } satisfies BetterAuthPlugin;
}
