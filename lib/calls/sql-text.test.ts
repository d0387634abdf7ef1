import { describe, expect, it } from "vitest";
import { NO_FILTERS } from "./filters";
import { keysetSql, pageProjection } from "./list-sql";
import { buildCallsWhere } from "./where";

// PostgreSQL caches a statement's plan by its text: one shape of list query must always send the same text,
// whatever the values, and a value must never reach the text.
describe("the calls list SQL", () => {
  it("sends one text per filter shape, the values bound", () => {
    const a = buildCallsWhere({ ...NO_FILTERS, outcome: ["PAYMENT PROMISE", "CALL_RESULT"], q: "refund", durationMin: 30 });
    const b = buildCallsWhere({ ...NO_FILTERS, outcome: ["x'); DROP TABLE calls; --", "WRONG NUMBER"], q: "late fee", durationMin: 5 });
    expect(a.text).toBe(b.text);
    expect(b.text).not.toContain("DROP");
    expect(b.values).toEqual(expect.arrayContaining([["x'); DROP TABLE calls; --", "WRONG NUMBER"], "late fee", 5]));
  });

  it("keeps the keyset condition's text across pages", () => {
    const page = (value: string, id: string) =>
      keysetSql("receivedAt.desc", "c", { sort: "receivedAt.desc", direction: "next", key: { value, id } }, true);
    const first = page("2026-11-30T10:00:00.000Z", "00000000-0000-4000-8000-000000000001");
    const second = page("2026-11-29T08:00:00.000Z", "00000000-0000-4000-8000-000000000002");
    expect(first.text).toBe(second.text);
    expect(second.values).toEqual(["2026-11-29T08:00:00.000Z", "00000000-0000-4000-8000-000000000002"]);
    expect(pageProjection("c", { transcriptHead: true }).text).toBe(pageProjection("c", { transcriptHead: true }).text);
  });
});
