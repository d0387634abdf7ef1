import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, MASSACHUSETTS, validateSettings } from "./settings";

describe("per-portfolio settings", () => {
  it("defaults to the federal rule with the Massachusetts override shipped (940 CMR 7.04(1)(f))", () => {
    const result = validateSettings({});
    expect(result).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
    expect(DEFAULT_SETTINGS.stateOverrides.MA?.maxCallsPer7Days).toBe(2);
  });

  it("refuses R3 off with a clear error: calling hours bind every portfolio (1006.6(b)(1)(i))", () => {
    const result = validateSettings({ collectorType: "first-party", rules: { R3: false } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([{ field: "rules.R3", message: expect.stringContaining("cannot be turned off") }]);
    }
  });

  it("refuses R4 off, even for a first-party creditor (1006.14(h)(1))", () => {
    const result = validateSettings({ collectorType: "first-party", rules: { R4: false } });
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(["rules.R4"]);
  });

  it("lets a first-party creditor turn R1 off, but not a debt collector (1006.2(i))", () => {
    expect(validateSettings({ collectorType: "first-party", rules: { R1: false } }).ok).toBe(true);
    const refused = validateSettings({ rules: { R1: false } });
    expect(refused.ok ? [] : refused.errors.map((e) => e.field)).toEqual(["rules.R1"]);
  });

  it("validates ranges: stricter than the regulation is fine, looser is refused, field by field", () => {
    expect(validateSettings({ maxCallsPer7Days: 5, callingHours: { start: "09:00", end: "20:00" } }).ok).toBe(true);
    const bad = validateSettings({
      maxCallsPer7Days: 8,
      quietDaysAfterConversation: 3,
      stateOverrides: { MA: { maxCallsPer7Days: 0, citation: "" } },
      horizonDays: 0,
    });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field).sort()).toEqual([
      "horizonDays",
      "maxCallsPer7Days",
      "quietDaysAfterConversation",
      "stateOverrides.MA.citation",
      "stateOverrides.MA.maxCallsPer7Days",
    ]);
    const badState = validateSettings({ stateOverrides: { Mass: MASSACHUSETTS } });
    expect(badState.ok ? [] : badState.errors).toEqual([{ field: "stateOverrides.Mass", message: expect.stringContaining("two-letter") }]);
    const early = validateSettings({ callingHours: { start: "07:30", end: "21:30" } });
    expect(early.ok ? [] : early.errors.map((e) => e.field)).toEqual(["callingHours.start", "callingHours.end"]);
    const malformed = validateSettings({ callingHours: { start: "8am", end: "21:00" }, unknownZoneDayZones: ["Nowhere/City"] });
    expect(malformed.ok ? [] : malformed.errors.map((e) => e.field)).toEqual(["callingHours.start", "unknownZoneDayZones.0"]);
  });

  it("never throws on junk input", () => {
    expect(validateSettings("nope").ok).toBe(false);
    expect(validateSettings({ rules: { R1: "off" } }).ok).toBe(false);
  });
});
