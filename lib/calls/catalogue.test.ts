import { describe, expect, it } from "vitest";
import { compareOutcomes, outcomeInfo, PROMISE_OUTCOMES, sentimentInfo } from "./catalogue";

describe("outcome and sentiment catalogue", () => {
  it("labels every documented Levers outcome", () => {
    expect(outcomeInfo("PAYMENT PROMISE").label).toBe("Payment promise");
    expect(outcomeInfo("CALL BACK REQUESTED").label).toBe("Call back requested");
    expect(outcomeInfo("WRONG NUMBER").isConnected).toBe(false);
    expect(PROMISE_OUTCOMES.sort()).toEqual(["PAYMENT EXTENSION", "PAYMENT PROMISE"]);
  });

  it("shows an unknown outcome as sent, in a neutral style, never throwing", () => {
    const info = outcomeInfo("CALL_RESULT");
    expect(info.label).toBe("CALL_RESULT");
    expect(info.known).toBe(false);
    expect(info.badge).toContain("slate");
  });

  it("tolerates case and underscore variants of known values", () => {
    expect(outcomeInfo("payment_promise").label).toBe("Payment promise");
    expect(sentimentInfo("negative").label).toBe("Negative");
  });

  it("orders known outcomes before unknown ones", () => {
    expect(["ZZZ NEW", "WRONG NUMBER", "PAYMENT COMPLETED"].sort(compareOutcomes)).toEqual([
      "PAYMENT COMPLETED",
      "WRONG NUMBER",
      "ZZZ NEW",
    ]);
  });
});
