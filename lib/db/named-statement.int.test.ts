import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/database";
import { getPrisma, namedStatement } from "./client";
import { Prisma, queryRows } from "./sql";

useTestDatabase();

describe("a named statement through Prisma", () => {
  it("is prepared on the connection under its name (the text Prisma sends is the fragment's text)", async () => {
    const names = await getPrisma().$transaction(async (tx) => {
      for (const n of [1, 2, 3]) await queryRows(namedStatement("test_prepared_probe", Prisma.sql`SELECT ${n}::int AS n`), tx);
      return queryRows<{ name: string }>(Prisma.sql`SELECT name FROM pg_prepared_statements`, tx);
    });
    expect(names.map((r) => r.name)).toContain("test_prepared_probe");
  });
});
