import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedDatabase, freePort, startPersistentDatabase } from "@/lib/db/embedded";
import { setEnv } from "@/lib/env";
import { listenHost } from "./start";

/**
 * The commands as a newcomer runs them: each mistake is refused with a
 * sentence saying what is wrong and what to do, before anything is started.
 * Spawned for real (tsx), each with its own data folder and ports.
 */
interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const TSX = path.resolve("node_modules/.bin/tsx");

function run(script: string, args: string[], env: Record<string, string | undefined>): Promise<Run> {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  // The test runner's own database must not leak into the commands under test.
  for (const key of ["DATABASE_URL", "DEMO_MODE", "LEVERS_WEBHOOK_SECRET", "BETTER_AUTH_SECRET", "BETTER_AUTH_URL", "HOST", "PORT"])
    delete clean[key];
  for (const [key, value] of Object.entries(env)) if (value !== undefined) clean[key] = value;
  return new Promise((resolve) => {
    execFile(TSX, ["--conditions=react-server", script, ...args], { env: clean, timeout: 90_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("npm start refuses clearly, before starting anything", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "levers-cli-test-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("a busy HTTP port, before the database is even created", async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, "127.0.0.1", r));
    try {
      const folder = path.join(dataDir, "busy-port");
      const result = await run("lib/cli/start.ts", [], {
        PORT: String(port),
        EMBEDDED_PG_DIR: folder,
        EMBEDDED_PG_PORT: String(await freePort()),
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Port ${port} is already in use`);
      expect(result.stderr).toContain("set PORT to a free port");
      expect(existsSync(path.join(folder, "PG_VERSION"))).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it("a malformed variable, named", async () => {
    const result = await run("lib/cli/start.ts", [], { PORT: "three thousand" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot start: PORT must be a whole number from 1 to 65535 (got "three thousand").');
  });

  it("a DATABASE_URL nobody answers at, naming the variable", async () => {
    const url = `postgresql://levers:secret@127.0.0.1:${await freePort()}/levers`;
    const result = await run("lib/cli/start.ts", [], {
      DATABASE_URL: url,
      BETTER_AUTH_SECRET: "s".repeat(40),
      PORT: String(await freePort()),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Cannot connect to the database in DATABASE_URL");
    expect(result.stderr).toContain("levers:***@127.0.0.1");
    expect(result.stderr).not.toContain("secret@");
  });

  it("a missing BETTER_AUTH_SECRET outside demo mode, before any banner", async () => {
    const url = `postgresql://levers:secret@127.0.0.1:${await freePort()}/levers`;
    const result = await run("lib/cli/start.ts", [], { DATABASE_URL: url, PORT: String(await freePort()) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Cannot start: BETTER_AUTH_SECRET is not set");
    expect(result.stdout).not.toContain("Dashboard:");
  });

  describe("while another npm start holds the embedded database", () => {
    let running: EmbeddedDatabase;
    let folder: string;
    beforeAll(async () => {
      // Directly in the temp folder: PostgreSQL runs as its own user when the tests run as root, and mkdtemp's folders are 0700.
      folder = path.join(os.tmpdir(), `levers-cli-shared-${process.pid}-${Date.now()}`);
      running = await startPersistentDatabase({ dataDir: folder, port: await freePort() });
    }, 120_000);
    afterAll(async () => {
      await running?.stop();
      await rm(folder, { recursive: true, force: true });
    });

    it("a second npm start on the same folder (another EMBEDDED_PG_PORT) says so, and what to do", async () => {
      const result = await run("lib/cli/start.ts", [], {
        EMBEDDED_PG_DIR: folder,
        EMBEDDED_PG_PORT: String(await freePort()),
        PORT: String(await freePort()),
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`is already in use by PostgreSQL`);
      expect(result.stderr).toContain(`port ${running.port}`);
      expect(result.stderr).toContain("EMBEDDED_PG_DIR=");
      expect(result.stderr + result.stdout).not.toMatch(/^\s*undefined\s*$/m);
    });

    it("db:migrate and webhooks:replay use the running database, whatever EMBEDDED_PG_PORT says", async () => {
      const other = String(await freePort());
      const migrated = await run("lib/cli/migrate.ts", [], { EMBEDDED_PG_DIR: folder, EMBEDDED_PG_PORT: other });
      expect(migrated.stderr).toBe("");
      expect(migrated.stdout).toContain("Using the embedded PostgreSQL that is already running");
      expect(migrated.code).toBe(0);
      const replayed = await run("lib/cli/replay.ts", [], { EMBEDDED_PG_DIR: folder, EMBEDDED_PG_PORT: other });
      expect(replayed.stdout).toContain("Nothing to replay.");
      expect(replayed.code).toBe(0);
    }, 120_000);
  });

  it("every command answers --help", async () => {
    for (const script of [
      "start",
      "migrate",
      "seed",
      "replay",
      "send-sample",
      "bench-ingest",
      "bench",
      "build",
      "e2e-server",
      "make-recordings",
      "generate-speed",
      "analytics-measure",
    ]) {
      const result = await run(`lib/cli/${script}.ts`, ["--help"], {});
      expect(result.code, script).toBe(0);
      expect(result.stdout + result.stderr, script).toMatch(/Usage: (npm|npx|DATABASE_URL)/);
    }
  }, 120_000);
});

describe("demo mode listens on this machine only", () => {
  it("binds 127.0.0.1 unless HOST says otherwise; outside demo mode every interface", () => {
    setEnv("HOST", undefined);
    expect(listenHost(true)).toBe("127.0.0.1");
    expect(listenHost(false)).toBeUndefined();
    setEnv("HOST", "0.0.0.0");
    expect(listenHost(true)).toBe("0.0.0.0");
    setEnv("HOST", undefined);
  });
});
