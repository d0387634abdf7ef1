import { describe, expect, it } from "vitest";
import { accountKeyFor, debtKeyFor, normaliseNumber } from "./keys";

describe("account key", () => {
  it("uses account_id first", () => {
    expect(accountKeyFor({ account_id: "A-17", extra_id: "X" }, "+13125550100")).toMatchObject({
      ok: true,
      key: "account_id:A-17",
      source: { kind: "metadata", field: "account_id" },
    });
  });
  it("falls back to extra_id, then the number in E.164", () => {
    expect(accountKeyFor({ extra_id: "custom_id_456" }, "+13125550100")).toMatchObject({ key: "extra_id:custom_id_456" });
    expect(accountKeyFor({ project_id: "p" }, "+1 (312) 555-0100")).toMatchObject({ key: "tel:+13125550100", source: { kind: "number" } });
  });
  it("reads numeric ids and trims strings", () => {
    expect(accountKeyFor({ account_id: 1234 }, null)).toMatchObject({ key: "account_id:1234" });
    expect(accountKeyFor({ account_id: "  A1 " }, null)).toMatchObject({ key: "account_id:A1" });
  });
  it("reports present-but-unusable fields and falls through", () => {
    const result = accountKeyFor({ account_id: "  ", extra_id: { nested: true } }, "+13125550100");
    expect(result).toMatchObject({ ok: true, key: "tel:+13125550100" });
    expect(result.skipped).toEqual([
      { field: "account_id", reason: "empty" },
      { field: "extra_id", reason: "not_scalar" },
    ]);
    expect(accountKeyFor({ account_id: "x".repeat(201) }, null).skipped).toEqual([{ field: "account_id", reason: "too_long" }]);
    expect(accountKeyFor({ account_id: true }, null).skipped).toEqual([{ field: "account_id", reason: "not_scalar" }]);
  });
  it("the field list is a setting, tried in its order", () => {
    expect(accountKeyFor({ account_id: "A", customer_ref: "C" }, null, { accountKeyFields: ["customer_ref", "account_id"] })).toMatchObject(
      { key: "customer_ref:C" },
    );
  });
  it("fails explicitly with no metadata object and no usable number", () => {
    expect(accountKeyFor(null, "not a number")).toEqual({ ok: false, reason: "no_usable_key", skipped: [] });
    expect(accountKeyFor(["account_id"], "")).toMatchObject({ ok: false });
  });
  it("national numbers need a default region to become E.164", () => {
    expect(normaliseNumber("312 555 0100")).toBeNull();
    expect(normaliseNumber("312 555 0100", "US")).toBe("+13125550100");
  });
});

describe("debt key", () => {
  it("is account × portfolio", () => {
    expect(debtKeyFor("account_id:A1", { project_id: "proj_123" })).toEqual({
      key: "account_id:A1|project:proj_123",
      portfolio: "proj_123",
      source: "portfolio",
    });
  });
  it("is the debt_id when present (still scoped to the account)", () => {
    expect(debtKeyFor("account_id:A1", { project_id: "proj_123", debt_id: 99 })).toEqual({
      key: "account_id:A1|debt:99",
      portfolio: "proj_123",
      source: "debt_id",
    });
  });
  it("no portfolio is its own explicit debt", () => {
    expect(debtKeyFor("account_id:A1", {})).toEqual({ key: "account_id:A1|project:", portfolio: null, source: "portfolio" });
  });
});
