/**
 * Where to go after signing in. Only same-site relative paths are honoured
 * ("/calls?outcome=X"), never "//evil.example", "/\\evil.example", absolute URLs,
 * or anything with control characters, so the login page cannot be used as an
 * open redirect. Plain function: used by the login page, its action and the proxy.
 */
export const DEFAULT_AFTER_SIGN_IN = "/calls";

export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || typeof raw !== "string" || raw.length > 2048) return DEFAULT_AFTER_SIGN_IN;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return DEFAULT_AFTER_SIGN_IN;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return DEFAULT_AFTER_SIGN_IN;
  try {
    const base = "http://same-site.invalid";
    const url = new URL(raw, base);
    if (url.origin !== base) return DEFAULT_AFTER_SIGN_IN;
    if (url.pathname === "/login" || url.pathname.startsWith("/api/")) return DEFAULT_AFTER_SIGN_IN;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
}

export function loginPath(next: string | null | undefined): string {
  const target = safeNextPath(next);
  return target === DEFAULT_AFTER_SIGN_IN ? "/login" : `/login?next=${encodeURIComponent(target)}`;
}
