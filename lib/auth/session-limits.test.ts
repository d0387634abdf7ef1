import { describe, expect, it } from "vitest";
import { sessionState } from "./session-limits";

const config = { idleTimeoutSeconds: 30 * 60, absoluteTimeoutSeconds: 12 * 3600 };
const now = Date.parse("2026-11-28T12:00:00Z");
const minutes = (n: number) => new Date(now - n * 60_000);

describe("sessionState: idle and absolute limits", () => {
  it("is active while used within the idle limit and the absolute limit", () => {
    expect(sessionState({ createdAt: minutes(600), updatedAt: minutes(29), expiresAt: new Date(now + 3600_000) }, config, now)).toBe(
      "active",
    );
  });

  it("ends after 30 minutes without activity", () => {
    expect(sessionState({ createdAt: minutes(45), updatedAt: minutes(30), expiresAt: new Date(now + 3600_000) }, config, now)).toBe("idle");
  });

  it("ends 12 hours after sign-in however active it is", () => {
    expect(sessionState({ createdAt: minutes(12 * 60), updatedAt: minutes(0), expiresAt: new Date(now + 3600_000) }, config, now)).toBe(
      "expired",
    );
  });

  it("ends at the stored expiry", () => {
    expect(sessionState({ createdAt: minutes(5), updatedAt: minutes(1), expiresAt: new Date(now) }, config, now)).toBe("expired");
  });
});
