import { describe, expect, it } from "vitest";
import { exportFileName, neutraliseFormula } from "./export";
import { NO_FILTERS } from "./filters";

describe("CSV export helpers", () => {
  const day = new Date("2026-11-28T10:00:00Z");

  it("names the file after the filter and the day", () => {
    expect(exportFileName({ ...NO_FILTERS, outcome: ["PAYMENT PROMISE"] }, day)).toBe("calls_outcome-payment-promise_2026-11-28.csv");
    expect(exportFileName({ ...NO_FILTERS, outcome: ["WRONG NUMBER", "NOT INTERESTED"], sentiment: ["NEGATIVE"], hasRecording: true }, day)).toBe(
      "calls_outcome-wrong-number+not-interested_sentiment-negative_with-recording_2026-11-28.csv",
    );
    expect(exportFileName({ ...NO_FILTERS, q: '"promise to pay" / ../etc' }, day)).toBe("calls_search-promise-to-pay-etc_2026-11-28.csv");
    expect(exportFileName(NO_FILTERS, day)).toBe("calls_2026-11-28.csv");
  });

  it("defuses spreadsheet formulas but leaves phone numbers and negative numbers alone", () => {
    expect(neutraliseFormula("=HYPERLINK(\"http://x\")")).toBe("'=HYPERLINK(\"http://x\")");
    expect(neutraliseFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutraliseFormula("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(neutraliseFormula("+15074106928")).toBe("+15074106928");
    expect(neutraliseFormula("-3")).toBe("-3");
    expect(neutraliseFormula("Contact agreed to pay")).toBe("Contact agreed to pay");
  });
});
