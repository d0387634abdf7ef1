import { describe, expect, it } from "vitest";
import {
  addDays,
  isValidTimeZone,
  localDateOf,
  localDay,
  localTimeOfDay,
  localToUtc,
  MS_PER_DAY,
  offsetMinutesAt,
  startOfLocalDay,
  toLocal,
  wallClockToUtc,
  weekdayOfDate,
  weekdayOfDay,
  zonedToInstant,
  zoneOffset,
} from "./zones";

const NY = "America/New_York";
const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY;
const iso = (ms: number) => new Date(ms).toISOString();

describe("offsets", () => {
  it("change at the instant New York's clocks do, 2026-03-08 07:00Z and 2026-11-01 06:00Z", () => {
    expect(zoneOffset(NY, at("2026-03-08T06:59:59Z"))).toBe(-5 * HOUR);
    expect(zoneOffset(NY, at("2026-03-08T07:00:00Z"))).toBe(-4 * HOUR);
    expect(zoneOffset(NY, at("2026-11-01T05:59:59Z"))).toBe(-4 * HOUR);
    expect(zoneOffset(NY, at("2026-11-01T06:00:00Z"))).toBe(-5 * HOUR);
    expect(offsetMinutesAt(new Date("2026-11-01T06:00:00Z"), NY)).toBe(-300);
    expect(offsetMinutesAt(new Date("2026-07-01T00:00:00Z"), "Pacific/Chatham")).toBe(765);
  });
  it("keep the sign and the seconds of historical offsets under an hour (the library reads -00:44:30 as +44.5 min)", () => {
    expect(zoneOffset("Africa/Monrovia", at("1970-06-01T00:00:00Z"))).toBe(-(44 * 60 + 30) * 1000);
    expect(zoneOffset(NY, at("1880-06-01T00:00:00Z"))).toBe(-(4 * 3600 + 56 * 60 + 2) * 1000);
  });
  it("refuse an unknown zone instead of reading an offset out of its name", () => {
    expect(isValidTimeZone(NY)).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("Foo-05")).toBe(false);
    expect(() => zoneOffset("Foo-05", 0)).toThrow(RangeError);
  });
});

describe("local readings of an instant", () => {
  it("on the night New York falls back, 01:30 happens twice and the day has 25 hours", () => {
    expect(toLocal(new Date("2026-11-01T05:30:00Z"), NY)).toMatchObject({ day: 1, hour: 1, minute: 30, weekday: 0 });
    expect(toLocal(new Date("2026-11-01T06:30:00Z"), NY)).toMatchObject({ day: 1, hour: 1, minute: 30, weekday: 0 });
    expect(localTimeOfDay(NY, at("2026-11-01T06:30:00Z"))).toBe(1.5 * HOUR);
    expect(startOfLocalDay(NY, dayOf("2026-11-02")) - startOfLocalDay(NY, dayOf("2026-11-01"))).toBe(25 * HOUR);
  });
  it("the local calendar day, across midnight and the spring-forward gap", () => {
    expect(localDateOf(new Date("2026-03-08T04:59:00Z"), NY)).toBe("2026-03-07");
    expect(localDateOf(new Date("2026-03-08T05:00:00Z"), NY)).toBe("2026-03-08");
    expect(localDay(NY, at("2026-03-08T07:00:00Z"))).toBe(dayOf("2026-03-08"));
    expect(toLocal(new Date("2026-03-08T07:00:00Z"), NY)).toMatchObject({ hour: 3, minute: 0 });
    expect(startOfLocalDay(NY, dayOf("2026-03-09")) - startOfLocalDay(NY, dayOf("2026-03-08"))).toBe(23 * HOUR);
  });
});

describe("wall-clock time to instant", () => {
  it("a repeated time takes its first occurrence, west and east of UTC", () => {
    expect(iso(localToUtc(NY, dayOf("2026-11-01"), 1.5 * HOUR))).toBe("2026-11-01T05:30:00.000Z");
    expect(zonedToInstant(2026, 11, 1, 1, 30, NY).toISOString()).toBe("2026-11-01T05:30:00.000Z");
    // Berlin repeats 02:00-03:00 on 2026-10-25: 02:30 CEST comes first.
    expect(zonedToInstant(2026, 10, 25, 2, 30, "Europe/Berlin").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(iso(localToUtc("Europe/Berlin", dayOf("2026-10-25"), 2.5 * HOUR))).toBe("2026-10-25T00:30:00.000Z");
  });
  it("a time skipped by spring-forward: shifted by the gap, or the end of the gap", () => {
    const wall = at("2026-03-08T02:30:00Z");
    expect(iso(wallClockToUtc(NY, wall, "shift"))).toBe("2026-03-08T07:30:00.000Z"); // 03:30 EDT
    expect(iso(wallClockToUtc(NY, wall, "gap-end"))).toBe("2026-03-08T07:00:00.000Z"); // 03:00 EDT
    expect(zonedToInstant(2026, 3, 8, 2, 30, NY).toISOString()).toBe("2026-03-08T07:30:00.000Z");
    expect(iso(localToUtc(NY, dayOf("2026-03-08"), 2.5 * HOUR))).toBe("2026-03-08T07:00:00.000Z");
    // Lord Howe skips half an hour (02:00 -> 02:30); the change is not on the hour.
    expect(iso(localToUtc("Australia/Lord_Howe", dayOf("2026-10-04"), 2.25 * HOUR))).toBe("2026-10-03T15:30:00.000Z");
    expect(zonedToInstant(2026, 10, 4, 2, 15, "Australia/Lord_Howe").toISOString()).toBe("2026-10-03T15:45:00.000Z");
  });
  it("a day that starts at 01:00 because midnight is skipped (Santiago, 2026-09-06)", () => {
    expect(iso(startOfLocalDay("America/Santiago", dayOf("2026-09-06")))).toBe("2026-09-06T04:00:00.000Z");
    expect(zonedToInstant(2026, 9, 6, 0, 0, "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
  });
  it("round-trips every quarter hour of both DST days that exists", () => {
    for (const day of ["2026-03-08", "2026-11-01"]) {
      const start = startOfLocalDay(NY, dayOf(day));
      for (let ms = start; localDay(NY, ms) === dayOf(day); ms += 900_000) {
        const local = toLocal(new Date(ms), NY);
        if (
          ms === at("2026-11-01T06:00:00Z") ||
          ms === at("2026-11-01T06:15:00Z") ||
          ms === at("2026-11-01T06:30:00Z") ||
          ms === at("2026-11-01T06:45:00Z")
        )
          continue; // second 01:xx
        expect(zonedToInstant(local.year, local.month, local.day, local.hour, local.minute, NY).getTime()).toBe(ms);
        expect(localToUtc(NY, dayOf(day), localTimeOfDay(NY, ms))).toBe(ms);
      }
    }
  });
});

describe("calendar dates", () => {
  it("days and weekdays are unaffected by DST", () => {
    expect(addDays("2026-03-07", 2)).toBe("2026-03-09");
    expect(addDays("2026-11-01", -1)).toBe("2026-10-31");
    expect(weekdayOfDate("2026-03-08")).toBe(0);
    expect(weekdayOfDay(dayOf("2026-11-01"))).toBe(0);
    expect(weekdayOfDay(-1)).toBe(3);
  });
});
