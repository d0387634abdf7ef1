import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/testing/csv";
import { csvCell, csvRows, neutraliseFormula } from "./csv";

describe("the CSV writer every download uses", () => {
  it("keeps a multi-line cell in its row whatever the line ending (bare LF, bare CR, CRLF)", () => {
    const text = csvRows([
      ["id", "summary"],
      [1, "first line\n=1+1"],
      [2, "first line\r=1+2"],
      [3, "first\r\nsecond"],
    ]);
    expect(parseCsv(text)).toEqual([
      ["id", "summary"],
      ["1", "first line\n=1+1"],
      ["2", "first line\r=1+2"],
      ["3", "first\r\nsecond"],
    ]);
  });

  it.each([
    ["=1+1", "'=1+1"],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["@SUM(A1:A9)|cmd", "'@SUM(A1:A9)|cmd"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
  ])("neutralises the formula start of %j", (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
    expect(parseCsv(csvRows([[input]]))).toEqual([[expected]]);
  });

  it("leaves numbers, phone numbers and plain text alone", () => {
    expect(csvRows([[-3, 0.25, "+15074106928", "-3", "Contact agreed to pay", null, undefined]])).toBe(
      "-3,0.25,+15074106928,-3,Contact agreed to pay,,\r\n",
    );
  });

  it("every cell reads back as itself (or its neutralised self) and never starts a formula", () => {
    const text = fc.string({ unit: fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", '"', ",", "a", "1", " ", "'") });
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (rows) => {
        const widths = new Set(rows.map((r) => r.length));
        fc.pre(widths.size === 1);
        const parsed = parseCsv(csvRows(rows));
        expect(parsed).toEqual(rows.map((r) => r.map(neutraliseFormula)));
        for (const cell of parsed.flat()) {
          if (/^[=@\t\r]/.test(cell) || (/^[+-]/.test(cell) && !/^[+-]?\d[\d\s().-]*$/.test(cell)))
            throw new Error(`live formula: ${JSON.stringify(cell)}`);
        }
      }),
      { numRuns: 500 },
    );
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });
});
