import { describe, expect, it } from "vitest";
import { estimateSegmentStart, findMatches, parseTranscript, splitByMatches } from "./transcript";

describe("parseTranscript", () => {
  it("splits speaker-labelled lines into turns on the two sides", () => {
    const t = parseTranscript("AI: Hello, am I speaking with Maria?\nUser: Yes, speaking.\nAI: I'm calling about your balance.");
    expect(t.kind).toBe("turns");
    expect(t.segments.map((s) => [s.speaker, s.text])).toEqual([
      ["agent", "Hello, am I speaking with Maria?"],
      ["contact", "Yes, speaking."],
      ["agent", "I'm calling about your balance."],
    ]);
  });

  it("knows every label on both sides, in any case, with or without a space before the colon", () => {
    const text = ["ai: a", "AGENT: b", "Assistant : c", "bot: d", "user: e", "Customer: f", "CONTACT: g", "Human: h", "debtor: i"].join(
      "\n",
    );
    const t = parseTranscript(text);
    expect(t.segments.map((s) => s.speaker)).toEqual([
      "agent",
      "agent",
      "agent",
      "agent",
      "contact",
      "contact",
      "contact",
      "contact",
      "contact",
    ]);
    expect(t.segments.map((s) => s.label)).toEqual(["ai", "AGENT", "Assistant", "bot", "user", "Customer", "CONTACT", "Human", "debtor"]);
  });

  it("joins continuation lines to the turn they follow and handles CRLF", () => {
    const t = parseTranscript("Agent: First line\r\nstill the agent\r\n\r\nCustomer: Okay.\r\nI can pay Friday.");
    expect(t.segments).toHaveLength(2);
    expect(t.segments[0]?.text).toBe("First line\nstill the agent");
    expect(t.segments[1]?.text).toBe("Okay.\nI can pay Friday.");
  });

  it("does not treat other words before a colon as speakers", () => {
    const t = parseTranscript("AI: The amount due is: 120 dollars.\nNote: this is not a speaker\nUser: fine");
    expect(t.segments).toHaveLength(2);
    expect(t.segments[0]?.text).toBe("The amount due is: 120 dollars.\nNote: this is not a speaker");
  });

  it("keeps text before the first label as a turn without a speaker", () => {
    const t = parseTranscript("Call started\nAI: Hello\nUser: Hi");
    expect(t.kind).toBe("turns");
    expect(t.segments[0]).toMatchObject({ speaker: "unknown", label: null, text: "Call started" });
  });

  it("falls back to plain paragraphs when the text is not speaker-labelled", () => {
    const t = parseTranscript("Hello there, this is a reminder\nabout your account.\n\nThe customer said they would pay.");
    expect(t.kind).toBe("plain");
    expect(t.segments.map((s) => [s.speaker, s.text])).toEqual([
      [null, "Hello there, this is a reminder about your account."],
      [null, "The customer said they would pay."],
    ]);
  });

  it("does not take one label-looking line deep in prose for a transcript", () => {
    const t = parseTranscript("The call went well.\nCustomer: appeared calm.\nNothing else.");
    expect(t.kind).toBe("plain");
  });

  it("treats empty and missing transcripts as empty", () => {
    expect(parseTranscript(null).kind).toBe("empty");
    expect(parseTranscript("  \n \n").segments).toEqual([]);
  });

  it("keeps markup as literal text", () => {
    const t = parseTranscript('User: <script>alert(1)</script><img src=x onerror="alert(2)">');
    expect(t.segments[0]?.text).toBe('<script>alert(1)</script><img src=x onerror="alert(2)">');
  });
});

describe("estimateSegmentStart", () => {
  it("places a turn by the share of text before it", () => {
    // 10 + 30 + 60 characters of text.
    const t = parseTranscript(`AI: ${"a".repeat(10)}\nUser: ${"b".repeat(30)}\nAI: ${"c".repeat(60)}`);
    expect(t.totalChars).toBe(100);
    expect(estimateSegmentStart(t, 0, 200)).toBe(0);
    expect(estimateSegmentStart(t, 1, 200)).toBeCloseTo(20);
    expect(estimateSegmentStart(t, 2, 200)).toBeCloseTo(80);
  });

  it("answers 0 without a duration or for a segment that does not exist", () => {
    const t = parseTranscript("AI: hello\nUser: hi");
    expect(estimateSegmentStart(t, 1, 0)).toBe(0);
    expect(estimateSegmentStart(t, 9, 60)).toBe(0);
  });

  it("estimates plain paragraphs too", () => {
    const t = parseTranscript(`${"x".repeat(25)}\n\n${"y".repeat(75)}`);
    expect(estimateSegmentStart(t, 1, 40)).toBeCloseTo(10);
  });
});

describe("findMatches / splitByMatches", () => {
  const t = parseTranscript("AI: Can you pay today?\nUser: I can PAY on Friday, pay day.");

  it("finds every case-insensitive occurrence in reading order", () => {
    const m = findMatches(t.segments, "pay");
    expect(m).toEqual([
      { segment: 0, start: 8, end: 11 },
      { segment: 1, start: 6, end: 9 },
      { segment: 1, start: 21, end: 24 },
    ]);
  });

  it("treats the query literally, not as a pattern", () => {
    expect(findMatches(t.segments, ".*")).toEqual([]);
    expect(findMatches(t.segments, "   ")).toEqual([]);
  });

  it("splits text into plain and highlighted pieces", () => {
    const pieces = splitByMatches("I can PAY on Friday, pay day.", [
      { start: 6, end: 9, id: 1 },
      { start: 21, end: 24, id: 2 },
    ]);
    expect(pieces).toEqual([
      { text: "I can ", match: null },
      { text: "PAY", match: 1 },
      { text: " on Friday, ", match: null },
      { text: "pay", match: 2 },
      { text: " day.", match: null },
    ]);
  });
});
