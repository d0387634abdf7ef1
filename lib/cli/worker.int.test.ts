import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WORKER_NICENESS } from "@/lib/accounts/worker";
import { useTestDatabase } from "@/lib/testing/database";

/**
 * `npm run worker` beside a web server on one machine: derivation must not
 * take the CPU from webhook answers, so the worker's process runs at a lower
 * priority than the server it shares the cores with.
 */
const db = useTestDatabase();

describe("npm run worker", () => {
  it("runs at a lower CPU priority than normal processes", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url() };
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["lib/cli/worker.ts", "--no-cron"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = "";
        const timer = setTimeout(() => reject(new Error(`the worker did not start: ${out}`)), 60_000);
        child.stdout!.on("data", (d: Buffer) => {
          out += d.toString();
          if (out.includes("Accounts worker running")) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once("exit", (code) => reject(new Error(`the worker exited (${code}): ${out}`)));
      });
      // tsx runs the script in a child node process: the worker is the deepest process of the tree.
      const niceness = (pid: number) => os.getPriority(pid);
      const { execFileSync } = await import("node:child_process");
      const pids = [
        child.pid!,
        ...execFileSync("pgrep", ["-P", String(child.pid)])
          .toString()
          .trim()
          .split("\n")
          .map(Number),
      ];
      expect(Math.max(...pids.map(niceness))).toBe(WORKER_NICENESS);
      expect(os.getPriority()).toBe(0);
    } finally {
      child.kill("SIGTERM");
    }
  }, 90_000);
});
