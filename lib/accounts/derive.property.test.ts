import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_ACCOUNT_SETTINGS, deriveAccountState, type ManualEdit } from "./derive";
import type { AccountCallInput } from "./input";
import { storedCall } from "./test-fixtures";

/**
 * Arrival order must not matter: Svix delivers best-effort, retries replay
 * and history imports arrive in any order. Random account histories built
 * from every kind of call are derived in canonical order and again shuffled
 * with duplicates; the states must be identical.
 */

const TEMPLATES: Partial<AccountCallInput>[] = [
  { callOutput: "PAYMENT PROMISE", transcription: "AI: So that's $150 on Friday?\nUser: Yes." },
  { callOutput: "PAYMENT PROMISE", transcription: "AI: When?\nUser: I'll pay $50 every other Friday." },
  { callOutput: "PAYMENT PROMISE", transcription: "AI: When?\nUser: I'll pay $75 on payday." },
  {
    callOutput: "PAYMENT EXTENSION",
    transcription: "AI: I can extend your due date to the 1st. The amount due then would be $300.00. Does that work for you?\nUser: Yes.",
  },
  { callOutput: "PAYMENT COMPLETED", transcription: "AI: Your payment of $150.00 has been processed.\nUser: Thanks." },
  { callOutput: "CALL BACK REQUESTED", transcription: "AI: Is now good?\nUser: Call me tomorrow after six." },
  { callOutput: "CALL BACK REQUESTED", transcription: "AI: Is now good?\nUser: Not now." },
  { callOutput: "WRONG NUMBER", transcription: "AI: Is this Sam?\nUser: Wrong number." },
  { callOutput: "WRONG NUMBER", endedReason: "number-not-in-service", transcription: "" },
  { callOutput: null, endedReason: "no-answer", deliveryStatus: "fail", transcription: "" },
  { callOutput: null, endedReason: "voicemail", deliveryStatus: "fail", transcription: "AI: Hi, this message is for Sam." },
  { callOutput: "NOT INTERESTED", transcription: "AI: Can we set up a plan?\nUser: No." },
];
const NUMBERS = ["+13125550100", "+13125550101", "+13125550102"];
const START = Date.parse("2026-03-02T12:00:00Z");

const callSpec = fc.record({
  template: fc.integer({ min: 0, max: TEMPLATES.length - 1 }),
  // Whole hours over five weeks: equal placed times happen, so the tie-break is exercised too.
  hour: fc.integer({ min: 0, max: 24 * 35 }),
  number: fc.integer({ min: 0, max: NUMBERS.length - 1 }),
  project: fc.integer({ min: 0, max: 1 }),
});

function build(specs: { template: number; hour: number; number: number; project: number }[]): AccountCallInput[] {
  return specs.map((s, i) =>
    storedCall({
      at: new Date(START + s.hour * 3_600_000).toISOString(),
      providerCallId: `c${String(i).padStart(3, "0")}`,
      numberTo: NUMBERS[s.number],
      requestMetadata: { project_id: `proj_${s.project}`, account_id: "A1" },
      ...TEMPLATES[s.template],
    }),
  );
}

function editsFor(calls: AccountCallInput[]): ManualEdit[] {
  return calls.slice(0, 3).flatMap((c, i): ManualEdit[] => [
    {
      id: `e${i}a`,
      kind: "promise_due_date",
      promiseId: `${c.providerCallId}:p0`,
      dueDate: "2026-03-25",
      by: "agent",
      at: new Date(START + (i + 1) * 86_400_000),
    },
    {
      id: `e${i}b`,
      kind: "callback_close",
      callbackId: `${c.providerCallId}:cb`,
      status: "cancelled",
      by: "agent",
      at: new Date(START + (i + 2) * 86_400_000),
    },
  ]);
}

const NOW = new Date("2026-04-20T00:00:00Z");
const SETTINGS = { ...DEFAULT_ACCOUNT_SETTINGS, defaultTimeZone: "America/Chicago", graceDays: 1 };

/** A permutation of the calls with some delivered more than once. */
const delivery = (n: number) =>
  fc.record({
    order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
    repeats: fc.array(fc.integer({ min: 0, max: Math.max(0, n - 1) }), { maxLength: n }),
    // Older versions of a call (an earlier delivery said something else) arrive late too.
    stale: fc.array(fc.integer({ min: 0, max: Math.max(0, n - 1) }), { maxLength: 3 }),
    editOrder: fc.shuffledSubarray([...Array(6).keys()], { minLength: 6, maxLength: 6 }),
  });

describe("deriveAccountState is order-free", () => {
  it("shuffled and duplicated deliveries (calls and edits) give the identical state", () => {
    fc.assert(
      fc.property(
        fc.array(callSpec, { minLength: 1, maxLength: 12 }).chain((specs) => fc.tuple(fc.constant(specs), delivery(specs.length))),
        ([specs, d]) => {
          const calls = build(specs);
          const edits = editsFor(calls);
          const expected = deriveAccountState(calls, edits, SETTINGS, NOW);
          const stale = d.stale.map((i) => ({
            ...calls[i]!,
            callOutput: "WRONG NUMBER",
            deliveredAt: new Date(calls[i]!.deliveredAt!.getTime() - 60_000),
          }));
          const arrived = [...stale, ...d.order.map((i) => calls[i]!), ...d.repeats.map((i) => ({ ...calls[i]! }))];
          const shuffledEdits = d.editOrder.map((i) => edits[i]).filter((e): e is ManualEdit => e !== undefined);
          expect(deriveAccountState(arrived, shuffledEdits, SETTINGS, NOW)).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("deriving twice gives the identical state, and the input is not mutated", () => {
    fc.assert(
      fc.property(fc.array(callSpec, { minLength: 1, maxLength: 12 }), (specs) => {
        const calls = build(specs);
        const snapshot = structuredClone(calls);
        const edits = editsFor(calls);
        const first = deriveAccountState(calls, edits, SETTINGS, NOW);
        expect(deriveAccountState(calls, edits, SETTINGS, NOW)).toEqual(first);
        expect(calls).toEqual(snapshot);
      }),
      { numRuns: 40 },
    );
  });

  it("every promise ends in exactly one known status, and kept promises name the paying call", () => {
    fc.assert(
      fc.property(fc.array(callSpec, { minLength: 1, maxLength: 12 }), (specs) => {
        const state = deriveAccountState(build(specs), [], SETTINGS, NOW);
        for (const p of state.promises) {
          expect(["pending", "kept", "kept_late", "broken", "superseded", "cancelled"]).toContain(p.status);
          if (p.status === "kept" || p.status === "kept_late")
            expect(state.calls.find((c) => c.callId === p.resolvedByCallId)?.outcome).toBe("PAYMENT COMPLETED");
          if (p.status === "pending" && p.dueDate) expect(p.dueDate >= "2026-04-18").toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});
