import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loginPath, safeNextPath } from "./next-path";

describe("safeNextPath: only same-site relative paths survive", () => {
  it.each([
    ["/calls?outcome=PAYMENT+PROMISE&sort=duration.desc", "/calls?outcome=PAYMENT+PROMISE&sort=duration.desc"],
    ["/calls/123#transcript", "/calls/123#transcript"],
    ["/admin/users", "/admin/users"],
  ])("keeps %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it.each([
    "https://evil.example/phish",
    "//evil.example/phish",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "/%0a//evil.example".replace("%0a", "\n"),
    "calls",
    "",
    "/login?next=/calls",
    "/api/calls/export",
    "/".padEnd(3000, "a"),
    // Each of these normalises to "//evil.example/…", another host to a browser.
    "/.//evil.example/phish",
    "/..//evil.example/phish",
    "/%2e//evil.example/phish",
    "/%2E%2E//evil.example/phish",
    "/%2e%2e//evil.example/phish",
    "/a/..//evil.example/phish",
    "/a/b/../..//evil.example/phish",
    "/./%2e/..//evil.example",
  ])("refuses %j and falls back to /calls", (input) => {
    expect(safeNextPath(input)).toBe("/calls");
  });

  it("never yields anything that leaves the site, whatever the input", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl(),
          fc.string().map((s) => `/${s}`),
          fc.string().map((s) => `//${s}`),
        ),
        (input) => {
          const out = safeNextPath(input);
          expect(out.startsWith("/")).toBe(true);
          expect(out.startsWith("//")).toBe(false);
          expect(out.includes("\\")).toBe(false);
          expect(new URL(out, "https://app.example").origin).toBe("https://app.example");
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never yields anything that leaves the site, for inputs built from path tricks", () => {
    const piece = fc.constantFrom(
      "/",
      "//",
      ".",
      "..",
      "%2e",
      "%2E",
      "%2e%2e",
      "%2f",
      "%2F",
      "%5c",
      "\\",
      "\t",
      "\n",
      "@",
      ":",
      "?",
      "#",
      "a",
      "evil.example",
      "%09",
      "%00",
      "https:",
      " ",
    );
    const base = "https://app.example";
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }).map((parts) => `/${parts.join("")}`),
        (input) => {
          const out = safeNextPath(input);
          expect(out.startsWith("/")).toBe(true);
          expect(out.startsWith("//")).toBe(false);
          // biome-ignore lint/suspicious/noControlCharactersInRegex: the property asserts no control character survives
          expect(/[\\\u0000-\u001f]/.test(out)).toBe(false);
          const resolved = new URL(out, base);
          expect(resolved.origin).toBe(base);
          // What the browser resolves is what was checked: the Location is already normal.
          expect(`${resolved.pathname}${resolved.search}${resolved.hash}`).toBe(out);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("builds the login link with next only when it adds something", () => {
    expect(loginPath("/calls")).toBe("/login");
    expect(loginPath(null)).toBe("/login");
    expect(loginPath("/analytics?range=30d")).toBe("/login?next=%2Fanalytics%3Frange%3D30d");
    expect(loginPath("//evil.example")).toBe("/login");
  });
});
