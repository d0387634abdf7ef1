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
  ])("refuses %j and falls back to /calls", (input) => {
    expect(safeNextPath(input)).toBe("/calls");
  });

  it("never yields anything that leaves the site, whatever the input", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string().map((s) => `/${s}`), fc.string().map((s) => `//${s}`)), (input) => {
        const out = safeNextPath(input);
        expect(out.startsWith("/")).toBe(true);
        expect(out.startsWith("//")).toBe(false);
        expect(out.includes("\\")).toBe(false);
        expect(new URL(out, "https://app.example").origin).toBe("https://app.example");
      }),
      { numRuns: 500 },
    );
  });

  it("builds the login link with next only when it adds something", () => {
    expect(loginPath("/calls")).toBe("/login");
    expect(loginPath(null)).toBe("/login");
    expect(loginPath("/analytics?range=30d")).toBe("/login?next=%2Fanalytics%3Frange%3D30d");
    expect(loginPath("//evil.example")).toBe("/login");
  });
});
