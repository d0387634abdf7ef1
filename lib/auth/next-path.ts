/**
 * Where to go after signing in. Only same-site relative paths are honoured
 * ("/calls?outcome=X"), never "//evil.example", "/\\evil.example", absolute URLs,
 * or anything with control characters, so the login page cannot be used as an
 * open redirect. Plain function: used by the login page, its action and the proxy.
 *
 * The rule is checked on the RESULT, after the URL parser has normalised it
 * (dot segments, %2e, repeated slashes): `/.//evil.example` normalises to
 * `//evil.example`, which a browser reads as another host. Checking the input
 * before normalising is what let those through.
 */
export const DEFAULT_AFTER_SIGN_IN = "/calls";

const BASE = "http://same-site.invalid";

function isSameSitePath(path: string): boolean {
  // A Location of "//host" or "/\host" is another host to a browser; control
  // characters and backslashes are stripped or rewritten by browsers, so none survive.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the regex exists to reject control characters in a redirect path
  if (!path.startsWith("/") || path.startsWith("//") || /[\u0000-\u001f\u007f\\]/.test(path)) return false;
  try {
    return new URL(path, BASE).origin === BASE;
  } catch {
    return false;
  }
}

export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || typeof raw !== "string" || raw.length > 2048) return DEFAULT_AFTER_SIGN_IN;
  if (!isSameSitePath(raw)) return DEFAULT_AFTER_SIGN_IN;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== BASE) return DEFAULT_AFTER_SIGN_IN;
  const out = `${url.pathname}${url.search}${url.hash}`;
  // Normalised, the path must still be a same-site path, and stable: what the
  // browser resolves from it is exactly what we checked.
  if (!isSameSitePath(out) || new URL(out, BASE).href !== url.href) return DEFAULT_AFTER_SIGN_IN;
  if (url.pathname === "/login" || url.pathname === "/api" || url.pathname.startsWith("/api/")) return DEFAULT_AFTER_SIGN_IN;
  return out;
}

export function loginPath(next: string | null | undefined): string {
  const target = safeNextPath(next);
  return target === DEFAULT_AFTER_SIGN_IN ? "/login" : `/login?next=${encodeURIComponent(target)}`;
}
