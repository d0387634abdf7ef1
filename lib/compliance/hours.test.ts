import { describe, expect, it } from "vitest";
import { evaluateAccount, mayCallNow, nextPermissibleCall } from "./engine";
import { account, call, settings } from "./test-helpers";
import type { AccountInput, ZoneResolution } from "./types";

const chicago: ZoneResolution = { zones: ["America/Chicago"], unknown: false, notes: [] };

function hourFlags(input: AccountInput, s = settings()) {
  return evaluateAccount(input, s).flags.filter((f) => f.rule === "R3");
}

function at(local: string, zones = chicago) {
  return account([call("c1", local)], { zones });
}

describe("R3 calling hours, 12 CFR 1006.6(b)(1)(i)", () => {
  it("07:59:59 local is before 8:00 a.m.: flagged with the local clock in the message", () => {
    const flags = hourFlags(at("2026-04-01T07:59:59-05:00"));
    expect(flags).toHaveLength(1);
    expect(flags[0]?.message).toBe("call at 07:59:59 America/Chicago, before 08:00 local time — 12 CFR 1006.6(b)(1)(i)");
  });

  it("08:00:00 local is allowed", () => {
    expect(hourFlags(at("2026-04-01T08:00:00-05:00"))).toEqual([]);
  });

  it("21:00:00 local is allowed: the text bars times after 9:00 p.m., and 9:00 p.m. itself is not after it", () => {
    expect(hourFlags(at("2026-04-01T21:00:00-05:00"))).toEqual([]);
  });

  it("21:00:01 local is after 9:00 p.m.: flagged", () => {
    expect(hourFlags(at("2026-04-01T21:00:01-05:00")).map((f) => f.check)).toEqual(["calling-hours"]);
  });

  it("DST starts 2026-03-08: 12:30 UTC is 08:30 EDT (allowed) while the day before it was 07:30 EST (flagged)", () => {
    const ny: ZoneResolution = { zones: ["America/New_York"], unknown: false, notes: [] };
    expect(hourFlags(at("2026-03-08T12:30:00Z", ny))).toEqual([]);
    expect(hourFlags(at("2026-03-07T12:30:00Z", ny))).toHaveLength(1);
  });

  it("DST ends 2026-11-01: 12:30 UTC is 07:30 EST (flagged) while the day before it was 08:30 EDT (allowed)", () => {
    const ny: ZoneResolution = { zones: ["America/New_York"], unknown: false, notes: [] };
    expect(hourFlags(at("2026-11-01T12:30:00Z", ny))).toHaveLength(1);
    expect(hourFlags(at("2026-10-31T12:30:00Z", ny))).toEqual([]);
  });

  it("DST days: the next permissible call opens at 08:00 local on the day clocks change", () => {
    const ny: ZoneResolution = { zones: ["America/New_York"], unknown: false, notes: [] };
    const spring = nextPermissibleCall(account([], { zones: ny }), settings(), new Date("2026-03-08T05:00:00Z"));
    expect(spring.at?.toISOString()).toBe("2026-03-08T12:00:00.000Z");
    const autumn = nextPermissibleCall(account([], { zones: ny }), settings(), new Date("2026-11-01T04:30:00Z"));
    expect(autumn.at?.toISOString()).toBe("2026-11-01T13:00:00.000Z");
  });

  it("cmt 6(b)(1)(i)-2: a multi-zone area code (+1 605: Denver and North Dakota Center) must fit both zones", () => {
    const sd: ZoneResolution = { zones: ["America/Denver", "America/North_Dakota/Center"], unknown: false, notes: [] };
    // 20:30 Mountain is 21:30 Central: too late in one of the candidate zones.
    const flags = hourFlags(at("2026-04-01T20:30:00-06:00", sd));
    expect(flags[0]?.message).toContain("America/North_Dakota/Center");
    // 07:30 Mountain is 08:30 Central: too early in the other.
    expect(hourFlags(at("2026-04-01T07:30:00-06:00", sd))[0]?.message).toContain("America/Denver");
    expect(hourFlags(at("2026-04-01T12:00:00-06:00", sd))).toEqual([]);
  });

  it("cmt 6(b)(1)(i)-2.i: Eastern mobile with a Pacific address may be called only 11:00-21:00 Eastern", () => {
    const both: ZoneResolution = { zones: ["America/New_York", "America/Los_Angeles"], unknown: false, notes: [] };
    const next = nextPermissibleCall(account([], { zones: both }), settings(), new Date("2026-04-01T12:00:00Z"));
    expect(next.at?.toISOString()).toBe("2026-04-01T15:00:00.000Z");
    expect(next.binding?.message).toContain("08:00 America/Los_Angeles");
  });

  it("a toll-free number gives no zone: every call is flagged 'zone unknown', never assumed", () => {
    const unknown: ZoneResolution = { zones: [], unknown: true, notes: ["+18005551234: toll-free number, no location"] };
    const flags = hourFlags(at("2026-04-01T12:00:00Z", unknown));
    expect(flags).toMatchObject([{ check: "zone-unknown", severity: "unevaluable" }]);
    expect(flags[0]?.message).toContain("zone unknown");
  });

  it("zone unknown: mayCallNow says no with that reason, unless the portfolio allows unevaluable rules", () => {
    const input = account([], { zones: { zones: [], unknown: true, notes: [] } });
    const now = new Date("2026-04-01T17:00:00Z");
    const blocked = mayCallNow(input, settings(), now);
    expect(blocked.allowed).toBe(false);
    expect(blocked.nextAllowedAt).toBeNull();
    expect(blocked.reasons[0]).toMatchObject({ rule: "R3", severity: "unevaluable" });
    const allowed = mayCallNow(input, settings({ whenUnevaluable: "allow" }), now);
    expect(allowed.allowed).toBe(true);
    expect(allowed.reasons[0]?.message).toContain("zone unknown");
  });

  it("a call with no placed time is reported unevaluable, not passed", () => {
    const flags = hourFlags(account([call("c1", null)]));
    expect(flags).toMatchObject([{ check: "no-placed-time", severity: "unevaluable" }]);
  });

  it("1006.6(b)(4)(i): consent naming a time lifts the limit for calls inside it", () => {
    const consent = {
      consentId: "early",
      givenAt: new Date("2026-04-01T12:00:00-05:00"),
      debtKeys: [],
      timeNamed: true,
      window: { start: new Date("2026-04-02T07:15:00-05:00"), end: new Date("2026-04-02T07:45:00-05:00") },
    };
    const input = account([call("c1", "2026-04-02T07:30:00-05:00")], { consents: [consent] });
    expect(hourFlags(input)).toEqual([]);
    expect(hourFlags({ ...input, consents: [{ ...consent, timeNamed: false }] })).toHaveLength(1);
  });

  it("narrower business hours from the settings bind too", () => {
    expect(hourFlags(at("2026-04-01T08:30:00-05:00"), settings({ callingHours: { start: "09:00", end: "20:00" } }))).toHaveLength(1);
  });

  describe("cmt 6(b)(1)-1.ii: times the consumer names as inconvenient bind", () => {
    const said = [
      { id: "i1", since: new Date("2026-04-01T00:00:00Z"), weekdays: [1, 2, 3, 4, 5], from: "15:00", to: "17:00" },
      { id: "i2", since: new Date("2026-04-01T00:00:00Z"), weekdays: [0, 6], from: "00:00", to: "24:00" },
    ];
    const input = (local: string | null) => account(local ? [call("c1", local)] : [], { inconvenientTimes: said });

    it("weekdays 3-5 p.m. and weekends are flagged; 5 p.m. on a weekday is not", () => {
      expect(hourFlags(input("2026-04-08T15:30:00-05:00")).map((f) => f.check)).toEqual(["named-inconvenient"]);
      expect(hourFlags(input("2026-04-08T17:00:00-05:00"))).toEqual([]);
      expect(hourFlags(input("2026-04-11T10:00:00-05:00"))[0]?.message).toContain("Sun, Sat 00:00-24:00");
    });

    it("the planner waits for the end of the named time, and over the weekend to Monday 08:00", () => {
      expect(nextPermissibleCall(input(null), settings(), new Date("2026-04-08T20:30:00Z")).at?.toISOString()).toBe(
        "2026-04-08T22:00:00.000Z",
      );
      expect(nextPermissibleCall(input(null), settings(), new Date("2026-04-11T15:00:00Z")).at?.toISOString()).toBe(
        "2026-04-13T13:00:00.000Z",
      );
    });
  });
});
