import { describe, expect, it } from "vitest";
import { evaluateAccount, mayCallNow } from "./engine";
import { account, call, settings } from "./test-helpers";
import type { ComplianceCall } from "./types";

const talk = (callId: string, placedAt: string, contactSays: string, over: Partial<ComplianceCall> = {}) =>
  call(callId, placedAt, {
    conversation: true,
    rightParty: true,
    transcript: `AI: Hello, this is Ava from Acme Recovery, a debt collector. This call is recorded.\nUser: ${contactSays}`,
    ...over,
  });

function holdFlags(input: Parameters<typeof evaluateAccount>[0]) {
  return evaluateAccount(input, settings()).flags.filter((f) => ["R4", "R5", "R6", "R7", "R8"].includes(f.rule));
}

describe("R4 stop calling, 12 CFR 1006.14(h)(1), cmt 14(h)(1)-3.i", () => {
  const said = talk("t1", "2026-04-01T10:00:00-05:00", "Please stop calling me.");

  it("a spoken 'stop calling me' places a hold with its evidence span (turn and char range)", () => {
    const { holds, flags } = evaluateAccount(account([said]), settings());
    expect(holds).toHaveLength(1);
    expect(holds[0]).toMatchObject({ kind: "stop-calling", rule: "R4", source: "speech", numbers: [] });
    expect(holds[0]?.evidence[0]).toEqual({ kind: "span", callId: "t1", turn: 1, start: 7, end: 22, text: "stop calling me" });
    expect(flags.find((f) => f.check === "stop-calling-said")).toMatchObject({ callId: "t1", severity: "review" });
  });

  it("a later call is flagged until a manager clears the hold with a reason", () => {
    const later = call("c2", "2026-04-10T10:00:00-05:00");
    expect(
      holdFlags(account([said, later]))
        .filter((f) => f.check === "call-during-hold")
        .map((f) => f.callId),
    ).toEqual(["c2"]);
    const cleared = {
      holdId: "t1:stop-calling",
      clearedAt: new Date("2026-04-09T00:00:00Z"),
      reason: "Consumer asked us to call again in writing",
      clearedBy: "manager@acme",
    };
    expect(holdFlags(account([said, later], { clearances: [cleared] })).filter((f) => f.check === "call-during-hold")).toEqual([]);
  });

  it("a clearance without a reason is ignored: the hold stands", () => {
    const cleared = { holdId: "t1:stop-calling", clearedAt: new Date("2026-04-09T00:00:00Z"), reason: "  ", clearedBy: "manager@acme" };
    const input = account([said], { clearances: [cleared] });
    expect(evaluateAccount(input, settings()).holds[0]?.cleared).toBeNull();
    const answer = mayCallNow(input, settings(), new Date("2026-04-20T15:00:00Z"));
    expect(answer).toMatchObject({ allowed: false, nextAllowedAt: null });
    expect(answer.reasons[0]?.message).toContain("asked not to be called on 1 Apr");
  });

  it("'don't call this number' bars that number only (cmt 14(h)(1)-2)", () => {
    const thisNumber = talk("t1", "2026-04-01T10:00:00-05:00", "Don't call this number again, call my cell.");
    const input = account([thisNumber], { numbers: [{ number: "+18504321234" }, { number: "+18502221234" }] });
    const now = new Date("2026-04-20T15:00:00Z");
    expect(mayCallNow(input, settings(), now, { number: "+18504321234" }).allowed).toBe(false);
    expect(mayCallNow(input, settings(), now, { number: "+18502221234" }).allowed).toBe(true);
  });

  it("1006.14(h)(2)(ii): when the person calls in after the request, one reply call is allowed", () => {
    const inbound = call("in", "2026-04-05T10:00:00-05:00", { direction: "inbound" });
    const reply = call("r1", "2026-04-12T10:00:00-05:00");
    const second = call("r2", "2026-04-20T10:00:00-05:00");
    const flagged = holdFlags(account([said, inbound, reply, second])).filter((f) => f.check === "call-during-hold");
    expect(flagged.map((f) => f.callId)).toEqual(["r2"]);
  });
});

describe("R6-R8 holds from what the contact says", () => {
  it.each([
    ["attorney", "R6", "You need to talk to my lawyer about that."],
    ["bankruptcy", "R8", "I filed for bankruptcy last month."],
    ["oral-dispute", "R7", "That's not my debt."],
    ["oral-dispute", "R7", "I don't owe this."],
    ["oral-dispute", "R7", "This is fraud, I never opened that account."],
  ])("%s (%s): %s", (kind, rule, words) => {
    const { holds } = evaluateAccount(account([talk("t1", "2026-04-01T10:00:00-05:00", words)]), settings());
    expect(holds.map((h) => [h.kind, h.rule])).toContainEqual([kind, rule]);
    expect(holds[0]?.evidence[0]).toMatchObject({ kind: "span", callId: "t1", turn: 1 });
  });

  it("what the AI says never places a hold (only the contact's turns are read)", () => {
    const input = account([
      call("t1", "2026-04-01T10:00:00-05:00", { transcript: "AI: If you have an attorney or filed for bankruptcy, tell me.\nUser: No." }),
    ]);
    expect(evaluateAccount(input, settings()).holds).toEqual([]);
  });

  it("an oral dispute holds only the debt the call was about (12 CFR 1006.38(d)(2))", () => {
    const input = account([talk("t1", "2026-04-01T10:00:00-05:00", "That's not my debt.", { debtKeys: ["medical"] })], {
      debtKeys: ["medical", "card"],
    });
    const now = new Date("2026-04-20T15:00:00Z");
    expect(mayCallNow(input, settings(), now, { debtKeys: ["medical"] }).allowed).toBe(false);
    expect(mayCallNow(input, settings(), now, { debtKeys: ["card"] }).allowed).toBe(true);
  });
});

describe("R5/R7 manual holds entered by an agent", () => {
  it("1006.6(c)(1): a written cease request flags every later call about that debt", () => {
    const hold = {
      holdId: "h1",
      kind: "written-cease" as const,
      placedAt: new Date("2026-04-02T00:00:00Z"),
      debtKeys: [],
      note: "Letter received 2 Apr",
    };
    const calls = [call("before", "2026-04-01T10:00:00-05:00"), call("after", "2026-04-03T10:00:00-05:00")];
    const flags = holdFlags(account(calls, { holds: [hold] }));
    expect(flags.map((f) => [f.callId, f.rule, f.citation])).toEqual([["after", "R5", "12 CFR 1006.6(c)(1)"]]);
  });
});
