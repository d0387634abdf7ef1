import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoUsers } from "@/lib/auth/bootstrap";
import { rawEnv, setEnv } from "@/lib/env";
import { useTestDatabase } from "@/lib/testing/database";
import { demoAccountsToShow } from "./accounts";

describe("demo accounts on the login page", () => {
  const db = useTestDatabase();
  const saved = rawEnv().DEMO_MODE;
  beforeAll(() => setEnv("DEMO_MODE", "1"));
  afterAll(() => setEnv("DEMO_MODE", saved));

  it("offers none when DEMO_MODE=1 is set on a database without the demo users", async () => {
    expect(await demoAccountsToShow()).toEqual([]);
  });

  it("offers those that exist and are not deactivated, and none outside demo mode", async () => {
    await ensureDemoUsers(db.url());
    expect((await demoAccountsToShow()).map((a) => a.role).sort()).toEqual(["admin", "agent", "manager"]);

    const client = new pg.Client({ connectionString: db.url() });
    await client.connect();
    await client.query("UPDATE users SET banned = true WHERE email = 'agent@demo.levers.local'");
    await client.end();
    expect((await demoAccountsToShow()).map((a) => a.role).sort()).toEqual(["admin", "manager"]);

    setEnv("DEMO_MODE", undefined);
    expect(await demoAccountsToShow()).toEqual([]);
  });
});
