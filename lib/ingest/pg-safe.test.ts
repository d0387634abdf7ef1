import { describe, expect, it } from "vitest";
import { pgJson, pgText } from "./pg-safe";

describe("pg-safe values", () => {
  it("drops NUL and replaces lone surrogates, leaving good text alone", () => {
    expect(pgText("a\u0000b")).toBe("ab");
    expect(pgText("x\ud800")).toBe("x\ufffd");
    expect(pgText("Zürich 😀")).toBe("Zürich 😀");
    expect(pgText(null)).toBeNull();
  });

  it("cleans keys and values at every depth, keeping a __proto__ key as a key", () => {
    const value = JSON.parse('{"__proto__":{"k\\u0000":["\\ud800",1,null,true]}}');
    expect(JSON.stringify(pgJson(value))).toBe('{"__proto__":{"k":["\ufffd",1,null,true]}}');
  });
});
