import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { removeAbandonedThrowaways } from "./embedded";

describe("throwaway databases left in the temp folder", () => {
  it("are removed once their owner is gone; a live owner's are kept", async () => {
    // A pid that surely exited: a child that has finished.
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    const tmp = path.join(os.tmpdir(), `levers-sweep-test-${process.pid}`);
    const abandoned = path.join(tmp, `levers-pg-${dead}-1-abc`);
    const live = path.join(tmp, `levers-pg-${process.pid}-2-def`);
    const other = path.join(tmp, "someone-elses-folder");
    for (const dir of [abandoned, live, other]) mkdirSync(dir, { recursive: true });
    try {
      expect(await removeAbandonedThrowaways(tmp)).toEqual([abandoned]);
      expect(existsSync(abandoned)).toBe(false);
      expect(existsSync(live)).toBe(true);
      expect(existsSync(other)).toBe(true);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
