import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, InvalidCursorError } from "./cursor";
import { CURSOR_PATTERN } from "./search-params";

const id = "0b6f2c2e-6a55-4b1e-9b7e-0f3d2b1a9c8d";

describe("keyset cursors", () => {
  it("round-trip and look like opaque URL-safe tokens", () => {
    const c = encodeCursor({ sort: "receivedAt.desc", direction: "next", key: { value: "2026-11-20T12:00:00.000Z", id } });
    expect(c).toMatch(CURSOR_PATTERN);
    expect(decodeCursor(c, "receivedAt.desc")).toEqual({
      sort: "receivedAt.desc",
      direction: "next",
      key: { value: "2026-11-20T12:00:00.000Z", id },
    });
    const r = encodeCursor({ sort: "relevance", direction: "prev", key: { value: "0.0607927|2026-11-20T12:00:00.000Z", id } });
    expect(decodeCursor(r, "relevance").key.value).toBe("0.0607927|2026-11-20T12:00:00.000Z");
  });

  it("refuse a cursor made for another sort, or tampered with", () => {
    const c = encodeCursor({ sort: "duration.asc", direction: "next", key: { value: 30, id } });
    expect(() => decodeCursor(c, "receivedAt.desc")).toThrow(/sort=duration\.asc/);
    expect(() => decodeCursor("abc", "receivedAt.desc")).toThrow(InvalidCursorError);
    const forged = Buffer.from(JSON.stringify({ v: 1, s: "duration.asc", d: "n", k: "1; DROP TABLE calls", i: id })).toString("base64url");
    expect(() => decodeCursor(forged, "duration.asc")).toThrow(InvalidCursorError);
    const badId = Buffer.from(JSON.stringify({ v: 1, s: "duration.asc", d: "n", k: 3, i: "x" })).toString("base64url");
    expect(() => decodeCursor(badId, "duration.asc")).toThrow(InvalidCursorError);
  });

  it("let a relevance listing continue with its newest-first fallback cursor", () => {
    const c = encodeCursor({ sort: "receivedAt.desc", direction: "next", key: { value: "2026-11-20T12:00:00.000Z", id } });
    expect(decodeCursor(c, "relevance").sort).toBe("receivedAt.desc");
  });
});
