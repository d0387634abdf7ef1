import { type NextRequest, NextResponse } from "next/server";
import { loginPath } from "@/lib/auth/next-path";
import { env } from "@/lib/env";
import { pageCsp } from "@/lib/http/security-headers";

/**
 * Runs before pages and API routes (not the webhook, the health check or static
 * assets: see `config.matcher`). It does three cheap things:
 * 1. a per-request CSP nonce for pages (Next.js reads it from the request's
 *    Content-Security-Policy header and stamps it on its scripts);
 * 2. `x-request-path` for the dashboard layout, so a sign-in redirect can come
 *    back to the same page;
 * 3. an early redirect to /login for page requests that carry no session cookie
 *    at all (saves rendering a page only to redirect).
 * It is NOT the access check: that is requireRole() in the data layer
 * (lib/auth/guard.ts), which every request meets whether or not this ran.
 */
const SESSION_COOKIES = ["levers.session_token", "__Secure-levers.session_token"];
const PUBLIC_PAGES = new Set(["/login"]);

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");
  const requestHeaders = new Headers(request.headers);
  // Only this proxy may set these; a client-sent copy is dropped.
  requestHeaders.delete("x-request-path");
  requestHeaders.delete("x-nonce");

  if (isApi) return NextResponse.next({ request: { headers: requestHeaders } });

  const hasSessionCookie = SESSION_COOKIES.some((name) => request.cookies.has(name));
  const isNavigation = request.method === "GET" || request.method === "HEAD";
  if (isNavigation && !hasSessionCookie && !PUBLIC_PAGES.has(pathname) && !request.headers.has("authorization")) {
    const url = request.nextUrl.clone();
    const target = new URL(loginPath(`${pathname}${search}`), url);
    return NextResponse.redirect(target, { headers: { "Cache-Control": "no-store" } });
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const https = (env.BETTER_AUTH_URL ?? "").startsWith("https://");
  const csp = pageCsp({ nonce, dev: env.NODE_ENV === "development", https });
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  requestHeaders.set("x-request-path", `${pathname}${search}`);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return response;
}

export const config = {
  matcher: [
    {
      // Everything except the public machine endpoints and static files. The
      // webhook must get its raw body untouched, so the proxy never sees it;
      // nor the history upload (Next.js buffers a proxied body, cut at 10 MB).
      source:
        "/((?!api/webhooks/|api/admin/import|api/health|_next/static|_next/image|favicon\\.ico|robots\\.txt|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|css|js|map|txt|mp3|wav)$).*)",
    },
  ],
};
