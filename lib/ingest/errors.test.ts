import { describe, expect, it, vi } from "vitest";
import { DatabaseUnavailableError, errorResponse, InvalidSignatureError, outcomeResponse } from "./errors";

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
