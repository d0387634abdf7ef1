import { describe, expect, it } from "vitest";
import { RULES_VERSION } from "./catalogue";
import { evaluateAccount, mayCallNow, nextPermissibleCall } from "./engine";
import { account, aprilCalls, call, settings } from "./test-helpers";

describe("nextPermissibleCall", () => {
  const conversation = call("talk", "2026-08-14T11:00:00-05:00", { conversation: true, rightParty: true });

  it("cmt 14(b)(2)(ii)-1.ii: after a conversation Fri 14 Aug, the next call is Fri 21 Aug 08:00 local, with the binding reason", () => {
    const next = nextPermissibleCall(account([conversation]), settings(), new Date("2026-08-15T15:00:00Z"));
    expect(next.at?.toISOString()).toBe("2026-08-21T13:00:00.000Z");
    expect(next.binding).toMatchObject({ rule: "R1", citation: "12 CFR 1006.14(b)(2)(i)(B)" });
    expect(next.binding?.message).toBe(
      "after Fri 21 Aug 08:00 America/Chicago: 7 days after the conversation of 14 Aug about proj_credit_cards — 12 CFR 1006.14(b)(2)(i)(B)",
    );
    expect(next.rulesVersion).toBe(RULES_VERSION);
  });

  it("cmt 14(b)(2)(ii)-1.ii: asked on Thu 20 Aug, day 7 of the period, the answer is still Fri 21 Aug 08:00", () => {
    const next = nextPermissibleCall(account([conversation]), settings(), new Date("2026-08-20T15:00:00Z"));
    expect(next.at?.toISOString()).toBe("2026-08-21T13:00:00.000Z");
  });

  it("cmt 14(b)(3)(i)-3.i: a 'call me back Monday' consent lets the next call be Monday 08:00, not Friday", () => {
    const friday = call("fri", "2026-04-03T11:00:00-05:00", { conversation: true, rightParty: true });
    const consent = {
      consentId: "cb",
      givenAt: new Date("2026-04-03T11:05:00-05:00"),
      sourceCallId: "fri",
      debtKeys: [],
      window: { start: new Date("2026-04-06T00:00:00-05:00"), end: new Date("2026-04-07T00:00:00-05:00") },
    };
    const next = nextPermissibleCall(account([friday], { consents: [consent] }), settings(), new Date("2026-04-03T17:00:00Z"));
    expect(next.at?.toISOString()).toBe("2026-04-06T13:00:00.000Z");
  });

  it("cmt 14(b)(2)(i)-1.i: after seven calls Apr 1-7 the next is Wed Apr 8, once the Apr 1 call leaves the window", () => {
    const next = nextPermissibleCall(account(aprilCalls([1, 2, 3, 4, 5, 6, 7])), settings(), new Date("2026-04-07T16:00:00Z"));
    expect(next.at?.toISOString()).toBe("2026-04-08T13:00:00.000Z");
    expect(next.binding?.message).toContain("7 calls to this person about proj_credit_cards in the 7 days from 1 Apr");
  });

  it("940 CMR 7.04(1)(f): in Massachusetts two calls on Apr 1 and 3 push the next to Apr 8", () => {
    const input = account(aprilCalls([1, 3]), { states: ["MA"] });
    const next = nextPermissibleCall(input, settings(), new Date("2026-04-03T16:00:00Z"));
    expect(next.at?.toISOString()).toBe("2026-04-08T13:00:00.000Z");
    expect(next.binding?.rule).toBe("R12");
  });

  it("now, when nothing blocks", () => {
    const now = new Date("2026-04-01T15:00:00Z");
    expect(nextPermissibleCall(account([]), settings(), now)).toMatchObject({ at: now, binding: null });
  });

  it("a past call with no time at all blocks planning as unevaluable, unless the portfolio allows it", () => {
    const input = account([call("x", null)]);
    const now = new Date("2026-04-01T15:00:00Z");
    expect(mayCallNow(input, settings(), now)).toMatchObject({ allowed: false, nextAllowedAt: null });
    expect(mayCallNow(input, settings(), now).reasons[0]).toMatchObject({ rule: "R1", severity: "unevaluable" });
    expect(mayCallNow(input, settings({ whenUnevaluable: "allow" }), now).allowed).toBe(true);
    const received = account([call("x", null, { receivedAt: new Date("2026-03-01T00:00:00Z") })]);
    expect(mayCallNow(received, settings(), now).allowed).toBe(true);
  });

  it("a number found wrong may not be called for this person", () => {
    const input = account([], { numbers: [{ number: "+18504321234", wrongNumberSince: new Date("2026-03-01T00:00:00Z") }] });
    const answer = mayCallNow(input, settings(), new Date("2026-04-01T15:00:00Z"), { number: "+18504321234" });
    expect(answer).toMatchObject({ allowed: false, nextAllowedAt: null });
    expect(answer.reasons[0]?.rule).toBe("R10");
  });
});

describe("mayCallNow", () => {
  it("answers { allowed, nextAllowedAt, reasons: [{ rule, citation, message }] }", () => {
    const answer = mayCallNow(account([]), settings(), new Date("2026-04-01T03:00:00Z"));
    expect(answer.allowed).toBe(false);
    expect(answer.nextAllowedAt?.toISOString()).toBe("2026-04-01T13:00:00.000Z");
    expect(answer.reasons).toEqual([
      {
        rule: "R3",
        citation: "12 CFR 1006.6(b)(1)(i)",
        message: "outside 08:00-21:00 local time in America/Chicago — 12 CFR 1006.6(b)(1)(i)",
        severity: "violation",
      },
    ]);
  });
});

describe("evaluateAccount", () => {
  it("stamps every flag with the rules version and sorts them by call then rule", () => {
    const calls = aprilCalls([1, 2, 2, 3, 3, 6, 6, 7]);
    calls.push(call("late", "2026-04-07T22:00:00-05:00"));
    const { flags } = evaluateAccount(account(calls), settings());
    expect(flags.map((f) => [f.callId, f.rule, f.check])).toEqual([
      ["c08", "R1", "seven-in-seven"],
      ["late", "R1", "seven-in-seven"],
      ["late", "R3", "calling-hours"],
    ]);
    expect(flags.every((f) => f.rulesVersion === RULES_VERSION)).toBe(true);
  });
});
