import { describe, expect, it } from "vitest";
import { parseRecordingLocation, RecordingLocationError, recordingExtension } from "./location";

describe("parseRecordingLocation", () => {
  it("reads Levers' bucket:key form", () => {
    const raw =
      "levers-test-bucket:livekit-egress/56d4148b-3e6e-4095-b5c2-ca6e383357dd/6e0ac8cd-26c7-41ee-9e1e-a4cb692ba741/recording_1768238221.mp3";
    expect(parseRecordingLocation(raw)).toEqual({
      kind: "object",
      bucket: "levers-test-bucket",
      key: "livekit-egress/56d4148b-3e6e-4095-b5c2-ca6e383357dd/6e0ac8cd-26c7-41ee-9e1e-a4cb692ba741/recording_1768238221.mp3",
    });
  });

  it("reads s3://bucket/key and trims whitespace", () => {
    expect(parseRecordingLocation("  s3://my-bucket/a/b c/file.wav ")).toEqual({
      kind: "object",
      bucket: "my-bucket",
      key: "a/b c/file.wav",
    });
  });

  it("passes https URLs through", () => {
    expect(parseRecordingLocation("https://cdn.example.com/rec/1.mp3?sig=abc")).toEqual({
      kind: "url",
      url: "https://cdn.example.com/rec/1.mp3?sig=abc",
    });
  });

  it.each([
    ["bucket:../etc/passwd", /\.\. path segment/],
    ["bucket:a/../../secret.mp3", /\.\. path segment/],
    ["bucket:a/./b.mp3", /\. or \.\. path segment/],
    ["..:key.mp3", /bucket/],
    ["bucket:/etc/passwd", /relative/],
    ["s3://bucket//etc/passwd", /relative/],
    ["bucket:a//b.mp3", /empty path segment/],
    ["bucket:a\\..\\b.mp3", /backslash/],
    ["bucket:a/%2e%2e/b.mp3", /not allowed/],
    ["bucket:a/b\u0000.mp3", /not allowed/],
    ["bucket:a/b?.mp3", /not allowed/],
    ["buc/ket:a.mp3", /bucket/],
    ["bucket:", /empty/],
    ["", /empty/],
    ["no-colon-here", /expected bucket:key/],
    ["http://example.com/a.mp3", /http:\/\/ scheme is not supported/],
    ["file:///etc/passwd", /file:\/\/ scheme is not supported/],
    ["https://user:pw@example.com/a.mp3", /credentials/],
    ["s3://bucket", /expected s3:\/\/bucket\/key/],
  ])("refuses %j with a clear reason", (raw, reason) => {
    expect(() => parseRecordingLocation(raw)).toThrow(RecordingLocationError);
    expect(() => parseRecordingLocation(raw)).toThrow(reason);
  });

  it("names the location in the error", () => {
    expect(() => parseRecordingLocation("bucket:../x")).toThrow('Recording location "bucket:../x" is not usable');
  });
});

describe("recordingExtension", () => {
  it("takes the extension from the key or the URL path", () => {
    expect(recordingExtension(parseRecordingLocation("b:x/rec.MP3"))).toBe("mp3");
    expect(recordingExtension(parseRecordingLocation("https://h.example/a/b.ogg?x=1.wav"))).toBe("ogg");
    expect(recordingExtension(parseRecordingLocation("b:x/noext"))).toBeNull();
  });
});
