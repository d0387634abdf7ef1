import { describe, expect, it } from "vitest";
import { evaluateAccount } from "./engine";
import { account, call, settings } from "./test-helpers";

const FULL =
  "AI: Hi, this is Ava with Acme Recovery. This call is being recorded. This is an attempt to collect a debt and any information obtained will be used for that purpose.\nUser: OK.";
const LATER = "AI: Hi again, Ava from Acme Recovery, a debt collector. This call is recorded.\nUser: Hi.";
const BARE = "AI: Hi, it's Ava from Acme. This call is recorded.\nUser: Hi.";

const talk = (id: string, day: number, transcript: string | null) =>
  call(id, `2026-04-${String(day).padStart(2, "0")}T10:00:00-05:00`, { conversation: true, rightParty: true, transcript });

function flagsOf(rule: string, calls: ReturnType<typeof call>[]) {
  return evaluateAccount(account(calls), settings()).flags.filter((f) => f.rule === rule);
}

describe("R9 mini-Miranda, 12 CFR 1006.18(e)", () => {
  it("1006.18(e)(1): the first right-party conversation with the full disclosure raises no flag", () => {
    expect(flagsOf("R9", [talk("a", 1, FULL)])).toEqual([]);
  });

  it("1006.18(e)(1): a first conversation that only says 'debt collector' misses the full disclosure", () => {
    const flags = flagsOf("R9", [talk("a", 1, LATER)]);
    expect(flags).toMatchObject([{ callId: "a", check: "initial-disclosure", citation: "12 CFR 1006.18(e)(1)" }]);
  });

  it("1006.18(e)(2): later conversations need 'from a debt collector'", () => {
    expect(flagsOf("R9", [talk("a", 1, FULL), talk("b", 9, LATER)])).toEqual([]);
    expect(flagsOf("R9", [talk("a", 1, FULL), talk("b", 9, BARE)])).toMatchObject([{ callId: "b", check: "later-disclosure" }]);
  });

  it("the disclosure is accepted in Spanish (1006.18(e)(4))", () => {
    const es = "AI: Esta llamada es grabada. Somos una agencia de cobranza, un cobrador de deudas.\nUser: Bueno.";
    expect(flagsOf("R9", [talk("a", 1, FULL), talk("b", 9, es)])).toEqual([]);
  });

  it("a conversation without a transcript is reported unevaluable", () => {
    expect(flagsOf("R9", [talk("a", 1, null)])).toMatchObject([{ severity: "unevaluable", check: "no-transcript" }]);
  });

  it("cmt 18(e)-1: a limited-content voicemail is no communication and needs no disclosure", () => {
    const vm = call("vm", "2026-04-01T10:00:00-05:00", {
      voicemail: true,
      transcript: "AI: Hi John, this is Ava from Acme, please call me back at 800-555-0100.",
    });
    expect(evaluateAccount(account([vm]), settings()).flags).toEqual([]);
  });
});

describe("R13 recording disclosure", () => {
  it("every call a live person answered needs the recording notice in the AI's turns", () => {
    const silent = talk("a", 1, FULL.replace("This call is being recorded. ", ""));
    expect(flagsOf("R13", [silent])).toMatchObject([{ callId: "a", check: "recording-disclosure" }]);
    expect(flagsOf("R13", [talk("b", 1, FULL)])).toEqual([]);
  });
});

describe("R10 debt details to third parties, 12 CFR 1006.6(d)(1) and 1006.2(j)", () => {
  it("debt details said to a wrong party are flagged with the words as evidence", () => {
    const wrong = call("w", "2026-04-01T10:00:00-05:00", {
      rightParty: false,
      transcript: "AI: Is this John?\nUser: No, wrong number.\nAI: Sorry, I was calling about his past due balance.",
    });
    const flags = flagsOf("R10", [wrong]);
    expect(flags).toMatchObject([{ callId: "w", check: "third-party-disclosure", severity: "violation" }]);
    expect(flags[0]?.evidence[0]).toMatchObject({ kind: "span", turn: 2, text: "past due" });
  });

  it("a voicemail that mentions the debt is no limited-content message (review)", () => {
    const vm = call("vm", "2026-04-01T10:00:00-05:00", {
      voicemail: true,
      transcript: "AI: Hi John, this is Ava calling about the debt you owe Acme. Please call 800-555-0100.",
    });
    expect(flagsOf("R10", [vm])).toMatchObject([{ check: "voicemail-content", severity: "review", citation: "12 CFR 1006.2(j)" }]);
  });

  it("a wrong party who only hears a name and a number raises no flag", () => {
    const wrong = call("w", "2026-04-01T10:00:00-05:00", {
      rightParty: false,
      transcript: "AI: Is this John?\nUser: No.\nAI: Sorry to bother you.",
    });
    expect(flagsOf("R10", [wrong])).toEqual([]);
  });

  it("a call placed to a number after it was found wrong is flagged for review", () => {
    const numbers = [{ number: "+18504321234", wrongNumberSince: new Date("2026-04-02T00:00:00Z") }];
    const calls = [call("before", "2026-04-01T10:00:00-05:00"), call("after", "2026-04-03T10:00:00-05:00")];
    const flags = evaluateAccount(account(calls, { numbers }), settings()).flags.filter((f) => f.rule === "R10");
    expect(flags.map((f) => [f.callId, f.check, f.severity])).toEqual([["after", "known-wrong-number", "review"]]);
  });
});
