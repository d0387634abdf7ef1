import { describe, expect, it } from "vitest";
import { DEFAULT_ACCOUNT_SETTINGS, deriveAccountState } from "./derive";
import type { CallExtraction } from "./extract";
import { storedCall } from "./test-fixtures";

/** The worker memoises each call's extraction across derivations; the state must be exactly what a fresh derivation gives. */
describe("memoised extraction", () => {
  const settings = { ...DEFAULT_ACCOUNT_SETTINGS, defaultTimeZone: "America/Chicago" };
  const now = new Date("2026-03-26T12:00:00Z");
  const calls = [
    storedCall({
      at: "2026-03-02T15:00:00Z",
      providerCallId: "m1",
      callOutput: "PAYMENT PROMISE",
      transcription: "AI: So that's $150 on Friday the 6th?\nUser: Yes.",
    }),
    storedCall({
      at: "2026-03-03T15:00:00Z",
      providerCallId: "m2",
      callOutput: "PAYMENT PROMISE",
      transcription: "AI: How would you like to pay?\nUser: I'll pay $50 every other Friday.",
    }),
    storedCall({
      at: "2026-03-05T16:00:00Z",
      providerCallId: "m3",
      callOutput: "PAYMENT COMPLETED",
      transcription: "AI: The payment of $150.00 went through.\nUser: Thanks.",
    }),
    storedCall({
      at: "2026-03-06T15:00:00Z",
      providerCallId: "m4",
      callOutput: "CALL BACK REQUESTED",
      transcription: "User: Call me tomorrow after six.",
    }),
  ];

  it("gives the same state as a fresh derivation, across repeated derivations, and re-extracts a changed call", () => {
    const cache = new Map<string, CallExtraction>();
    let version = 1;
    const options = { extractionCache: cache, callVersionKey: (id: string) => `${id}@${id === "id-m1" ? version : 1}` };
    const fresh = deriveAccountState(calls, [], settings, now);
    expect(deriveAccountState(calls, [], settings, now, options)).toEqual(fresh);
    expect(cache.size).toBe(calls.length);
    expect(deriveAccountState(calls, [], settings, now, options)).toEqual(fresh);

    // m1 re-delivered with new words: a new version, so it is extracted again, not served stale.
    const changed = calls.map((c) =>
      c.providerCallId === "m1" ? { ...c, transcription: "AI: So that's $90 on Friday the 13th?\nUser: Yes." } : c,
    );
    version = 2;
    const after = deriveAccountState(changed, [], settings, now, options);
    expect(after).toEqual(deriveAccountState(changed, [], settings, now));
    expect(after.promises.find((p) => p.id === "m1:p0")).toMatchObject({ amountCents: 9000, dueDate: "2026-03-13" });
  });
});
