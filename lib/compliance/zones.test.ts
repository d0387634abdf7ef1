import { describe, expect, it } from "vitest";
import { evaluateAccount } from "./engine";
import { account, call, settings } from "./test-helpers";
import { resolveConsumerZones, stateOfZip, zonesOfMetadata, zonesOfNumber } from "./zones";

describe("candidate zones from the number (cmt 6(b)(1)(i)-2 uses the area code as a location)", () => {
  it("the exchange decides inside one area code: +1 850 432 Pensacola is Central, +1 850 222 Tallahassee Eastern", async () => {
    expect((await zonesOfNumber("+18504321234")).zones).toEqual(["America/Chicago"]);
    expect((await zonesOfNumber("+18502221234")).zones).toEqual(["America/New_York"]);
  });

  it("a multi-zone area code (+1 605) gives every zone it spans", async () => {
    expect((await zonesOfNumber("+16055551234")).zones).toEqual(["America/Denver", "America/North_Dakota/Center"]);
  });

  it("a toll-free number names no place: no zones, with the reason noted", async () => {
    const result = await zonesOfNumber("+18005551234");
    expect(result.zones).toEqual([]);
    expect(result.note).toContain("toll-free");
  });

  it("an invalid number names no place", async () => {
    expect((await zonesOfNumber("+19999999999")).zones).toEqual([]);
  });
});

describe("candidate zones from requestMetadata", () => {
  it("a timezone, a state and a ZIP each add zones; a state spanning two zones adds both", () => {
    expect(zonesOfMetadata({ timezone: "America/Phoenix" }).zones).toEqual(["America/Phoenix"]);
    expect(zonesOfMetadata({ state: "fl" }).zones).toEqual(["America/New_York", "America/Chicago"]);
    expect(stateOfZip("02139")).toBe("MA");
    expect(stateOfZip("94105-1234")).toBe("CA");
    expect(zonesOfMetadata({ zip: "94105" }).zones).toEqual(["America/Los_Angeles"]);
  });

  it("bad values are noted and ignored, never thrown", () => {
    const result = zonesOfMetadata({ timezone: "Mars/Olympus", state: "ZZ", zip: "abc" });
    expect(result.zones).toEqual([]);
    expect(result.note).toContain("not an IANA zone");
  });
});

describe("the consumer's candidates combine every source", () => {
  it("cmt 6(b)(1)(i)-2.i: an Eastern number and a Pacific address give both zones", async () => {
    const result = await resolveConsumerZones(["+18502221234"], [{ state: "CA" }]);
    expect(result).toMatchObject({ zones: ["America/New_York", "America/Los_Angeles"], unknown: false });
  });

  it("a toll-free number with an address falls back to the address", async () => {
    const result = await resolveConsumerZones(["+18005551234"], [{ zip: "60601" }]);
    expect(result.zones).toEqual(["America/Chicago"]);
    expect(result.notes.join(" ")).toContain("toll-free");
  });

  it("a toll-free number alone is 'zone unknown'", async () => {
    const result = await resolveConsumerZones(["+18005551234"]);
    expect(result.unknown).toBe(true);
    expect(result.notes.at(-1)).toContain("zone unknown");
  });

  it("end to end: a call to a toll-free number with no address is flagged 'zone unknown'", async () => {
    const zones = await resolveConsumerZones(["+18005551234"]);
    const input = account([call("c1", "2026-04-01T15:00:00Z", { number: "+18005551234" })], { zones });
    const flags = evaluateAccount(input, settings()).flags.filter((f) => f.rule === "R3");
    expect(flags).toMatchObject([{ check: "zone-unknown", severity: "unevaluable" }]);
  });
});
