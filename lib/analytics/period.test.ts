import { describe, expect, it } from "vitest";
import { MAX_PERIOD_DAYS, resolvePeriod, rollupZone } from "./period";
import { splitRange } from "./range-split";

const NOW = new Date("2026-11-20T15:07:00Z"); // 20:37 in Kolkata, 10:07 in New York

describe("resolvePeriod", () => {
  it("reads presets as local days ending today, in the viewer's zone", () => {
    const p = resolvePeriod({ range: "7d", from: null, to: null, granularity: null, tz: "Asia/Kolkata" }, NOW);
    expect([p.from, p.to, p.days, p.granularity]).toEqual(["2026-11-14", "2026-11-20", 7, "day"]);
    expect(p.start.toISOString()).toBe("2026-11-13T18:30:00.000Z"); // Kolkata midnight
    // The period runs to now (rounded up to the 15-minute bucket), and the previous one is as long.
    expect(p.end.toISOString()).toBe("2026-11-20T15:15:00.000Z");
    expect(p.previous.end).toEqual(p.start);
    expect(p.previous.start.getTime()).toBe(p.start.getTime() - (p.end.getTime() - p.start.getTime()));
  });

  it("uses the day after `to` as the end of a past custom range and compares with the days just before", () => {
    const p = resolvePeriod({ range: null, from: "2026-10-01", to: "2026-10-31", granularity: null, tz: "America/New_York" }, NOW);
    expect(p.preset).toBe("custom");
    expect(p.start.toISOString()).toBe("2026-10-01T04:00:00.000Z");
    expect(p.end.toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(p.previous.start.toISOString()).toBe("2026-08-31T04:00:00.000Z");
  });

  it("compares the 30 d, 90 d and this-month presets with the equally long period just before (pinned instants)", () => {
    const at = (range: "30d" | "90d" | "this-month", tz: string) => {
      const p = resolvePeriod({ range, from: null, to: null, granularity: null, tz }, NOW);
      return {
        from: p.from,
        to: p.to,
        start: p.start.toISOString(),
        end: p.end.toISOString(),
        previous: [p.previous.start.toISOString(), p.previous.end.toISOString()],
      };
    };
    // 29 days 20 h 45 min long, so the previous period starts mid-day.
    expect(at("30d", "Asia/Kolkata")).toEqual({
      from: "2026-10-22",
      to: "2026-11-20",
      start: "2026-10-21T18:30:00.000Z",
      end: "2026-11-20T15:15:00.000Z",
      previous: ["2026-09-21T21:45:00.000Z", "2026-10-21T18:30:00.000Z"],
    });
    expect(at("90d", "UTC")).toEqual({
      from: "2026-08-23",
      to: "2026-11-20",
      start: "2026-08-23T00:00:00.000Z",
      end: "2026-11-20T15:15:00.000Z",
      previous: ["2026-05-25T08:45:00.000Z", "2026-08-23T00:00:00.000Z"],
    });
    // New York left summer time on 1 November at 02:00: the month starts at 04:00Z and runs 467 h 15 min.
    expect(at("this-month", "America/New_York")).toEqual({
      from: "2026-11-01",
      to: "2026-11-20",
      start: "2026-11-01T04:00:00.000Z",
      end: "2026-11-20T15:15:00.000Z",
      previous: ["2026-10-12T16:45:00.000Z", "2026-11-01T04:00:00.000Z"],
    });
  });

  it("starts this month on the 1st and picks week/month buckets for long ranges", () => {
    expect(resolvePeriod({ range: "this-month", from: null, to: null, granularity: null, tz: "UTC" }, NOW).from).toBe("2026-11-01");
    expect(resolvePeriod({ range: null, from: "2026-01-01", to: "2026-11-01", granularity: null, tz: "UTC" }, NOW).granularity).toBe(
      "week",
    );
    expect(resolvePeriod({ range: null, from: "2025-01-01", to: "2026-11-01", granularity: null, tz: "UTC" }, NOW).granularity).toBe(
      "month",
    );
    expect(resolvePeriod({ range: "90d", from: null, to: null, granularity: "month", tz: "UTC" }, NOW).granularity).toBe("month");
  });

  it("repairs odd custom input instead of failing: swapped dates, over-long ranges, unknown zones", () => {
    const swapped = resolvePeriod({ range: "custom", from: "2026-11-10", to: "2026-11-01", granularity: null, tz: "UTC" }, NOW);
    expect([swapped.from, swapped.to]).toEqual(["2026-11-01", "2026-11-10"]);
    const long = resolvePeriod({ range: "custom", from: "2020-01-01", to: "2026-11-01", granularity: null, tz: "UTC" }, NOW);
    expect(long.days).toBe(MAX_PERIOD_DAYS);
    expect(resolvePeriod({ range: "7d", from: null, to: null, granularity: null, tz: "Mars/Olympus" }, NOW).tz).toBe("UTC");
  });
});

describe("splitRange", () => {
  const range = { start: new Date("2026-11-13T18:30:00Z"), end: new Date("2026-11-20T15:15:00Z") };

  it("reads everything from the 15-minute tier when the zone has no daily rows", () => {
    expect(splitRange(range, "Asia/Kolkata", { kind: "none" })).toEqual({ daily: null, fine: [range] });
  });

  it("reads whole local days from the daily tier and the partial last day from the 15-minute tier", () => {
    expect(splitRange(range, "Asia/Kolkata", { kind: "full" })).toEqual({
      daily: { fromDay: "2026-11-14", toDay: "2026-11-20" },
      fine: [{ start: new Date("2026-11-19T18:30:00Z"), end: range.end }],
    });
  });

  it("leaves days before a partial backfill to the 15-minute tier", () => {
    expect(splitRange(range, "Asia/Kolkata", { kind: "partial", completeFrom: "2026-11-17" })).toEqual({
      daily: { fromDay: "2026-11-17", toDay: "2026-11-20" },
      fine: [
        { start: range.start, end: new Date("2026-11-16T18:30:00Z") },
        { start: new Date("2026-11-19T18:30:00Z"), end: range.end },
      ],
    });
  });

  it("handles a range that starts mid-day (the previous period of a partial one)", () => {
    const mid = { start: new Date("2026-11-06T21:45:00Z"), end: new Date("2026-11-13T18:30:00Z") };
    expect(splitRange(mid, "Asia/Kolkata", { kind: "full" })).toEqual({
      // 03:15 on the 7th in Kolkata: the 7th is partial, whole days start on the 8th.
      daily: { fromDay: "2026-11-08", toDay: "2026-11-14" },
      fine: [{ start: mid.start, end: new Date("2026-11-07T18:30:00Z") }],
    });
  });
});

describe("rollupZone", () => {
  it("gives aliases of one zone one name, so they share daily rollup rows", () => {
    expect(rollupZone("Asia/Kolkata")).toBe(rollupZone("Asia/Calcutta"));
    expect(rollupZone("US/Eastern")).toBe("America/New_York");
    expect(rollupZone("Etc/UTC")).toBe("UTC");
  });
});
