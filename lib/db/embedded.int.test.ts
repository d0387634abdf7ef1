import pg from "pg";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/database";

describe("the embedded PostgreSQL", () => {
  const db = useTestDatabase();

  it.skipIf(process.platform === "win32" || !!process.env.TEST_DATABASE_URL)("is reached through its Unix socket, not TCP", async () => {
    const client = new pg.Client({ connectionString: db.url() });
    await client.connect();
    try {
      // inet_server_addr() is null exactly when the session came over a Unix socket.
      const { rows } = await client.query<{ addr: string | null }>("SELECT inet_server_addr()::text AS addr");
      expect(rows[0]!.addr).toBeNull();
    } finally {
      await client.end();
    }
  });
});
