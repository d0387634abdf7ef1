import { describe, expect, it, vi } from "vitest";
import { DatabaseUnavailableError, errorResponse, InvalidSignatureError, isDatabaseUnavailable, outcomeResponse } from "./errors";

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
  ])("%s → unavailable", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a constraint violation", Object.assign(new Error("violates check constraint"), { code: "23514" })],
    ["a plain bug", new TypeError("x is undefined")],
    ["not an error", "nope"],
  ])("%s → not unavailable", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("HTTP mapping", () => {
  it("maps refusals to their status with a short JSON reason", async () => {
    const response = errorResponse(new InvalidSignatureError("No matching signature."));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "invalid_signature", message: "No matching signature." });
    expect(errorResponse(new DatabaseUnavailableError()).headers.get("retry-after")).toBe("5");
  });

  it("never answers 500: an unexpected error becomes 503 so the sender retries", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = errorResponse(new TypeError("boom"));
    expect(response.status).toBe(503);
    expect(JSON.stringify(await response.json())).not.toContain("boom");
    log.mockRestore();
  });

  it("maps outcomes: invalid JSON 400, validation 422 with issues, failed-but-kept 202", async () => {
    expect(outcomeResponse({ status: "invalid", deliveryId: "d", error: { kind: "not_json", message: "m" } }).status).toBe(400);
    const invalid = outcomeResponse({
      status: "invalid",
      deliveryId: "d",
      error: { kind: "validation", message: "m", issues: [{ path: "duration", message: "must not be negative" }] },
    });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ error: "validation_failed", issues: [{ path: "duration" }] });
    expect(outcomeResponse({ status: "failed", deliveryId: "d", error: { kind: "processing", message: "m" } }).status).toBe(202);
    expect(outcomeResponse({ status: "duplicate", deliveryId: "d", callId: null }).status).toBe(200);
  });
});
