import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { phoneCallEndedSchema } from "../ingest/payload-schema";
import { speakable } from "./make-recordings";
import { SHOWCASE_CALLS, showcaseCalls } from "./showcase";

const NOW = new Date("2026-11-28T15:00:00.000Z");
const RECORDINGS_DIR = path.join(import.meta.dirname, "recordings");
const calls = showcaseCalls(NOW);
const byMarker = new Map(calls.map((c) => [c.payload.metadata.requestMetadata.extra_id, c]));

/** `bucket:key` → the file the local recordings driver serves (RECORDINGS_DIR/<bucket>/<key>). */
function fileFor(location: string): string {
  const [bucket, ...key] = location.split(":");
  return path.join(RECORDINGS_DIR, bucket!, key.join(":"));
}

describe("showcase calls", () => {
  it("are valid payloads, recent, and findable by their markers", () => {
    expect([...byMarker.keys()].sort()).toEqual(
      [1, 2, 3, 4, 5, 6]
        .map((n) => `demo-recording-${n}`)
        .concat("demo-plain-transcript", "demo-xss")
        .sort(),
    );
    for (const call of calls) {
      expect(phoneCallEndedSchema.safeParse(call.payload).success).toBe(true);
      expect(NOW.getTime() - call.receivedAt.getTime()).toBeLessThan(13.5 * 3_600_000);
      expect(call.receivedAt.getTime()).toBeLessThan(NOW.getTime());
    }
    expect(new Set(calls.map((c) => c.id)).size).toBe(calls.length);
  });

  it("ship a playable MP3 for each recording marker, as long as the call's duration", () => {
    for (let n = 1; n <= 6; n++) {
      const call = byMarker.get(`demo-recording-${n}`)!;
      expect(call.payload.recordingUrl).toMatch(/^levers-demo-bucket:livekit-egress\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/recording_\d{10}\.mp3$/);
      const file = fileFor(call.payload.recordingUrl!);
      expect(existsSync(file), file).toBe(true);
      const bytes = statSync(file).size;
      expect(bytes).toBeLessThan(150 * 1024);
      const data = readFileSync(file);
      // ID3 tag then MPEG audio frames (sync word 0xFFE…).
      expect(data.subarray(0, 3).toString("latin1")).toBe("ID3");
      const id3Size = (data[6]! << 21) | (data[7]! << 14) | (data[8]! << 7) | data[9]!;
      expect(data[10 + id3Size]).toBe(0xff);
      expect(data[11 + id3Size]! & 0xe0).toBe(0xe0);
      // 32 kbps constant bit rate: 4,000 bytes a second.
      const seconds = (bytes - 10 - id3Size) / 4000;
      expect(Math.abs(seconds - call.payload.duration)).toBeLessThan(1.5);
      expect(call.payload.duration).toBeGreaterThanOrEqual(5);
      expect(call.payload.duration).toBeLessThanOrEqual(20);
      // The words in the recording are the transcript's: labelled turns, both speakers.
      const lines = call.payload.transcription!.split("\n");
      expect(lines.every((l) => /^(AI|Agent|Assistant|User|Customer|Contact|Debtor): /.test(l))).toBe(true);
    }
    const outcomes = new Set([1, 2, 3, 4, 5, 6].map((n) => byMarker.get(`demo-recording-${n}`)!.payload.callOutput));
    expect(outcomes.size).toBe(6);
  });

  it("include a transcript without speaker labels", () => {
    const plain = byMarker.get("demo-plain-transcript")!.payload.transcription!;
    expect(plain.length).toBeGreaterThan(200);
    expect(plain.split("\n").some((l) => /^\s*\w{1,20}:/.test(l))).toBe(false);
    // Its recording location is not shipped: the player must say so.
    expect(existsSync(fileFor(byMarker.get("demo-plain-transcript")!.payload.recordingUrl!))).toBe(false);
  });

  it("include markup that must never run", () => {
    const xss = byMarker.get("demo-xss")!.payload;
    expect(xss.transcription).toContain("<script>alert(1)</script>");
    expect(xss.transcription).toContain("<img src=x onerror=alert(1)>");
    expect(xss.summary).toContain("<img src=x onerror=alert(1)>");
    expect(xss.metadata.requestMetadata.note).toBe("<img src=x onerror=alert(1)>");
  });

  it("keeps every shipped recording referenced by a showcase call", () => {
    const keys = SHOWCASE_CALLS.filter((c) => c.recordingKey).map((c) => c.recordingKey!);
    const shipped = readdirSync(path.join(RECORDINGS_DIR, "levers-demo-bucket"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".mp3"))
      .map((f) => f.split(path.sep).join("/"));
    expect(shipped.sort()).toEqual([...keys].sort());
  });
});

describe("speakable", () => {
  it("reads amounts and reference numbers the way a person would say them", () => {
    expect(speakable("Your payment of $412.50 is due.")).toBe("Your payment of 412 dollars and 50 cents is due.");
    expect(speakable("A bill of $640.00.")).toBe("A bill of 640 dollars.");
    expect(speakable("£186.40 past due")).toBe("186 pounds 40 past due");
    expect(speakable("number PMT-4821.")).toBe("number P M T, 4 8 2 1.");
  });
});
