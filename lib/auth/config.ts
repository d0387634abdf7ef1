import { rawEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";

/**
 * Sign-in settings from the environment, read once and checked up front so a
 * misconfiguration fails with a sentence saying what to set, not deep inside
 * a request.
 *
 * Sessions have two limits (both checked on every request, lib/auth/session-limits.ts):
 * - idle: AUTH_IDLE_TIMEOUT_MINUTES (default 30) without any request ends the session;
 * - absolute: AUTH_SESSION_MAX_AGE_HOURS (default 12) after sign-in it ends regardless,
 *   so a stolen cookie is useless by the next shift at the latest.
 */
export interface AuthConfig {
  secret: string;
  baseURL: string | undefined;
  trustedOrigins: string[];
  demo: boolean;
  idleTimeoutSeconds: number;
  absoluteTimeoutSeconds: number;
  /** Last-activity writes are throttled to one per this many seconds per session. */
  activityWriteIntervalSeconds: number;
  secureCookies: boolean;
  signInFailures: { perEmail: number; perIp: number; windowSeconds: number };
  /** Sign-in requests (good or bad) per client address per minute (better-auth's own limiter). */
  signInsPerMinutePerIp: number;
}

/** A 503 with the sentence saying what to set: sign-in cannot work until an operator fixes the environment. */
export class AuthConfigError extends AppError {
  constructor(message: string) {
    super(503, "auth_misconfigured", message);
  }
}

function positiveNumber(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new AuthConfigError(`${name} must be a positive number (got "${raw}").`);
  }
  return value;
}

function parseOrigin(name: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http(s)");
    return url.origin;
  } catch {
    throw new AuthConfigError(`${name} must be an absolute http(s) URL such as https://calls.example.com (got "${value}").`);
  }
}

export function readAuthConfig(env: Readonly<Record<string, string | undefined>> = rawEnv()): AuthConfig {
  const demo = env.DEMO_MODE === "1";
  const secret = env.BETTER_AUTH_SECRET?.trim() ?? "";
  if (!secret) {
    throw new AuthConfigError(
      demo
        ? "BETTER_AUTH_SECRET is not set. Start the demo with `npm start`, which generates one and keeps it with the data."
        : "BETTER_AUTH_SECRET is not set. Set it to a random value of at least 32 characters " +
            "(e.g. `openssl rand -base64 32`); it signs session cookies, so keep it secret and stable across restarts.",
    );
  }
  if (!demo && secret.length < 32) {
    throw new AuthConfigError("BETTER_AUTH_SECRET is too short: use at least 32 random characters (e.g. `openssl rand -base64 32`).");
  }
  const baseURL = env.BETTER_AUTH_URL?.trim() ? parseOrigin("BETTER_AUTH_URL", env.BETTER_AUTH_URL.trim()) : undefined;
  const trustedOrigins = (env.TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean)
    .map((o) => parseOrigin("TRUSTED_ORIGINS", o));

  const idleTimeoutSeconds = Math.round(positiveNumber(env, "AUTH_IDLE_TIMEOUT_MINUTES", 30) * 60);
  const absoluteTimeoutSeconds = Math.round(positiveNumber(env, "AUTH_SESSION_MAX_AGE_HOURS", 12) * 3600);
  if (idleTimeoutSeconds > absoluteTimeoutSeconds) {
    throw new AuthConfigError("AUTH_IDLE_TIMEOUT_MINUTES must not be longer than AUTH_SESSION_MAX_AGE_HOURS.");
  }
  // Secure cookies whenever the public URL is https. AUTH_SECURE_COOKIES=1 forces them
  // (e.g. BETTER_AUTH_URL left unset behind a TLS proxy); =0 is refused outside demo mode
  // when the URL is https, since a cookie sent over plain http could be read on the wire.
  const forced = env.AUTH_SECURE_COOKIES;
  if (forced === "0" && !demo && baseURL?.startsWith("https://")) {
    throw new AuthConfigError(
      "AUTH_SECURE_COOKIES=0 is refused while BETTER_AUTH_URL is https: session cookies must be Secure there. Unset AUTH_SECURE_COOKIES.",
    );
  }
  const secureCookies = forced === "1" ? true : forced === "0" ? false : (baseURL?.startsWith("https://") ?? false);

  return {
    secret,
    baseURL,
    trustedOrigins,
    demo,
    idleTimeoutSeconds,
    absoluteTimeoutSeconds,
    activityWriteIntervalSeconds: Math.min(60, Math.max(1, Math.floor(idleTimeoutSeconds / 10))),
    secureCookies,
    signInFailures: {
      perEmail: Math.round(positiveNumber(env, "AUTH_MAX_FAILED_SIGN_INS", 5)),
      perIp: Math.round(positiveNumber(env, "AUTH_MAX_FAILED_SIGN_INS_PER_IP", 50)),
      windowSeconds: Math.round(positiveNumber(env, "AUTH_FAILED_SIGN_IN_WINDOW_MINUTES", 15) * 60),
    },
    /** Sign-in requests (good or bad) per client address per minute: a whole call centre behind one NAT address may need more. */
    signInsPerMinutePerIp: Math.round(positiveNumber(env, "AUTH_SIGN_INS_PER_MINUTE_PER_IP", 30)),
  };
}
