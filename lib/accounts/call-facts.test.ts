import { describe, expect, it } from "vitest";
import { callFacts } from "./call-facts";
import { DEFAULT_KEY_SETTINGS } from "./keys";
import { storedCall } from "./test-fixtures";

const facts = (overrides: Parameters<typeof storedCall>[0]) => callFacts(storedCall(overrides), DEFAULT_KEY_SETTINGS, "America/New_York");

describe("call facts", () => {
  it("a normal answered call is connected, a conversation and a right-party contact", () => {
    expect(facts({})).toMatchObject({
      connected: true,
      conversation: true,
      rightPartyContact: true,
      accountKey: "account_id:A1",
      debtKey: "account_id:A1|project:proj_1",
      number: "+13125550100",
    });
  });
  it("busy and not-in-service are not connected (12 CFR 1006.14(b)(3)(ii))", () => {
    for (const endedReason of ["busy", "customer-busy", "Customer_Busy"]) expect(facts({ endedReason }).connected).toBe(false);
    expect(facts({ endedReason: "number-not-in-service", callOutput: "WRONG NUMBER" })).toMatchObject({
      connected: false,
      notInService: true,
    });
  });
  it("voicemail and no-answer are connected (cmt 14(b)(3)(ii)-1) but not conversations", () => {
    expect(facts({ endedReason: "voicemail", transcription: "AI: Hi, this message is for Sam." })).toMatchObject({
      connected: true,
      conversation: false,
      voicemail: true,
    });
    expect(facts({ endedReason: "no-answer", deliveryStatus: "fail", transcription: "" })).toMatchObject({
      connected: true,
      conversation: false,
    });
  });
  it("a provider failure is not connected", () => {
    expect(facts({ providerStatus: "fail", endedReason: "sip-trunk-error" }).connected).toBe(false);
  });
  it("the contact must speak at least one turn", () => {
    expect(facts({ transcription: "AI: Hello? Hello?" }).conversation).toBe(false);
    expect(facts({ transcription: null }).conversation).toBe(false);
  });
  it("a WRONG NUMBER conversation is not a right-party contact", () => {
    expect(facts({ callOutput: "WRONG NUMBER", transcription: "AI: Is this Sam?\nUser: Wrong number." })).toMatchObject({
      conversation: true,
      rightPartyContact: false,
    });
  });
  it("placed time is the earliest delivery minus the duration, marked approximate", () => {
    const f = facts({ firstSentAt: new Date("2026-03-02T15:01:00Z"), deliveredAt: new Date("2026-03-02T15:30:00Z"), duration: 60 });
    expect(f).toMatchObject({ placedAt: new Date("2026-03-02T15:00:00Z"), placedAtApproximate: true, placedAtSource: "first_delivery" });
    expect(facts({ firstSentAt: null, deliveredAt: new Date("2026-03-02T15:30:00Z"), duration: 30 })).toMatchObject({
      placedAt: new Date("2026-03-02T15:29:30Z"),
      placedAtSource: "last_delivery",
    });
  });
  it("the contact's zone gives the local date; an unknown zone falls back to the default", () => {
    expect(facts({ at: "2026-03-03T03:00:00Z", timeZone: "America/Chicago" }).localDate).toBe("2026-03-02");
    expect(facts({ at: "2026-03-03T03:00:00Z", timeZone: "Mars/Olympus" })).toMatchObject({
      timeZone: "America/New_York",
      timeZoneSource: "default",
      localDate: "2026-03-02",
    });
  });
});

describe("call facts with missing values", () => {
  it("no usable time anywhere gives a fixed epoch, flagged unknown, so ordering stays deterministic", () => {
    const f = facts({ firstSentAt: null, deliveredAt: null, receivedAt: new Date(Number.NaN), duration: Number.NaN });
    expect(f).toMatchObject({ placedAt: new Date(0), placedAtSource: "unknown" });
  });
  it("no account key and no phone number: the call is still described, with null keys", () => {
    expect(facts({ requestMetadata: "oops", numberTo: "anonymous" })).toMatchObject({ accountKey: null, debtKey: null, number: null });
  });
});
