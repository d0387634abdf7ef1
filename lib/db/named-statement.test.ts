import { describe, expect, it } from "vitest";
import { namedStatement } from "./client";
import { Prisma } from "./sql";

describe("namedStatement", () => {
  it("keeps one text per prepared statement: a changed text throws instead of failing on a pooled connection", () => {
    const build = (ids: string[]) => namedStatement("test_stable", Prisma.sql`SELECT * FROM unnest(${ids}::uuid[]) AS i(id)`);
    expect(build(["a"]).text).toBe(build(["a", "b", "c"]).text);
    expect(() => namedStatement("test_stable", Prisma.sql`SELECT ${1}::int`)).toThrow(/changed its text/);
  });
});
