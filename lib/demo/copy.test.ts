import { describe, expect, it } from "vitest";
import { CALL_COPY_COLUMNS, callCopyLine, copyField } from "./copy";
import { generateCalls } from "./generate";

describe("copyField", () => {
  it("escapes exactly what COPY's text format needs", () => {
    expect(copyField(null)).toBe("\\N");
    expect(copyField(undefined)).toBe("\\N");
    expect(copyField(42)).toBe("42");
    expect(copyField("plain text")).toBe("plain text");
    expect(copyField("AI: hi\nUser: hello")).toBe("AI: hi\\nUser: hello");
    expect(copyField("a\\b\tc\r\nd")).toBe("a\\\\b\\tc\\r\\nd");
    // A literal "\N" in the data must not read back as NULL.
    expect(copyField("\\N")).toBe("\\\\N");
  });
});

describe("callCopyLine", () => {
  it("writes one line with a field per column", () => {
    for (const call of generateCalls({ seed: 1, count: 200, days: 30, now: new Date("2026-11-28T12:00:00Z") })) {
      const line = callCopyLine(call);
      expect(line.endsWith("\n")).toBe(true);
      expect(line.slice(0, -1)).not.toContain("\n");
      const fields = line.slice(0, -1).split("\t");
      expect(fields).toHaveLength(CALL_COPY_COLUMNS.length);
      expect(fields[0]).toBe(call.id);
      expect(JSON.parse(fields[CALL_COPY_COLUMNS.indexOf("request_metadata")]!)).toEqual(call.payload.metadata.requestMetadata);
    }
  });
});
