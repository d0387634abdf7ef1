import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/http/errors";
import { getViewer, requireRole } from "./guard";
import { runAsTrustedViewer, trustedViewer } from "./trusted-viewer";
import type { Viewer } from "./viewer";

const manager: Viewer = { id: "user-1", email: "m@example.test", name: "M", role: "manager", via: "session" };

describe("trusted viewer (command-line callers of guarded functions)", () => {
  it("answers getViewer/requireRole with the given viewer inside the callback, across awaits", async () => {
    const seen = await runAsTrustedViewer(manager, async () => {
      await new Promise((r) => setTimeout(r, 5));
      return { viewer: await getViewer(), required: await requireRole("agent") };
    });
    expect(seen.viewer).toEqual(manager);
    expect(seen.required).toEqual(manager);
  });

  it("still applies the role check to the trusted viewer", async () => {
    await expect(runAsTrustedViewer(manager, () => requireRole("admin"))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("does not leak outside the callback: the guard goes back to the request, which does not exist here", async () => {
    await runAsTrustedViewer(manager, async () => {});
    expect(trustedViewer()).toBeUndefined();
    // Outside a request Next's headers() throws; what matters is that no viewer is invented.
    await expect(requireRole("agent")).rejects.toThrow();
  });

  it("keeps concurrent callers apart", async () => {
    const agent: Viewer = { ...manager, id: "user-2", role: "agent" };
    const [a, b] = await Promise.all([
      runAsTrustedViewer(manager, async () => {
        await new Promise((r) => setTimeout(r, 10));
        return (await getViewer())?.id;
      }),
      runAsTrustedViewer(agent, async () => (await getViewer())?.id),
    ]);
    expect([a, b]).toEqual(["user-1", "user-2"]);
  });
});
