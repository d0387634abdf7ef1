import { type ChildProcess, spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../lib/db/embedded";

/**
 * `npm start` in demo mode, for real (the production build the e2e run made),
 * on its own data folder and ports: it listens on 127.0.0.1 only and says so,
 * because the login page shows the demo passwords.
 */
function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 3_000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function externalAddress(): string | undefined {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const a of addresses ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  return undefined;
}

test.describe("npm start in demo mode", () => {
  test.describe.configure({ timeout: 240_000 });
  const dataDir = path.join(os.tmpdir(), `levers-e2e-start-${process.pid}-${Date.now()}`);
  let child: ChildProcess | undefined;

  test.afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  test("listens on 127.0.0.1 only, and says so in the banner", async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      EMBEDDED_PG_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
    };
    for (const key of ["DATABASE_URL", "HOST", "DEMO_MODE", "BETTER_AUTH_URL", "LEVERS_WEBHOOK_SECRET", "BETTER_AUTH_SECRET"])
      delete env[key];
    child = spawn(path.resolve("node_modules/.bin/tsx"), ["lib/cli/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    await expect.poll(() => output, { timeout: 200_000, intervals: [1_000] }).toContain("Press Ctrl-C to stop.");

    expect(output).toContain("Listening on:   127.0.0.1 only");
    expect(output.match(/Dashboard:/g)).toHaveLength(1);
    expect(await connects("127.0.0.1", port)).toBe(true);
    const external = externalAddress();
    test.skip(!external, "this machine has no non-loopback IPv4 address to try");
    expect(await connects(external!, port)).toBe(false);
  });
});
