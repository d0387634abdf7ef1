import { describe, expect, it } from "vitest";
import { DEFAULT_ACCOUNT_SETTINGS, deriveAccountState, type ManualEdit } from "./derive";
import { storedCall } from "./test-fixtures";

// Calls to one debtor in Chicago, March 2026 (DST starts Sunday 8 March).
const SETTINGS = { ...DEFAULT_ACCOUNT_SETTINGS, defaultTimeZone: "America/Chicago" };
const PROMISE_150_FRI_6 = "AI: So that's $150 on Friday the 6th?\nUser: Yes.";

const promiseCall = (at: string, providerCallId: string, transcription = PROMISE_150_FRI_6, extra = {}) =>
  storedCall({ at, providerCallId, callOutput: "PAYMENT PROMISE", transcription, ...extra });
const paidCall = (at: string, providerCallId: string, extra = {}) =>
  storedCall({
    at,
    providerCallId,
    callOutput: "PAYMENT COMPLETED",
    transcription: "AI: The payment of $150.00 went through.\nUser: Thanks.",
    ...extra,
  });
const derive = (calls: Parameters<typeof deriveAccountState>[0], now: string, edits: ManualEdit[] = [], settings = SETTINGS) =>
  deriveAccountState(calls, edits, settings, new Date(now));

describe("promise lifecycle", () => {
  it("promise → later PAYMENT COMPLETED → kept", () => {
    const state = derive([promiseCall("2026-03-02T15:00:00Z", "p1"), paidCall("2026-03-05T16:00:00Z", "pay1")], "2026-03-10T00:00:00Z");
    expect(state.promises).toEqual([
      expect.objectContaining({
        id: "p1:p0",
        status: "kept",
        resolvedByCallId: "id-pay1",
        amountCents: 15000,
        dueDate: "2026-03-06",
        statusAt: new Date("2026-03-05T16:00:00Z"),
      }),
    ]);
  });

  it("paid after the due date but within the grace days → kept_late", () => {
    const state = derive(
      [promiseCall("2026-03-02T15:00:00Z", "p1"), paidCall("2026-03-07T16:00:00Z", "pay1")],
      "2026-03-10T00:00:00Z",
      [],
      { ...SETTINGS, graceDays: 2 },
    );
    expect(state.promises[0]).toMatchObject({ status: "kept_late" });
  });

  it("paid after the promise broke → kept_late (the money came, nobody should chase it)", () => {
    const state = derive([promiseCall("2026-03-02T15:00:00Z", "p1"), paidCall("2026-03-09T16:00:00Z", "pay1")], "2026-03-10T00:00:00Z");
    expect(state.promises[0]).toMatchObject({ status: "kept_late", resolvedByCallId: "id-pay1" });
  });

  it("a payment keeps the earliest pending promise even when older ones broke; with none pending it settles the earliest broken; every payment is listed", () => {
    const second = promiseCall("2026-03-02T16:00:00Z", "p2", "AI: So that's $150 on Friday, March 13?\nUser: Yes.");
    const third = promiseCall("2026-03-02T17:00:00Z", "p3", "AI: So that's $150 on Friday, March 27?\nUser: Yes.");
    const state = derive(
      [
        promiseCall("2026-03-02T15:00:00Z", "p1"),
        second,
        third,
        paidCall("2026-03-23T15:00:00Z", "pay1"),
        paidCall("2026-03-24T15:00:00Z", "pay2"),
        paidCall("2026-03-25T15:00:00Z", "pay3"),
      ],
      "2026-03-26T12:00:00Z",
    );
    expect(state.promises.map((p) => [p.dueDate, p.status, p.resolvedByCallId])).toEqual([
      ["2026-03-06", "kept_late", "id-pay2"],
      ["2026-03-13", "kept_late", "id-pay3"],
      ["2026-03-27", "kept", "id-pay1"],
    ]);
    expect(state.payments.map((p) => [p.providerCallId, p.promiseId])).toEqual([
      ["pay1", "p3:p0"],
      ["pay2", "p1:p0"],
      ["pay3", "p2:p0"],
    ]);
  });

  it("past due with no payment → broken once the local due day has ended", () => {
    const calls = [promiseCall("2026-03-02T15:00:00Z", "p1")];
    // Friday 6 March ends at midnight Chicago time (CST): 06:00 UTC on the 7th.
    expect(derive(calls, "2026-03-07T05:59:59Z").promises[0]!.status).toBe("pending");
    expect(derive(calls, "2026-03-07T06:00:00Z").promises[0]).toMatchObject({
      status: "broken",
      statusAt: new Date("2026-03-07T06:00:00Z"),
    });
  });

  it("grace days delay breaking", () => {
    const calls = [promiseCall("2026-03-02T15:00:00Z", "p1")];
    const grace = { ...SETTINGS, graceDays: 3 };
    expect(derive(calls, "2026-03-09T12:00:00Z", [], grace).promises[0]!.status).toBe("pending");
    // Tue 10 March 00:00 CDT = 05:00 UTC.
    expect(derive(calls, "2026-03-10T05:00:00Z", [], grace).promises[0]!.status).toBe("broken");
  });

  it("an extension supersedes the pending promise on that debt, not on another debt", () => {
    const ext = storedCall({
      at: "2026-03-04T15:00:00Z",
      providerCallId: "ext1",
      callOutput: "PAYMENT EXTENSION",
      transcription:
        "AI: I can extend your due date to Friday, April 3. The amount due then would be $300.00. Does that work for you?\nUser: Yes.",
    });
    const other = promiseCall("2026-03-02T16:00:00Z", "p2", PROMISE_150_FRI_6, {
      requestMetadata: { account_id: "A1", project_id: "proj_2" },
    });
    const state = derive([promiseCall("2026-03-02T15:00:00Z", "p1"), other, ext], "2026-03-05T00:00:00Z");
    const byId = new Map(state.promises.map((p) => [p.id, p]));
    expect(byId.get("p1:p0")).toMatchObject({ status: "superseded", resolvedByCallId: "id-ext1" });
    expect(byId.get("p2:p0")).toMatchObject({ status: "pending" });
    expect(byId.get("ext1:p0")).toMatchObject({ kind: "extension", status: "pending", dueDate: "2026-04-03", amountCents: 30000 });
  });

  it("a broken promise is not superseded by a later extension", () => {
    const ext = storedCall({
      at: "2026-03-09T15:00:00Z",
      providerCallId: "ext1",
      callOutput: "PAYMENT EXTENSION",
      transcription: "AI: To confirm, $150 on Friday, March 20?\nUser: Yes.",
    });
    const state = derive([promiseCall("2026-03-02T15:00:00Z", "p1"), ext], "2026-03-10T00:00:00Z");
    expect(state.promises.map((p) => p.status)).toEqual(["broken", "pending"]);
  });

  it("plan installments are tracked one by one", () => {
    const plan = promiseCall("2026-03-02T15:00:00Z", "plan1", "AI: How would you like to pay?\nUser: I'll pay $50 every other Friday.");
    const state = derive([plan, paidCall("2026-03-05T15:00:00Z", "pay1")], "2026-03-21T12:00:00Z");
    expect(state.promises.map((p) => [p.kind, p.dueDate, p.status])).toEqual([
      ["installment", "2026-03-06", "kept"],
      ["installment", "2026-03-20", "broken"],
      ["installment", "2026-04-03", "pending"],
      ["installment", "2026-04-17", "pending"],
      ["installment", "2026-05-01", "pending"],
      ["installment", "2026-05-15", "pending"],
    ]);
  });

  it("a promise with no date never breaks and waits in review", () => {
    const state = derive([promiseCall("2026-03-02T15:00:00Z", "p1", "AI: When?\nUser: I'll pay $75 on payday.")], "2026-06-01T00:00:00Z");
    expect(state.promises[0]).toMatchObject({ status: "pending", dueDate: null, needsReview: true });
  });
});

describe("callbacks", () => {
  const cbCall = storedCall({
    at: "2026-03-02T15:00:00Z",
    providerCallId: "cb1",
    callOutput: "CALL BACK REQUESTED",
    transcription: "AI: Is now okay?\nUser: Call me tomorrow after six.",
  });

  it("closed by a later right-party contact, not by an unanswered call", () => {
    const noAnswer = storedCall({
      at: "2026-03-03T15:00:00Z",
      providerCallId: "na1",
      endedReason: "no-answer",
      deliveryStatus: "fail",
      transcription: "",
      callOutput: null,
    });
    const rpc = storedCall({ at: "2026-03-04T15:00:00Z", providerCallId: "rpc1" });
    expect(derive([cbCall, noAnswer], "2026-03-05T00:00:00Z").callbacks[0]).toMatchObject({
      status: "open",
      localTime: "18:00",
      localDate: "2026-03-03",
    });
    expect(derive([cbCall, noAnswer, rpc], "2026-03-05T00:00:00Z").callbacks[0]).toMatchObject({
      status: "done",
      closedByCallId: "id-rpc1",
      closedAt: new Date("2026-03-04T15:00:00Z"),
    });
  });

  it("a later callback request closes the earlier one and stays open itself", () => {
    const again = storedCall({
      at: "2026-03-03T23:00:00Z",
      providerCallId: "cb2",
      callOutput: "CALL BACK REQUESTED",
      transcription: "User: Try me Friday morning.",
    });
    expect(derive([cbCall, again], "2026-03-04T00:00:00Z").callbacks.map((c) => [c.id, c.status])).toEqual([
      ["cb1:cb", "done"],
      ["cb2:cb", "open"],
    ]);
  });

  it("closed or reassigned by hand, with who and when", () => {
    const edits: ManualEdit[] = [
      { id: "e1", kind: "callback_assign", callbackId: "cb1:cb", assignee: "agent-7", by: "lead@x", at: new Date("2026-03-02T16:00:00Z") },
      { id: "e2", kind: "callback_close", callbackId: "cb1:cb", status: "cancelled", by: "agent-7", at: new Date("2026-03-02T17:00:00Z") },
    ];
    const cb = derive([cbCall], "2026-03-05T00:00:00Z", edits).callbacks[0]!;
    expect(cb).toMatchObject({ status: "cancelled", closedBy: "agent-7", assignee: "agent-7", closedAt: new Date("2026-03-02T17:00:00Z") });
    expect(cb.edits.map((e) => [e.editId, e.by])).toEqual([
      ["e2", "agent-7"],
      ["e1", "lead@x"],
    ]);
  });
});

describe("numbers", () => {
  it("WRONG NUMBER marks the number, not the account", () => {
    const wrong = storedCall({
      at: "2026-03-03T15:00:00Z",
      providerCallId: "w1",
      numberTo: "+13125550199",
      callOutput: "WRONG NUMBER",
      transcription: "AI: Is this Sam?\nUser: Wrong number.",
    });
    const state = derive([promiseCall("2026-03-02T15:00:00Z", "p1"), wrong], "2026-03-04T00:00:00Z");
    expect(state.numbers.map((n) => [n.number, n.status])).toEqual([
      ["+13125550100", "active"],
      ["+13125550199", "wrong_number"],
    ]);
    expect(state.promises[0]!.status).toBe("pending");
    expect(state.accountKeys).toEqual(["account_id:A1"]);
    expect(state.totals).toMatchObject({ calls: 2, rightPartyContacts: 1 });
  });

  it("not in service marks the number dead; a later right-party contact revives it", () => {
    const dead = storedCall({
      at: "2026-03-02T15:00:00Z",
      providerCallId: "d1",
      endedReason: "number-not-in-service",
      callOutput: "WRONG NUMBER",
      transcription: "",
    });
    expect(derive([dead], "2026-03-03T00:00:00Z").numbers[0]).toMatchObject({ status: "not_in_service", statusCallId: "id-d1" });
    const later = storedCall({ at: "2026-03-10T15:00:00Z", providerCallId: "r1" });
    expect(derive([dead, later], "2026-03-11T00:00:00Z").numbers[0]).toMatchObject({ status: "active", statusCallId: "id-r1", calls: 2 });
  });
});

describe("manual edits win over derived values", () => {
  const fix: ManualEdit = {
    id: "e1",
    kind: "promise_due_date",
    promiseId: "p1:p0",
    dueDate: "2026-03-20",
    by: "agent-3",
    at: new Date("2026-03-03T10:00:00Z"),
  };

  it("a corrected due date survives re-derivation and keeps the extracted value beside it", () => {
    const calls = [promiseCall("2026-03-02T15:00:00Z", "p1")];
    const first = derive(calls, "2026-03-10T00:00:00Z", [fix]);
    expect(first.promises[0]).toMatchObject({ dueDate: "2026-03-20", status: "pending", extracted: { dueDate: "2026-03-06" } });
    expect(first.promises[0]!.edits).toEqual([{ editId: "e1", kind: "promise_due_date", by: "agent-3", at: fix.at }]);
    // A new call arrives and everything is derived again: the correction holds.
    const again = derive([...calls, storedCall({ at: "2026-03-09T15:00:00Z", providerCallId: "x1" })], "2026-03-10T00:00:00Z", [fix]);
    expect(again.promises[0]).toMatchObject({ dueDate: "2026-03-20", status: "pending" });
    expect(derive(calls, "2026-03-21T06:00:00Z", [fix]).promises[0]!.status).toBe("broken");
  });

  it("a corrected amount clears the review flag; a reviewed mark clears it without a change", () => {
    const calls = [promiseCall("2026-03-02T15:00:00Z", "p1", "AI: When?\nUser: I'll pay on Friday.")];
    expect(derive(calls, "2026-03-03T00:00:00Z").promises[0]!.needsReview).toBe(true);
    const amount: ManualEdit = {
      id: "e2",
      kind: "promise_amount",
      promiseId: "p1:p0",
      amountCents: 9000,
      by: "a",
      at: new Date("2026-03-02T16:00:00Z"),
    };
    expect(derive(calls, "2026-03-03T00:00:00Z", [amount]).promises[0]).toMatchObject({
      amountCents: 9000,
      needsReview: false,
      extracted: { amountCents: null },
    });
    const reviewed: ManualEdit = { id: "e3", kind: "promise_reviewed", promiseId: "p1:p0", by: "a", at: new Date("2026-03-02T16:00:00Z") };
    expect(derive(calls, "2026-03-03T00:00:00Z", [reviewed]).promises[0]!.needsReview).toBe(false);
  });

  it("a cancelled promise is skipped by a later payment, which keeps the next one", () => {
    const calls = [
      promiseCall("2026-03-02T15:00:00Z", "p1"),
      promiseCall("2026-03-02T16:00:00Z", "p2", "AI: So that's $150 on Friday, March 13?\nUser: Yes."),
      paidCall("2026-03-05T15:00:00Z", "pay1"),
    ];
    const cancel: ManualEdit = { id: "e4", kind: "promise_cancel", promiseId: "p1:p0", by: "lead", at: new Date("2026-03-03T12:00:00Z") };
    expect(derive(calls, "2026-03-06T00:00:00Z", [cancel]).promises.map((p) => [p.id, p.status])).toEqual([
      ["p1:p0", "cancelled"],
      ["p2:p0", "kept"],
    ]);
  });

  it("bad edits change nothing and are reported", () => {
    const calls = [promiseCall("2026-03-02T15:00:00Z", "p1")];
    const at = new Date("2026-03-02T16:00:00Z");
    const state = derive(calls, "2026-03-03T00:00:00Z", [
      { id: "b1", kind: "promise_due_date", promiseId: "p1:p0", dueDate: "2026-02-30", by: "a", at },
      { id: "b2", kind: "promise_amount", promiseId: "p1:p0", amountCents: -100, by: "a", at },
      { id: "b3", kind: "promise_cancel", promiseId: "nope:p0", by: "a", at },
      { id: "b4", kind: "callback_close", callbackId: "nope:cb", status: "done", by: "a", at },
    ]);
    expect(state.promises[0]).toMatchObject({ dueDate: "2026-03-06", amountCents: 15000, status: "pending", edits: [] });
    expect(state.unappliedEdits).toEqual([
      { editId: "b1", reason: "invalid_date" },
      { editId: "b2", reason: "invalid_amount" },
      { editId: "b3", reason: "unknown_promise" },
      { editId: "b4", reason: "unknown_callback" },
    ]);
  });
});

describe("canonical order", () => {
  it("duplicates and reversed arrival give the same state", () => {
    const calls = [promiseCall("2026-03-02T15:00:00Z", "p1"), paidCall("2026-03-05T16:00:00Z", "pay1")];
    const a = derive(calls, "2026-03-10T00:00:00Z");
    expect(derive([calls[1]!, calls[0]!, calls[1]!, calls[0]!], "2026-03-10T00:00:00Z")).toEqual(a);
  });

  it("of two versions of one call, the one delivered last counts whatever the order", () => {
    const old = storedCall({
      at: "2026-03-02T15:00:00Z",
      providerCallId: "c1",
      callOutput: "WRONG NUMBER",
      deliveredAt: new Date("2026-03-02T15:00:00Z"),
    });
    const fresh = {
      ...old,
      callOutput: "PAYMENT PROMISE",
      transcription: PROMISE_150_FRI_6,
      deliveredAt: new Date("2026-03-02T15:05:00Z"),
    };
    expect(derive([old, fresh], "2026-03-03T00:00:00Z").promises).toHaveLength(1);
    expect(derive([fresh, old], "2026-03-03T00:00:00Z")).toEqual(derive([old, fresh], "2026-03-03T00:00:00Z"));
  });
});
