import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateAccount, nextPermissibleCall } from "./engine";
import { settings } from "./test-helpers";
import type { AccountInput, ComplianceCall, ComplianceConsent, ZoneResolution } from "./types";

const START = Date.parse("2026-03-01T00:00:00Z");
const DAY = 86_400_000;
const NUMBERS = ["+18504321234", "+18502221234"];
const DEBTS = ["card", "medical"];
const ZONES: ZoneResolution[] = [
  { zones: ["America/Chicago"], unknown: false, notes: [] },
  { zones: ["America/New_York", "America/Los_Angeles"], unknown: false, notes: [] },
  { zones: ["America/Denver", "America/North_Dakota/Center"], unknown: false, notes: [] },
  { zones: [], unknown: true, notes: [] },
];
const TRANSCRIPTS = [
  null,
  "AI: This is an attempt to collect a debt and any information obtained will be used for that purpose. This call is recorded.\nUser: OK.",
  "AI: Acme, a debt collector.\nUser: Stop calling me.",
  "AI: Hello.\nUser: That's not my debt.",
];

// Times span March-April 2026 so the 8 March DST change is inside the range.
const instant = fc.integer({ min: 0, max: 40 * DAY - 1 }).map((offset) => new Date(START + offset));

const callArb = (i: number): fc.Arbitrary<ComplianceCall> =>
  fc
    .record({
      placedAt: fc.option(instant, { freq: 40 }),
      receivedAt: fc.option(instant, { freq: 4 }),
      number: fc.constantFrom(...NUMBERS),
      direction: fc.constantFrom("outbound" as const, "outbound" as const, "inbound" as const),
      connected: fc.constantFrom(true, true, false, null),
      conversation: fc.boolean(),
      rightParty: fc.constantFrom(true, false, null),
      voicemail: fc.boolean(),
      debtKeys: fc.subarray(DEBTS),
      // Holds make most accounts uncallable; keep them rare so the planner's answers get tested.
      transcript: fc.oneof(
        { weight: 12, arbitrary: fc.constantFrom(...TRANSCRIPTS.slice(0, 2)) },
        { weight: 1, arbitrary: fc.constantFrom(...TRANSCRIPTS.slice(2)) },
      ),
    })
    .map((c) => ({ callId: `c${String(i).padStart(3, "0")}`, ...c }));

const callsArb = fc.integer({ min: 0, max: 25 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => callArb(i))));

const consentArb = (i: number): fc.Arbitrary<ComplianceConsent> =>
  fc
    .record({
      givenAt: instant,
      debtKeys: fc.subarray(DEBTS),
      windowStartDays: fc.integer({ min: 0, max: 6 }),
      windowHours: fc.integer({ min: 1, max: 48 }),
      timeNamed: fc.boolean(),
    })
    .map((c) => ({
      consentId: `k${i}`,
      givenAt: c.givenAt,
      debtKeys: c.debtKeys,
      timeNamed: c.timeNamed,
      window: {
        start: new Date(c.givenAt.getTime() + c.windowStartDays * DAY),
        end: new Date(c.givenAt.getTime() + c.windowStartDays * DAY + c.windowHours * 3_600_000),
      },
    }));

const accountArb: fc.Arbitrary<AccountInput> = fc
  .record({
    calls: callsArb,
    consents: fc.tuple(consentArb(0), consentArb(1)).chain((all) => fc.subarray(all)),
    zones: fc.constantFrom(...ZONES, ...ZONES.slice(0, 3)),
    states: fc.constantFrom<string[][]>([], ["MA"]),
    wrong: fc.boolean(),
    inconvenient: fc.option(
      fc.record({
        weekdays: fc.subarray([0, 1, 2, 3, 4, 5, 6]),
        fromHour: fc.integer({ min: 0, max: 23 }),
        hours: fc.integer({ min: 1, max: 24 }),
      }),
      { freq: 3 },
    ),
  })
  .map(({ calls, consents, zones, states, wrong, inconvenient }) => ({
    inconvenientTimes: inconvenient
      ? [
          {
            id: "i1",
            since: new Date(START),
            weekdays: inconvenient.weekdays,
            from: `${String(inconvenient.fromHour).padStart(2, "0")}:00`,
            to: `${String(Math.min(24, inconvenient.fromHour + inconvenient.hours)).padStart(2, "0")}:00`,
          },
        ]
      : [],
    accountId: "acc",
    debtKeys: DEBTS,
    numbers: [
      { number: NUMBERS[0] as string },
      { number: NUMBERS[1] as string, wrongNumberSince: wrong ? new Date(START + 20 * DAY) : null },
    ],
    calls,
    consents,
    zones,
    states,
  }));

const FREQUENCY_CHECKS = new Set(["seven-in-seven", "after-conversation", "state-limit"]);

describe("engine properties", () => {
  it("shuffled delivery order gives the same flags and holds", () => {
    fc.assert(
      fc.property(accountArb, fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (input, randoms) => {
        const shuffled = [...input.calls]
          .map((c) => ({ c, k: randoms.next().value as number }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.c);
        // A redelivered copy (here with a different transcript) must not make the result depend on order either.
        const copy = input.calls[0] ? [{ ...input.calls[0], transcript: "AI: Hello again.\nUser: Stop calling me." }] : [];
        const a = evaluateAccount({ ...input, calls: [...input.calls, ...copy] }, settings());
        const b = evaluateAccount({ ...input, calls: [...copy, ...shuffled], consents: [...(input.consents ?? [])].reverse() }, settings());
        expect(b).toEqual(a);
      }),
      { numRuns: 150 },
    );
  });

  it("cmt 14(b)(3)(ii)-1: a not-connected call never raises a frequency flag, nor changes another call's", () => {
    fc.assert(
      fc.property(accountArb, fc.array(instant, { maxLength: 8 }), (input, busyTimes) => {
        const busy = busyTimes.map(
          (t, i): ComplianceCall => ({
            callId: `busy${i}`,
            number: NUMBERS[0] as string,
            direction: "outbound",
            placedAt: t,
            connected: false,
            conversation: false,
            rightParty: null,
            voicemail: false,
            debtKeys: [],
          }),
        );
        const before = evaluateAccount(input, settings()).flags.filter((f) => FREQUENCY_CHECKS.has(f.check));
        const after = evaluateAccount({ ...input, calls: [...input.calls, ...busy] }, settings()).flags.filter((f) =>
          FREQUENCY_CHECKS.has(f.check),
        );
        const notConnected = new Set([...input.calls, ...busy].filter((c) => c.connected === false).map((c) => c.callId));
        expect(after.filter((f) => notConnected.has(f.callId))).toEqual([]);
        expect(after).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });

  it("the next permissible time never falls inside a window the engine itself would flag", () => {
    let answered = 0;
    fc.assert(
      fc.property(
        accountArb,
        fc.integer({ min: 0, max: 8 * DAY }),
        fc.subarray(DEBTS),
        fc.option(fc.constantFrom(...NUMBERS), { nil: undefined }),
        fc.constantFrom("block" as const, "allow" as const),
        (input, after, debtKeys, number, whenUnevaluable) => {
          const s = settings({ whenUnevaluable });
          const latest = Math.max(START, ...input.calls.map((c) => c.placedAt?.getTime() ?? c.receivedAt?.getTime() ?? START));
          const now = new Date(latest + after);
          const next = nextPermissibleCall(input, s, now, { number, debtKeys });
          if (!next.at) return;
          answered++;
          expect(next.at.getTime()).toBeGreaterThanOrEqual(now.getTime());
          const hypothetical: ComplianceCall = {
            callId: "zz-next",
            number: number ?? (NUMBERS[0] as string),
            direction: "outbound",
            placedAt: next.at,
            connected: true,
            conversation: false,
            rightParty: null,
            voicemail: false,
            debtKeys,
          };
          const flags = evaluateAccount({ ...input, calls: [...input.calls, hypothetical] }, s).flags;
          expect(flags.filter((f) => f.callId === "zz-next" && f.severity === "violation")).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
    // Holds and unknown zones answer "no time"; make sure the property was not vacuous.
    expect(answered).toBeGreaterThan(30);
  });
});
