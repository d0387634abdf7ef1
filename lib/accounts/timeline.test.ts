import { describe, expect, it } from "vitest";
import { buildTimeline } from "./timeline";

const at = (iso: string) => new Date(iso);

describe("buildTimeline", () => {
  it("puts every call, promise, outcome, callback, edit and note in one list, newest first, with the turn to open", () => {
    const entries = buildTimeline({
      calls: [
        {
          id: "c1",
          placedAt: at("2026-03-02T15:00:00Z"),
          outcome: "PAYMENT PROMISE",
          summary: null,
          numberTo: "+1",
          rightPartyContact: true,
        },
      ],
      promises: [
        {
          id: "p1",
          callId: "c1",
          kind: "promise",
          madeAt: at("2026-03-02T15:00:01Z"),
          amountCents: 15000,
          dueDate: "2026-03-06",
          status: "broken",
          statusAt: at("2026-03-07T05:00:00Z"),
          resolvedByCallId: null,
          installmentIndex: null,
          evidence: { turn: 2 },
        },
      ],
      callbacks: [],
      events: [{ id: "e1", kind: "promise_due_date", payload: { dueDate: "2026-03-20" }, byName: "Alex", at: at("2026-03-08T10:00:00Z") }],
      notes: [{ id: "n1", body: "Call after six.", authorName: "Sam", createdAt: at("2026-03-03T10:00:00Z"), deletedAt: null }],
    });
    expect(entries.map((e) => e.kind)).toEqual(["edit", "promise_status", "note", "promise", "call"]);
    expect(entries.find((e) => e.kind === "promise")).toMatchObject({ title: "Promise: $150.00 due 2026-03-06", callId: "c1", turn: 2 });
    expect(entries[0]).toMatchObject({ title: "Corrected a promise's due date", detail: "Due 2026-03-20", actor: "Alex" });
    expect(entries[1]!.title).toContain("broken");
  });
});
