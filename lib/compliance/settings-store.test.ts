import { describe, expect, it } from "vitest";
import { evaluateAccount } from "./engine";
import { mergedInput, parseStored, resolveSettings, validateStored } from "./settings-store";
import { account, aprilCalls } from "./test-helpers";

describe("stored compliance settings", () => {
  it("an empty row keeps the federal defaults and the shipped Massachusetts override (940 CMR 7.04(1)(f), 12 CFR 1006.104)", () => {
    const s = resolveSettings(parseStored({})).forPortfolio("proj_any");
    expect(s.stateOverrides.MA).toEqual({ maxCallsPer7Days: 2, citation: "940 CMR 7.04(1)(f)" });
    expect(s.maxCallsPer7Days).toBe(7);
    // A consumer in Massachusetts: the 3rd call in 7 days about one debt is flagged under the state rule.
    const flags = evaluateAccount(account(aprilCalls([1, 2, 3]), { states: ["MA"] }), s).flags.filter((f) => f.rule === "R12");
    expect(flags.map((f) => f.callId)).toEqual(["c03"]);
  });

  it("a portfolio's own values override the defaults key by key; rules merge", () => {
    const stored = parseStored({ default: { maxCallsPer7Days: 5, rules: { R13: false } }, portfolios: { p1: { rules: { R9: false } } } });
    const s = resolveSettings(stored).forPortfolio("p1");
    expect(s.maxCallsPer7Days).toBe(5);
    expect(s.rules.R13).toBe(false);
    expect(s.rules.R9).toBe(false);
    expect(s.rules.R1).toBe(true);
    expect(mergedInput(stored, null)).not.toHaveProperty("stateOverrides");
  });

  it("every invalid field is reported with its scope; R3 and R4 can never be off (12 CFR 1006.6(b)(1)(i), 1006.14(h)(1))", () => {
    const errors = validateStored(parseStored({ default: { rules: { R4: false } }, portfolios: { p1: { rules: { R3: false } } } }));
    expect(errors.map((e) => e.field)).toEqual(expect.arrayContaining(["default.rules.R4", "portfolios.p1.rules.R3"]));
  });

  it("a row that no longer validates falls back to the federal defaults, never to something looser", () => {
    const s = resolveSettings(parseStored({ default: { rules: { R3: false } } })).forPortfolio(null);
    expect(s.rules.R3).toBe(true);
  });
});
