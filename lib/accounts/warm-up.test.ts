import { describe, expect, it } from "vitest";
import { warmUpDerivation } from "./warm-up";

describe("the worker's warm-up", () => {
  it("runs the extraction and the compliance rules over every kind of call, not a trivial sample", async () => {
    const result = await warmUpDerivation({ now: new Date("2026-03-02T15:00:00Z") });
    expect(result.accounts).toBe(24);
    expect(result.calls).toBe(240);
    // The sample must reach the costly paths the jobs take: promise and callback extraction and the rules' flags.
    expect(result.promises).toBeGreaterThan(10);
    expect(result.callbacks).toBeGreaterThan(5);
    expect(result.flags).toBeGreaterThan(0);
  });
});
