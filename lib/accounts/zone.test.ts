import { describe, expect, it } from "vitest";
import { addDays, isValidIsoDate, isValidTimeZone, localDateOf, offsetMinutesAt, toLocal, zonedToInstant } from "./zone";

describe("zone helpers", () => {
  it("offset in minutes at the instant, across DST (what chrono needs instead of an IANA name)", () => {
    expect(offsetMinutesAt(new Date("2026-03-07T12:00:00Z"), "America/Chicago")).toBe(-360);
    expect(offsetMinutesAt(new Date("2026-03-09T12:00:00Z"), "America/Chicago")).toBe(-300);
    expect(offsetMinutesAt(new Date("2026-03-09T12:00:00Z"), "Asia/Kolkata")).toBe(330);
  });
  it("local wall time to instant, including the day clocks spring forward", () => {
    expect(zonedToInstant(2026, 3, 9, 9, 0, "America/Chicago")).toEqual(new Date("2026-03-09T14:00:00Z"));
    expect(zonedToInstant(2026, 3, 7, 0, 0, "America/Chicago")).toEqual(new Date("2026-03-07T06:00:00Z"));
    // 02:30 does not exist on 8 March in Chicago: it lands an hour later.
    expect(toLocal(zonedToInstant(2026, 3, 8, 2, 30, "America/Chicago"), "America/Chicago").hour).toBe(3);
  });
  it("local dates and calendar arithmetic", () => {
    expect(localDateOf(new Date("2026-03-03T03:00:00Z"), "America/Chicago")).toBe("2026-03-02");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-03-07", 2)).toBe("2026-03-09");
  });
  it("rejects impossible dates and unknown zones", () => {
    expect(isValidIsoDate("2026-02-30")).toBe(false);
    expect(isValidIsoDate("2026-2-3")).toBe(false);
    expect(isValidIsoDate("2028-02-29")).toBe(true);
    expect(isValidTimeZone("America/Chicago")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });
});
