import { afterEach, describe, expect, it } from "vitest";
import { exportFileName, neutraliseFormula } from "./export";
import { NO_FILTERS } from "./filters";

describe("CSV export helpers", () => {
  // The file is named after the server's local day: noon on the 28th in
  // whatever zone this machine runs in (never a UTC instant, whose local day
  // differs at UTC+14 or west of UTC-10).
  const day = new Date(2026, 10, 28, 12, 0, 0);
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it("dates the file by the server's local day, in the server's zone", () => {
    // One instant, two explicit zones: 10:30 UTC is already the 29th at UTC+14
    // and still the 27th at UTC-11.
    const instant = new Date("2026-11-28T10:30:00Z");
    process.env.TZ = "Pacific/Kiritimati";
    expect(exportFileName(NO_FILTERS, instant)).toBe("calls_2026-11-29.csv");
    process.env.TZ = "Pacific/Niue";
    expect(exportFileName(NO_FILTERS, instant)).toBe("calls_2026-11-27.csv");
    process.env.TZ = "UTC";
    expect(exportFileName(NO_FILTERS, instant)).toBe("calls_2026-11-28.csv");
  });

  it("names the file after the filter and the day", () => {
    expect(exportFileName({ ...NO_FILTERS, outcome: ["PAYMENT PROMISE"] }, day)).toBe("calls_outcome-payment-promise_2026-11-28.csv");
    expect(
      exportFileName({ ...NO_FILTERS, outcome: ["WRONG NUMBER", "NOT INTERESTED"], sentiment: ["NEGATIVE"], hasRecording: true }, day),
    ).toBe("calls_outcome-wrong-number+not-interested_sentiment-negative_with-recording_2026-11-28.csv");
    expect(exportFileName({ ...NO_FILTERS, q: '"promise to pay" / ../etc' }, day)).toBe("calls_search-promise-to-pay-etc_2026-11-28.csv");
    expect(exportFileName(NO_FILTERS, day)).toBe("calls_2026-11-28.csv");
  });

  it("defuses spreadsheet formulas but leaves phone numbers and negative numbers alone", () => {
    expect(neutraliseFormula('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(neutraliseFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutraliseFormula("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(neutraliseFormula("+15074106928")).toBe("+15074106928");
    expect(neutraliseFormula("-3")).toBe("-3");
    expect(neutraliseFormula("Contact agreed to pay")).toBe("Contact agreed to pay");
  });
});
