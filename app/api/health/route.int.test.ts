import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freePort } from "@/lib/db/embedded";
import { useTestDatabase } from "@/lib/testing/database";
import { GET } from "./route";

/**
 * GET /api/health is what a load balancer (and the e2e harness) polls: 200
 * while the database answers, 503 the moment it does not, 200 again when it
 * is back, never cached.
 */
async function health() {
  const response = await GET();
  return { status: response.status, body: await response.json(), cache: response.headers.get("cache-control") };
}

describe("GET /api/health", () => {
  const db = useTestDatabase();
  let admin: pg.Client;

  beforeAll(async () => {
    const url = new URL(db.url());
    url.pathname = "/postgres";
    admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    // The pool logs the connections the test cuts.
    vi.spyOn(console, "error").mockImplementation(() => {});
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await admin.end();
  });

  const name = () => new URL(db.url()).pathname.slice(1);

  it("answers 200 while the database is up", async () => {
    expect(await health()).toEqual({ status: 200, body: { status: "ok", database: "up" }, cache: "no-store" });
  });

  it("answers 503 while the database refuses connections, and 200 again once it is back", async () => {
    await health(); // the pool holds a live connection, which the outage must cut
    await admin.query(`ALTER DATABASE "${name()}" ALLOW_CONNECTIONS false`);
    try {
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name()]);
      // The first check may be the one that finds its idle connection cut; every one after must still say down.
      for (let i = 0; i < 3; i++) {
        expect(await health()).toEqual({ status: 503, body: { status: "degraded", database: "down" }, cache: "no-store" });
      }
    } finally {
      await admin.query(`ALTER DATABASE "${name()}" ALLOW_CONNECTIONS true`);
    }
    expect((await health()).status).toBe(200);
  });

  it("answers 503 when nothing listens at the database's address", async () => {
    const saved = process.env.DATABASE_URL;
    const { disconnectPrisma } = await import("@/lib/db/client");
    const dead = new URL(db.url());
    dead.hostname = "127.0.0.1";
    dead.port = String(await freePort());
    dead.search = "";
    await disconnectPrisma();
    process.env.DATABASE_URL = dead.toString();
    try {
      const started = Date.now();
      expect(await health()).toEqual({ status: 503, body: { status: "degraded", database: "down" }, cache: "no-store" });
      expect(Date.now() - started).toBeLessThan(6_000);
    } finally {
      await disconnectPrisma();
      process.env.DATABASE_URL = saved;
    }
    expect((await health()).status).toBe(200);
  });
});
