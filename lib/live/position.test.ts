import { describe, expect, it } from "vitest";
import { decodePosition, encodePosition, parsePositionParam } from "./position";

describe("live feed positions", () => {
  const position = { snapshot: "759:762:759,760", at: "2026-12-01T10:00:00.000Z", since: "2026-12-01T09:59:59.000Z" };

  it("round-trips a position through its token", () => {
    expect(decodePosition(encodePosition(position))).toEqual(position);
  });

  it("refuses what the server did not hand out: 400 on the URL, ignored as Last-Event-ID", () => {
    const forged = Buffer.from(JSON.stringify({ v: 1, s: "1:2:'; DROP TABLE calls", a: position.at, l: position.since })).toString(
      "base64url",
    );
    for (const token of ["nonsense", forged, "x".repeat(5000), Buffer.from(JSON.stringify({ v: 2 })).toString("base64url")]) {
      expect(decodePosition(token)).toBeNull();
      expect(() => parsePositionParam(token)).toThrow(/since is not a position/);
    }
    expect(parsePositionParam(null)).toBeNull();
  });
});
