import { describe, expect, it } from "vitest";
import { FRAGMENT_SEPARATOR, firstLine, HIT_END, HIT_START, headlineToSegments } from "./highlight";

describe("search snippets as segments", () => {
  it("splits ts_headline output into hits and plain text", () => {
    const out = headlineToSegments(`I can ${HIT_START}pay${HIT_END} on ${HIT_START}Friday${HIT_END}\nthanks`);
    expect(out).toEqual([
      { text: "I can ", hit: false },
      { text: "pay", hit: true },
      { text: " on ", hit: false },
      { text: "Friday", hit: true },
      { text: " thanks", hit: false },
    ]);
  });

  it("joins fragments with an ellipsis and keeps markup as text", () => {
    const out = headlineToSegments(
      `<img src=x onerror=alert(1)> ${HIT_START}pay${HIT_END}${FRAGMENT_SEPARATOR}later ${HIT_START}pay${HIT_END}`,
    );
    expect(out.map((s) => s.text).join("")).toBe("<img src=x onerror=alert(1)> pay … later pay");
    expect(out.filter((s) => s.hit).map((s) => s.text)).toEqual(["pay", "pay"]);
  });

  it("finds the first non-empty transcript line", () => {
    expect(firstLine("\n\n  AI: Hello there  \nUser: hi")).toBe("AI: Hello there");
    expect(firstLine(null)).toBeNull();
  });
});
