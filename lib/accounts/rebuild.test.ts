import { describe, expect, it } from "vitest";
import { shardRange } from "./rebuild";

const value = (uuid: string) => BigInt(`0x${uuid.replaceAll("-", "")}`);

describe("shardRange", () => {
  it("splits the whole id space into adjacent slices with no gap and no overlap", () => {
    for (const count of [1, 2, 3, 7, 32]) {
      const ranges = Array.from({ length: count }, (_, index) => shardRange({ index, count }));
      expect(ranges[0]![0]).toBe("00000000-0000-0000-0000-000000000000");
      expect(ranges.at(-1)![1]).toBe("ffffffff-ffff-ffff-ffff-ffffffffffff");
      for (let i = 1; i < count; i++) expect(value(ranges[i]![0])).toBe(value(ranges[i - 1]![1]) + 1n);
      for (const [lo, hi] of ranges) expect(value(lo) <= value(hi)).toBe(true);
    }
  });

  it("gives each shard an equal share of random ids", () => {
    const [lo, hi] = shardRange({ index: 1, count: 4 });
    expect([lo, hi]).toEqual(["40000000-0000-0000-0000-000000000000", "7fffffff-ffff-ffff-ffff-ffffffffffff"]);
  });

  it("refuses a shard outside 0..count-1", () => {
    expect(() => shardRange({ index: 2, count: 2 })).toThrow(RangeError);
    expect(() => shardRange({ index: 0, count: 0 })).toThrow(RangeError);
  });
});
