import { describe, expect, it } from "vitest";
import { evaluateAccount } from "./engine";
import { account, aprilCalls, call, settings } from "./test-helpers";

function frequencyFlags(input: Parameters<typeof evaluateAccount>[0], s = settings()) {
  return evaluateAccount(input, s).flags.filter((f) => f.rule === "R1" || f.rule === "R12");
}

describe("R1 prong A: more than 7 calls in 7 consecutive days, 12 CFR 1006.14(b)(2)(i)(A)", () => {
  it("cmt 14(b)(2)(i)-1.i: seven calls Wed Apr 1 - Tue Apr 7, then Wed Apr 8, raise no flag", () => {
    const calls = aprilCalls([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(frequencyFlags(account(calls))).toEqual([]);
  });

  it("cmt 14(b)(2)(ii)-1.i: an 8th call inside the 7 days from Wed Apr 1 is flagged, in plain words", () => {
    const calls = aprilCalls([1, 2, 2, 3, 3, 6, 6, 7]);
    const flags = frequencyFlags(account(calls));
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ callId: "c08", rule: "R1", check: "seven-in-seven", severity: "violation" });
    expect(flags[0]?.message).toBe(
      "8th call in 7 days to this person about proj_credit_cards, counting from 1 Apr — 12 CFR 1006.14(b)(2)(i)(A)",
    );
    expect(flags[0]?.evidence).toHaveLength(7);
  });

  it("cmt 14(b)(3)(ii)-1: a busy signal does not connect, so it is not counted", () => {
    const calls = aprilCalls([1, 2, 2, 3, 3, 6, 6, 7]);
    calls[3] = { ...(calls[3] as (typeof calls)[number]), connected: false };
    expect(frequencyFlags(account(calls))).toEqual([]);
  });

  it("cmt 14(b)(3)(ii)-1: rang unanswered and voicemail do connect, and are counted", () => {
    const calls = aprilCalls([1, 2, 2, 3, 3, 6, 6, 7], { voicemail: true });
    expect(frequencyFlags(account(calls)).map((f) => f.callId)).toEqual(["c08"]);
  });

  it("days are the consumer's calendar days: 23:30 Tue Apr 7 in Chicago is still Apr 7 though it is Apr 8 in UTC", () => {
    const calls = aprilCalls([1, 2, 3, 4, 5, 6, 7]);
    calls.push(call("c08", "2026-04-07T23:30:00-05:00"));
    const inChicago = frequencyFlags(account(calls));
    expect(inChicago.map((f) => f.callId)).toEqual(["c08"]);
    const late = aprilCalls([2, 3, 4, 5, 6, 7]);
    late.push(call("c00", "2026-04-01T23:30:00-05:00"), call("c08", "2026-04-08T09:00:00-05:00"));
    expect(frequencyFlags(account(late))).toEqual([]);
  });

  it("a call delivered twice is counted once, whichever copy arrives first", () => {
    const calls = aprilCalls([1, 2, 3, 4, 5, 6, 7]);
    const again = { ...(calls[6] as (typeof calls)[number]), transcript: "AI: Hello." };
    expect(frequencyFlags(account([...calls, again]))).toEqual([]);
    expect(evaluateAccount(account([again, ...calls]), settings())).toEqual(evaluateAccount(account([...calls, again]), settings()));
  });

  it("cmt 14(b)(4)-2.i: calls about different debts count separately", () => {
    const calls = [
      ...aprilCalls([1, 2, 3, 4, 5, 6, 7], { debtKeys: ["medical"] }),
      ...aprilCalls([1, 2, 3, 4, 5, 6, 7], { debtKeys: ["card_a"] }).map((c) => ({ ...c, callId: `a${c.callId}` })),
    ];
    expect(frequencyFlags(account(calls, { debtKeys: ["medical", "card_a"] }))).toEqual([]);
  });

  it("1006.14(b)(4): a call attributed to no debt counts toward every debt of the person (the safe side)", () => {
    const calls = [
      ...aprilCalls([1, 2, 3, 4, 5, 6, 7], { debtKeys: ["medical"] }),
      call("x", "2026-04-07T15:00:00-05:00", { debtKeys: [] }),
    ];
    const flags = frequencyFlags(account(calls, { debtKeys: ["medical", "card_a"] }));
    expect(flags.map((f) => [f.callId, f.debtKey])).toEqual([["x", "medical"]]);
  });

  it("calls to all of the person's numbers add up (the count is per person, not per number)", () => {
    const calls = aprilCalls([1, 2, 3, 4, 5, 6, 7]);
    calls.push(call("other", "2026-04-07T15:00:00-05:00", { number: "+18502221234" }));
    const input = account(calls, { numbers: [{ number: "+18504321234" }, { number: "+18502221234" }] });
    expect(frequencyFlags(input).map((f) => f.callId)).toEqual(["other"]);
  });
});

describe("R1 prong B: a call within 7 days after a conversation, 12 CFR 1006.14(b)(2)(i)(B)", () => {
  const conversation = call("talk", "2026-08-14T11:00:00-05:00", { conversation: true, rightParty: true });

  it("cmt 14(b)(2)(ii)-1.ii: conversation Fri Aug 14, call Thu Aug 20 is flagged", () => {
    const flags = frequencyFlags(account([conversation, call("thu", "2026-08-20T10:00:00-05:00")]));
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ callId: "thu", check: "after-conversation", citation: "12 CFR 1006.14(b)(2)(i)(B)" });
    expect(flags[0]?.message).toContain("conversation of 14 Aug");
  });

  it("cmt 14(b)(2)(ii)-1.ii: conversation Fri Aug 14, call Fri Aug 21 is not flagged", () => {
    expect(frequencyFlags(account([conversation, call("fri", "2026-08-21T08:00:00-05:00")]))).toEqual([]);
  });

  it("a conversation the consumer starts (inbound) also starts the period", () => {
    const inbound = { ...conversation, direction: "inbound" as const };
    expect(frequencyFlags(account([inbound, call("thu", "2026-08-20T10:00:00-05:00")])).map((f) => f.callId)).toEqual(["thu"]);
  });

  it("a conversation about another debt does not start this debt's period (cmt 14(b)(4)-1.ii)", () => {
    const other = { ...conversation, debtKeys: ["medical"] };
    const input = account([other, call("thu", "2026-08-20T10:00:00-05:00")], { debtKeys: ["proj_credit_cards", "medical"] });
    expect(frequencyFlags(input)).toEqual([]);
  });

  it("a wrong party's conversation is no conversation with the person", () => {
    const wrong = { ...conversation, rightParty: false };
    expect(frequencyFlags(account([wrong, call("thu", "2026-08-20T10:00:00-05:00")]))).toEqual([]);
  });
});

describe("R2 exclusions, 12 CFR 1006.14(b)(3)", () => {
  const friday = call("fri", "2026-04-03T11:00:00-05:00", { conversation: true, rightParty: true });
  const monday = call("mon", "2026-04-06T10:00:00-05:00");
  const consent = {
    consentId: "cb1",
    givenAt: new Date("2026-04-03T11:05:00-05:00"),
    sourceCallId: "fri",
    debtKeys: [],
    window: { start: new Date("2026-04-06T00:00:00-05:00"), end: new Date("2026-04-07T00:00:00-05:00") },
  };

  it("cmt 14(b)(3)(i)-3.i: 'call me back Monday' said on Friday excludes Monday's call", () => {
    expect(frequencyFlags(account([friday, monday]))).toHaveLength(1);
    expect(frequencyFlags(account([friday, monday], { consents: [consent] }))).toEqual([]);
  });

  it("cmt 14(b)(3)(i)-3.i: the consent covers only the time the consumer named (a Tuesday call still counts)", () => {
    const tuesday = call("tue", "2026-04-07T10:00:00-05:00");
    expect(frequencyFlags(account([friday, tuesday], { consents: [consent] })).map((f) => f.callId)).toEqual(["tue"]);
  });

  it("cmt 14(b)(3)(i)-2(3), -3.ii: the consent ends at the next conversation; a Wednesday call after Monday's conversation is flagged", () => {
    const open = { ...consent, window: null };
    const mondayTalk = { ...monday, conversation: true, rightParty: true };
    const wednesday = call("wed", "2026-04-08T10:00:00-05:00");
    const flags = frequencyFlags(account([friday, mondayTalk, wednesday], { consents: [open] }));
    expect(flags.map((f) => [f.callId, f.check])).toEqual([["wed", "after-conversation"]]);
  });

  it("cmt 14(b)(3)(i)-3.iii: consent lasts 7 days with its date as day 1 (Thu Jun 4 → through Wed Jun 10)", () => {
    const june = {
      consentId: "email",
      givenAt: new Date("2026-06-04T09:00:00-05:00"),
      debtKeys: [],
    };
    const calls = [8, 8, 9, 9, 9, 10, 10, 10].map((d, i) => call(`j${i}`, `2026-06-${String(d).padStart(2, "0")}T${10 + i}:00:00-05:00`));
    expect(frequencyFlags(account(calls, { consents: [june] }))).toEqual([]);
    const later = [...calls, call("j11", "2026-06-11T10:00:00-05:00")];
    expect(frequencyFlags(account(later, { consents: [june] }))).toEqual([]);
    expect(frequencyFlags(account(later))).not.toEqual([]);
  });

  it("cmt 14(b)(2)(i)-3.i: calls to a number later found wrong leave the person's count", () => {
    const calls = aprilCalls([1, 2, 3, 4, 5, 6, 7]);
    calls[0] = { ...(calls[0] as (typeof calls)[number]), number: "+18502221234" };
    calls[1] = { ...(calls[1] as (typeof calls)[number]), number: "+18502221234" };
    calls.push(call("c08", "2026-04-07T15:00:00-05:00"));
    const numbers = [{ number: "+18504321234" }, { number: "+18502221234" }];
    expect(frequencyFlags(account(calls, { numbers })).map((f) => f.callId)).toEqual(["c08"]);
    const wrong = [{ number: "+18504321234" }, { number: "+18502221234", wrongNumberSince: new Date("2026-04-08T00:00:00Z") }];
    expect(frequencyFlags(account(calls, { numbers: wrong }))).toEqual([]);
  });
});

describe("R12 state overrides, 12 CFR 1006.104", () => {
  it("940 CMR 7.04(1)(f): in Massachusetts the 3rd call in 7 days about a debt is flagged", () => {
    const calls = aprilCalls([1, 3, 5]);
    const flags = frequencyFlags(account(calls, { states: ["MA"] }));
    expect(flags.map((f) => [f.callId, f.rule])).toEqual([["c03", "R12"]]);
    expect(flags[0]?.message).toContain("MA allows 2");
    expect(flags[0]?.citation).toBe("940 CMR 7.04(1)(f); 12 CFR 1006.104");
    expect(frequencyFlags(account(calls))).toEqual([]);
  });

  it("the strictest candidate state applies, and R12 can be switched off", () => {
    const calls = aprilCalls([1, 3, 5]);
    expect(frequencyFlags(account(calls, { states: ["NY", "MA"] }))).toHaveLength(1);
    expect(frequencyFlags(account(calls, { states: ["MA"] }), settings({ rules: { R12: false } as never }))).toEqual([]);
  });

  it("a first-party portfolio with R1 off gets no federal frequency flags", () => {
    const calls = aprilCalls([1, 2, 2, 3, 3, 6, 6, 7]);
    expect(frequencyFlags(account(calls), settings({ collectorType: "first-party", rules: { R1: false } as never }))).toEqual([]);
  });
});
