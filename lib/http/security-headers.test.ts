import { describe, expect, it } from "vitest";
import { pageCsp } from "./security-headers";

describe("page Content-Security-Policy", () => {
  it("runs only nonce-stamped scripts in production: no unsafe-eval, no unsafe-inline scripts, no framing", () => {
    const csp = pageCsp({ nonce: "abc123", dev: false, https: false });
    const script = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(script).toContain("'nonce-abc123'");
    expect(script).not.toContain("unsafe-eval");
    expect(script).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("allows eval only for the dev server, and upgrades requests behind https", () => {
    expect(pageCsp({ nonce: "n", dev: true, https: false })).toContain("'unsafe-eval'");
    expect(pageCsp({ nonce: "n", dev: false, https: true })).toContain("upgrade-insecure-requests");
  });
});
