import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localRecordingPath, serveLocalRecording } from "./local-driver";
import type { ServeOptions } from "./outcome";

let dir = "";
const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
const location = { kind: "object" as const, bucket: "demo-bucket", key: "calls/a/recording.mp3" };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "recordings-"));
  await mkdir(path.join(dir, "demo-bucket", "calls", "a"), { recursive: true });
  await writeFile(path.join(dir, "demo-bucket", "calls", "a", "recording.mp3"), bytes);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function request(range: string | null, extra: Partial<ServeOptions> = {}): ServeOptions {
  return { method: "GET", range, download: false, fileName: "call.mp3", ...extra };
}

async function serve(range: string | null, extra: Partial<ServeOptions> = {}) {
  const outcome = await serveLocalRecording(dir, location, request(range, extra));
  if (outcome.kind !== "response") throw new Error(`expected a response, got ${outcome.reason}`);
  return outcome.response;
}

describe("serveLocalRecording", () => {
  it("sends the whole file with 200 when there is no Range", async () => {
    const res = await serve(null);
    expect(res.status).toBe(200);
    expect(res.headers.get("Accept-Ranges")).toBe("bytes");
    expect(res.headers.get("Content-Type")).toBe("audio/mpeg");
    expect(res.headers.get("Content-Length")).toBe("1000");
    expect(res.headers.get("Cache-Control")).toMatch(/private/);
    expect(res.headers.get("Content-Disposition")).toMatch(/^inline; filename="call.mp3"/);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("answers bytes=0- with 206 and the whole file", async () => {
    const res = await serve("bytes=0-");
    expect(res.status).toBe(206);
    expect(res.headers.get("Content-Range")).toBe("bytes 0-999/1000");
    expect(res.headers.get("Content-Length")).toBe("1000");
    expect((await res.arrayBuffer()).byteLength).toBe(1000);
  });

  it("answers bytes=100-199 with exactly those 100 bytes", async () => {
    const res = await serve("bytes=100-199");
    expect(res.status).toBe(206);
    expect(res.headers.get("Content-Range")).toBe("bytes 100-199/1000");
    expect(res.headers.get("Content-Length")).toBe("100");
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
  });

  it("answers a suffix range bytes=-500 with the last 500 bytes", async () => {
    const res = await serve("bytes=-500");
    expect(res.status).toBe(206);
    expect(res.headers.get("Content-Range")).toBe("bytes 500-999/1000");
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes.subarray(500))).toBe(true);
  });

  it("answers 416 with the size for a range past the end", async () => {
    const res = await serve("bytes=5000-6000");
    expect(res.status).toBe(416);
    expect(res.headers.get("Content-Range")).toBe("bytes */1000");
    expect(await res.json()).toEqual({ error: expect.stringContaining("outside the recording") });
  });

  it("sets an attachment disposition for downloads and sends no body for HEAD", async () => {
    const res = await serve(null, { method: "HEAD", download: true, fileName: "call-2026-01-02.mp3" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="call-2026-01-02.mp3"/);
    expect(res.headers.get("Content-Length")).toBe("1000");
    expect(res.body).toBeNull();
  });

  it("reports a missing file as missing, not as an error", async () => {
    const outcome = await serveLocalRecording(dir, { ...location, key: "calls/a/nope.mp3" }, request(null));
    expect(outcome).toMatchObject({ kind: "missing", reason: "not-found" });
  });

  it("never resolves a path outside the directory", () => {
    expect(localRecordingPath(dir, { kind: "object", bucket: "b", key: "../../etc/passwd" })).toBeNull();
    expect(localRecordingPath(dir, location)).toBe(path.join(dir, "demo-bucket", "calls", "a", "recording.mp3"));
  });
});
