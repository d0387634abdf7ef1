import { describe, expect, it } from "vitest";
import { evaluateAccount } from "./engine";
import { isE164, validateClearance, validateManualHold } from "./inputs";
import { account, call, settings } from "./test-helpers";
import { localDateWindow } from "./time";

describe("manual entries are refused without a reason", () => {
  it("a manual hold needs a reason (the note), a known kind and E.164 numbers", () => {
    const good = validateManualHold({ holdId: "h1", kind: "written-cease", placedAt: "2026-04-02T00:00:00Z", note: "Letter of 2 Apr" });
    expect(good).toMatchObject({ ok: true, value: { debtKeys: [], numbers: [] } });
    const bad = validateManualHold({ holdId: "h1", kind: "vacation", placedAt: "soon", numbers: ["850 432"], note: "" });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).toEqual(["kind", "placedAt", "numbers.0", "note"]);
  });

  it("a clearance needs a reason and who cleared it", () => {
    const bad = validateClearance({ holdId: "h1", clearedAt: "2026-04-05T00:00:00Z" });
    expect(bad.ok ? [] : bad.errors).toEqual([
      { field: "reason", message: "give the reason for the clearance" },
      { field: "clearedBy", message: expect.stringContaining("who") },
    ]);
  });

  it("E.164 numbers only", () => {
    expect(isE164("+18504321234")).toBe(true);
    expect(isE164("8504321234")).toBe(false);
    expect(isE164("+1 850 432 1234")).toBe(false);
  });
});

describe("callback windows", () => {
  it("cmt 14(b)(3)(i)-3.i: 'Monday' is the part of Monday that is Monday in every candidate zone", () => {
    const w = localDateWindow(["America/New_York", "America/Los_Angeles"], "2026-04-06");
    expect(w?.start.toISOString()).toBe("2026-04-06T07:00:00.000Z");
    expect(w?.end.toISOString()).toBe("2026-04-07T04:00:00.000Z");
  });

  it("a consent built from it excludes Monday's call after a Friday conversation", () => {
    const window = localDateWindow(["America/Chicago"], "2026-04-06");
    const consent = { consentId: "cb", givenAt: new Date("2026-04-03T16:05:00Z"), sourceCallId: "fri", debtKeys: [], window };
    const calls = [
      call("fri", "2026-04-03T11:00:00-05:00", { conversation: true, rightParty: true }),
      call("mon", "2026-04-06T09:00:00-05:00"),
    ];
    expect(evaluateAccount(account(calls, { consents: [consent] }), settings()).flags.filter((f) => f.rule === "R1")).toEqual([]);
  });

  it("an invalid Date is treated as no time (unevaluable), never as NaN", () => {
    const flags = evaluateAccount(account([call("x", "not a date")]), settings()).flags;
    expect(flags.map((f) => [f.rule, f.check])).toEqual([
      ["R1", "no-placed-time"],
      ["R3", "no-placed-time"],
    ]);
  });
});
