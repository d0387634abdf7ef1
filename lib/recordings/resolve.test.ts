import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { RecordingRequest } from "./outcome";
import { checkRecording, openRecording } from "./resolve";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "recordings-"));
  await mkdir(path.join(dir, "bucket", "k"), { recursive: true });
  await writeFile(path.join(dir, "bucket", "k", "rec.mp3"), Buffer.alloc(64, 1));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

const get: RecordingRequest = { method: "GET", range: null, download: false, baseName: "call-2026-01-02" };

function useEnv(env: Record<string, string>) {
  for (const name of [
    "RECORDINGS_STORAGE",
    "RECORDINGS_DIR",
    "RECORDINGS_S3_ENDPOINT",
    "RECORDINGS_S3_BUCKET",
    "RECORDINGS_S3_FORCE_PATH_STYLE",
  ]) {
    vi.stubEnv(name, env[name] ?? "");
  }
  vi.stubEnv("RECORDINGS_S3_ACCESS_KEY_ID", "AKIAEXAMPLE");
  vi.stubEnv("RECORDINGS_S3_SECRET_ACCESS_KEY", "secret");
}

describe("openRecording", () => {
  it("streams a local file named after the call, with the key's extension", async () => {
    useEnv({ RECORDINGS_DIR: dir });
    const outcome = await openRecording("bucket:k/rec.mp3", { ...get, download: true });
    expect(outcome.kind).toBe("response");
    if (outcome.kind !== "response") return;
    expect(outcome.response.status).toBe(200);
    expect(outcome.response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="call-2026-01-02.mp3"/);
  });

  it("redirects https locations unchanged", async () => {
    useEnv({ RECORDINGS_DIR: dir });
    const outcome = await openRecording("https://cdn.example.com/r/1.mp3", get);
    expect(outcome.kind === "response" && outcome.response.status).toBe(302);
    expect(outcome.kind === "response" && outcome.response.headers.get("Location")).toBe("https://cdn.example.com/r/1.mp3");
  });

  it("redirects S3 locations to a presigned URL", async () => {
    useEnv({ RECORDINGS_S3_ENDPOINT: "https://s3.example.com", RECORDINGS_S3_FORCE_PATH_STYLE: "1" });
    const outcome = await openRecording("bucket:k/rec.mp3", get);
    if (outcome.kind !== "response") throw new Error("expected a redirect");
    expect(outcome.response.status).toBe(302);
    const location = new URL(outcome.response.headers.get("Location") ?? "");
    expect(location.origin + location.pathname).toBe("https://s3.example.com/bucket/k/rec.mp3");
    expect(outcome.response.headers.get("Cache-Control")).toMatch(/no-store/);
  });

  it("explains missing files, missing configuration and unusable locations", async () => {
    useEnv({ RECORDINGS_DIR: dir });
    expect(await openRecording("bucket:k/other.mp3", get)).toMatchObject({ kind: "missing", reason: "not-found" });
    expect(await openRecording("bucket:../k/rec.mp3", get)).toMatchObject({ kind: "missing", reason: "invalid-location" });
    useEnv({});
    expect(await openRecording("bucket:k/rec.mp3", get)).toMatchObject({
      kind: "missing",
      reason: "not-configured",
      detail: expect.stringMatching(/RECORDINGS_DIR/),
    });
    useEnv({ RECORDINGS_STORAGE: "tape" });
    expect(await openRecording("bucket:k/rec.mp3", get)).toMatchObject({ kind: "missing", reason: "not-configured" });
  });
});

describe("checkRecording", () => {
  it("tells the page whether to draw a player", async () => {
    useEnv({ RECORDINGS_DIR: dir });
    expect(await checkRecording(null)).toEqual({ status: "none" });
    expect(await checkRecording("bucket:k/rec.mp3")).toEqual({ status: "available" });
    expect(await checkRecording("bucket:k/gone.mp3")).toEqual({ status: "missing", reason: "not-found" });
    expect(await checkRecording("https://cdn.example.com/r/1.mp3")).toEqual({ status: "unknown" });
  });
});
