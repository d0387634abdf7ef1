import { describe, expect, it } from "vitest";
import { databaseMessage, isDatabaseUnavailable, isRetryableConflict, isStatementTimeout, sqlState } from "./errors";

/** The shape @prisma/adapter-pg gives a pg error: a Prisma error whose meta holds the driver's. */
function prismaError(code: string, message: string, cause?: Record<string, unknown>) {
  return Object.assign(new Error(message), {
    name: "PrismaClientKnownRequestError",
    code,
    meta: cause ? { driverAdapterError: { name: "DriverAdapterError", cause } } : undefined,
  });
}

describe("isDatabaseUnavailable", () => {
  it.each([
    ["refused connection", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["server shutting down", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })],
    ["starting up", Object.assign(new Error("the database system is starting up"), { code: "57P03" })],
    ["connection class 08", Object.assign(new Error("x"), { code: "08006" })],
    ["disk full", Object.assign(new Error("could not extend file"), { code: "53100" })],
    ["broken socket", new Error("Connection terminated unexpectedly")],
    ["pool timeout", new Error("timeout exceeded when trying to connect")],
    ["wrapped", new Error("outer", { cause: Object.assign(new Error("inner"), { code: "ECONNRESET" }) })],
    ["both addresses refused", Object.assign(new AggregateError([Object.assign(new Error("a"), { code: "ECONNREFUSED" })]), {})],
    ["too many connections", Object.assign(new Error("sorry, too many clients already"), { code: "53300" })],
    ["serialization failure", Object.assign(new Error("could not serialize access"), { code: "40001" })],
    ["Prisma cannot reach the server", prismaError("P1001", "Can't reach database server at `db:5432`")],
    ["Prisma connection closed", prismaError("P1017", "Server has closed the connection.")],
    [
      "adapter: pg shutting down",
      prismaError("P2010", "Raw query failed.", { kind: "postgres", code: "57P01", message: "terminating connection" }),
    ],
    ["adapter: not reachable", prismaError("P2010", "Raw query failed.", { kind: "DatabaseNotReachable", host: "db" })],
    ["adapter: connection closed", prismaError("P2010", "Raw query failed.", { kind: "ConnectionClosed" })],
    ["adapter: too many connections", prismaError("P2010", "Raw query failed.", { kind: "TooManyConnections", originalCode: "53300" })],
  ])("%s → unavailable", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a constraint violation", Object.assign(new Error("violates check constraint"), { code: "23514" })],
    ["a plain bug", new TypeError("x is undefined")],
    ["adapter: a syntax error", prismaError("P2010", "Raw query failed.", { kind: "postgres", code: "42601", message: "syntax error" })],
    [
      "adapter: a unique violation",
      prismaError("P2002", "Unique constraint failed", { kind: "UniqueConstraintViolation", originalCode: "23505" }),
    ],
    ["not an error", "nope"],
  ])("%s → not unavailable", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("sqlState", () => {
  it("reads pg's code, the adapter's originalCode and its postgres code", () => {
    expect(sqlState(Object.assign(new Error("x"), { code: "57014" }))).toBe("57014");
    expect(sqlState(prismaError("P2010", "m", { kind: "postgres", code: "57014" }))).toBe("57014");
    expect(sqlState(prismaError("P2034", "m", { kind: "TransactionWriteConflict", originalCode: "40P01" }))).toBe("40P01");
    expect(sqlState(prismaError("P1001", "m"))).toBeUndefined();
    expect(isStatementTimeout(prismaError("P2010", "m", { kind: "postgres", code: "57014" }))).toBe(true);
    expect(isRetryableConflict(prismaError("P2034", "m", { kind: "TransactionWriteConflict", originalCode: "40001" }))).toBe(true);
  });
});

describe("databaseMessage", () => {
  it("is the database's message, without Prisma's invocation banner", () => {
    const error = prismaError("P2010", "Invalid `prisma.$queryRawUnsafe()` invocation:\n\nRaw query failed.", {
      kind: "postgres",
      code: "P0001",
      message: "refused by test trigger",
    });
    expect(databaseMessage(error)).toBe("refused by test trigger");
    expect(databaseMessage(new Error("plain"))).toBe("plain");
  });
});
