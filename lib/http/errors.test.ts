import {
  getAccessFallbackHTTPStatus,
  isHTTPAccessFallbackError,
} from "next/dist/client/components/http-access-fallback/http-access-fallback";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  assertSameOrigin,
  ConflictError,
  errorResponse,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationError,
  withApiErrors,
} from "./errors";

describe("typed errors → HTTP", () => {
  it.each([
    [new UnauthenticatedError(), 401, "unauthenticated"],
    [new ForbiddenError(), 403, "forbidden"],
    [new NotFoundError(), 404, "not_found"],
    [new ConflictError("exists"), 409, "conflict"],
    [new RateLimitedError(30), 429, "rate_limited"],
  ])("%s → %i JSON, never cached", async (error, status, code) => {
    const response = errorResponse(error);
    expect(response.status).toBe(status);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect((await response.json()).error).toBe(code);
  });

  it("says when to retry after a rate limit", () => {
    expect(errorResponse(new RateLimitedError(12.2)).headers.get("retry-after")).toBe("13");
  });

  it("lists every failing field of a zod error as a 422", async () => {
    const result = z.object({ name: z.string(), age: z.number() }).safeParse({ age: "x" });
    const response = errorResponse(ValidationError.fromZod(result.error!));
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual(["age", "name"]);
  });

  it("answers 503 when the database cannot be reached, and a bare 500 (no message, no stack) otherwise", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const down = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(errorResponse(new Error("wrapped", { cause: down })).status).toBe(503);
    const response = errorResponse(new Error("secret internals at /srv/app.ts:12"));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("secret internals");
    expect(text).not.toContain("app.ts");
    spy.mockRestore();
  });

  it("gives the guard's errors the digest Next.js uses for unauthorized()/forbidden(), so pages render 401/403", () => {
    expect(isHTTPAccessFallbackError(new UnauthenticatedError())).toBe(true);
    expect(getAccessFallbackHTTPStatus(new UnauthenticatedError() as never)).toBe(401);
    expect(isHTTPAccessFallbackError(new ForbiddenError())).toBe(true);
    expect(getAccessFallbackHTTPStatus(new ForbiddenError() as never)).toBe(403);
  });
});

describe("withApiErrors", () => {
  const post = (headers: Record<string, string>) =>
    new Request("http://127.0.0.1:3000/api/thing", { method: "POST", headers: { host: "127.0.0.1:3000", ...headers } });

  it("maps thrown errors and marks successful responses no-store", async () => {
    const failing = withApiErrors(async () => {
      throw new ForbiddenError();
    });
    expect((await failing(new Request("http://x/api"), {})).status).toBe(403);
    const ok = withApiErrors(async () => Response.json({ ok: true }));
    expect((await ok(new Request("http://x/api"), {})).headers.get("cache-control")).toBe("no-store");
  });

  it("refuses cross-site state changes but lets same-origin browsers and origin-less API clients through", async () => {
    const handler = withApiErrors(async () => Response.json({ ok: true }));
    expect((await handler(post({ origin: "https://evil.example" }), {})).status).toBe(403);
    expect((await handler(post({ "sec-fetch-site": "cross-site" }), {})).status).toBe(403);
    expect((await handler(post({ origin: "null" }), {})).status).toBe(403);
    expect((await handler(post({ origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }), {})).status).toBe(200);
    expect((await handler(post({ authorization: "Bearer lvk_x" }), {})).status).toBe(200);
    expect(() =>
      assertSameOrigin(new Request("http://x/api", { method: "GET", headers: { origin: "https://evil.example" } })),
    ).not.toThrow();
  });
});
