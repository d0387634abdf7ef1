import { describe, expect, it } from "vitest";
import { proportion, wilsonInterval } from "./wilson";

// Reference values: Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I (method 3, Wilson score).
describe("wilsonInterval", () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i of %i → %f–%f", (k, n, low, high) => {
    const interval = wilsonInterval(k, n)!;
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it("12 of 12 agreeing is not read as certainty", () => {
    const interval = wilsonInterval(12, 12)!;
    expect(interval.high).toBe(1);
    expect(interval.low).toBeCloseTo(0.7575, 4);
  });

  it("is symmetric: k of n mirrors n-k of n", () => {
    const a = wilsonInterval(3, 17)!;
    const b = wilsonInterval(14, 17)!;
    expect(a.low).toBeCloseTo(1 - b.high, 12);
    expect(a.high).toBeCloseTo(1 - b.low, 12);
  });

  it("has no interval without a sample, or for impossible counts", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(wilsonInterval(5, 4)).toBeNull();
    expect(proportion(0, 0)).toEqual({ k: 0, n: 0, rate: null, low: null, high: null });
  });
});
