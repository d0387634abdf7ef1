import { describe, expect, it } from "vitest";
import { parseRange, startsAtZero } from "./range";

describe("parseRange", () => {
  const size = 1000;
  it.each([
    [null, { kind: "full" }],
    ["bytes=0-", { kind: "partial", start: 0, end: 999 }],
    ["bytes=100-199", { kind: "partial", start: 100, end: 199 }],
    ["bytes=900-5000", { kind: "partial", start: 900, end: 999 }],
    ["bytes=-500", { kind: "partial", start: 500, end: 999 }],
    ["bytes=-5000", { kind: "partial", start: 0, end: 999 }],
    ["bytes=999-999", { kind: "partial", start: 999, end: 999 }],
    ["bytes=1000-", { kind: "unsatisfiable" }],
    ["bytes=1000-1200", { kind: "unsatisfiable" }],
    ["bytes=-0", { kind: "unsatisfiable" }],
    // Ignored (whole file) rather than refused, as RFC 9110 allows.
    ["bytes=200-100", { kind: "full" }],
    ["bytes=0-1,5-6", { kind: "full" }],
    ["items=0-10", { kind: "full" }],
    ["bytes=abc", { kind: "full" }],
    ["bytes=-", { kind: "full" }],
  ] as const)("%s", (header, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it("cannot satisfy any range of an empty file", () => {
    expect(parseRange("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=-10", 0)).toEqual({ kind: "unsatisfiable" });
  });
});

describe("startsAtZero (when a play is audited)", () => {
  it("is true for no range and ranges from byte 0 only", () => {
    expect(startsAtZero(null)).toBe(true);
    expect(startsAtZero("bytes=0-")).toBe(true);
    expect(startsAtZero("bytes=0-99")).toBe(true);
    expect(startsAtZero("bytes=4096-")).toBe(false);
    expect(startsAtZero("bytes=-500")).toBe(false);
  });
});
