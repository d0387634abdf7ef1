import { NextResponse } from "next/server";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { env } from "@/lib/env";

/**
 * Typed errors and their one HTTP mapping. Domain code throws these; route
 * handlers are wrapped in `withApiErrors`, which turns them into JSON
 * responses with the right status (never a 500 with a stack trace).
 *
 * `UnauthenticatedError` and `ForbiddenError` also carry the digest Next.js
 * gives `unauthorized()` / `forbidden()` (next/navigation, enabled by
 * `experimental.authInterrupts`). So when the data-access guard throws one
 * while a *page* renders, Next answers 401/403 and renders app/unauthorized.tsx
 * or app/forbidden.tsx instead of a generic error page. lib/http/errors.test.ts
 * checks that Next still recognises the digest.
 */
export interface ErrorBody {
  error: string;
  message: string;
  issues?: { path: string; message: string }[];
  [key: string]: unknown;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { extra?: Record<string, unknown>; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.extra = options.extra ?? {};
    this.headers = options.headers ?? {};
  }

  toBody(): ErrorBody {
    return { error: this.code, message: this.message, ...this.extra };
  }
}

const ACCESS_DIGEST = "NEXT_HTTP_ERROR_FALLBACK";

/** 401: no valid session or API key. */
export class UnauthenticatedError extends AppError {
  readonly digest = `${ACCESS_DIGEST};401`;
  constructor(message = "Sign in to continue.") {
    super(401, "unauthenticated", message);
  }
}

/** 403: signed in, but the role does not allow this. */
export class ForbiddenError extends AppError {
  readonly digest = `${ACCESS_DIGEST};403`;
  constructor(message = "Your role does not allow this. Ask an admin if you need access.") {
    super(403, "forbidden", message);
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, extra?: Record<string, unknown>) {
    super(400, "bad_request", message, { extra });
  }
}

export class NotFoundError extends AppError {
  constructor(message = "Not found.") {
    super(404, "not_found", message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, "conflict", message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message = "The request body is too large.") {
    super(413, "payload_too_large", message);
  }
}

/** 422 with every failing field path, e.g. from a zod error (`ValidationError.fromZod`). */
export class ValidationError extends AppError {
  readonly issues: { path: string; message: string }[];
  constructor(message: string, issues: { path: string; message: string }[] = []) {
    super(422, "validation_failed", message, { extra: { issues } });
    this.issues = issues;
  }

  static fromZod(error: { issues: { path: PropertyKey[]; message: string }[] }, message = "The request is not valid."): ValidationError {
    return new ValidationError(
      message,
      error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(root)", message: issue.message })),
    );
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number, message = "Too many attempts. Wait a moment and try again.") {
    super(429, "rate_limited", message, {
      extra: { retryAfter: retryAfterSeconds },
      headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    });
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message = "The service is temporarily unavailable. Try again in a moment.", retryAfterSeconds = 5) {
    super(503, "unavailable", message, { headers: { "Retry-After": String(retryAfterSeconds) } });
  }
}

const NO_STORE = { "Cache-Control": "no-store" };

function digestOf(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "digest" in error && typeof (error as { digest: unknown }).digest === "string") {
    return (error as { digest: string }).digest;
  }
  return undefined;
}

/**
 * The one error → response mapping used by every route handler (the webhook
 * too). `unexpected` replaces the 500 for an error that is none of ours, for
 * endpoints that promise never to answer 500.
 */
export function errorResponse(error: unknown, options: { unexpected?: AppError } = {}): NextResponse<ErrorBody> {
  if (error instanceof AppError) {
    return NextResponse.json(error.toBody(), { status: error.status, headers: { ...NO_STORE, ...error.headers } });
  }
  // `forbidden()` / `unauthorized()` / `notFound()` from next/navigation called inside a handler.
  const digest = digestOf(error);
  if (digest?.startsWith(`${ACCESS_DIGEST};`)) {
    const status = Number(digest.split(";")[1]);
    const mapped = status === 401 ? new UnauthenticatedError() : status === 403 ? new ForbiddenError() : new NotFoundError();
    return errorResponse(mapped);
  }
  if (isDatabaseUnavailable(error)) {
    console.error("[api] database unavailable:", error instanceof Error ? error.message : error);
    return errorResponse(new ServiceUnavailableError("The database is unavailable. Try again in a moment."));
  }
  console.error("[api] unexpected error:", error);
  if (options.unexpected) return errorResponse(options.unexpected);
  return NextResponse.json(
    { error: "internal_error", message: "Something went wrong on our side. Try again; if it keeps happening, check the server log." },
    { status: 500, headers: NO_STORE },
  );
}

/** Next's own control-flow errors (redirect, notFound in pages, dynamic bail-outs) must pass through untouched. */
function isNextControlFlow(error: unknown): boolean {
  const digest = digestOf(error);
  return (
    !!digest &&
    (digest.startsWith("NEXT_REDIRECT") || digest === "DYNAMIC_SERVER_USAGE" || digest.startsWith("BAILOUT_TO_CLIENT_SIDE_RENDERING"))
  );
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Cross-site request forgery guard for our own route handlers: a state change
 * sent by a browser from another site is refused. Browsers always send
 * `Origin` (and `Sec-Fetch-Site`) on cross-site POSTs; server-to-server
 * callers (webhooks, API clients with a Bearer key) send neither and are let
 * through, since they carry no ambient cookies to abuse.
 */
export function assertSameOrigin(request: Request): void {
  if (!UNSAFE_METHODS.has(request.method.toUpperCase())) return;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    throw new ForbiddenError("Cross-site requests are not allowed.");
  }
  const origin = request.headers.get("origin");
  if (!origin) return;
  if (origin === "null" || !allowedOrigins(request).has(origin)) {
    throw new ForbiddenError("Cross-site requests are not allowed.");
  }
}

function allowedOrigins(request: Request): Set<string> {
  const allowed = new Set<string>();
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (host) {
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  try {
    allowed.add(new URL(request.url).origin);
  } catch {
    // A relative or odd URL adds nothing.
  }
  for (const configured of [env.BETTER_AUTH_URL, ...(env.TRUSTED_ORIGINS ?? "").split(",")]) {
    if (!configured?.trim()) continue;
    try {
      allowed.add(new URL(configured.trim()).origin);
    } catch {
      // Ignore malformed entries; lib/auth/config.ts reports them at start.
    }
  }
  return allowed;
}

type Handler<C> = (request: Request, context: C) => Response | Promise<Response>;

export interface ApiErrorOptions {
  /** Skip the Origin check (only for endpoints called cross-site by design, e.g. signed webhooks). */
  allowCrossSite?: boolean;
}

/**
 * Wraps a route handler: origin check for state changes, typed errors → JSON
 * with the right status, `Cache-Control: no-store` unless the handler set a
 * cache policy itself.
 */
export function withApiErrors<C = unknown>(
  handler: Handler<C>,
  options: ApiErrorOptions = {},
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      if (!options.allowCrossSite) assertSameOrigin(request);
      const response = await handler(request, context);
      if (!response.headers.has("Cache-Control")) {
        try {
          response.headers.set("Cache-Control", "no-store");
        } catch {
          // Immutable headers (e.g. a fetched Response passed through): leave them.
        }
      }
      return response;
    } catch (error) {
      if (isNextControlFlow(error)) throw error;
      return errorResponse(error);
    }
  };
}
