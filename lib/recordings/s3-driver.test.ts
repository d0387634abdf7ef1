import { describe, expect, it } from "vitest";
import { recordingsConfig } from "./config";
import { presignRecordingUrl } from "./s3-driver";

const location = { kind: "object" as const, bucket: "levers-test-bucket", key: "livekit-egress/abc/recording_1768238221.mp3" };

function s3(env: Record<string, string>) {
  const config = recordingsConfig({
    RECORDINGS_S3_ENDPOINT: "https://storage.example.com",
    RECORDINGS_S3_REGION: "eu-central-1",
    RECORDINGS_S3_ACCESS_KEY_ID: "AKIAEXAMPLE",
    RECORDINGS_S3_SECRET_ACCESS_KEY: "secret-example",
    ...env,
  });
  if (config.driver !== "s3") throw new Error("expected the s3 driver");
  return config.s3;
}

describe("presignRecordingUrl (no network: signing is local)", () => {
  it("signs a path-style GET for the location's bucket and key, valid at most 15 minutes", async () => {
    const url = new URL(
      await presignRecordingUrl(s3({ RECORDINGS_S3_FORCE_PATH_STYLE: "true" }), location, { download: false, fileName: "call.mp3" }),
    );
    expect(url.host).toBe("storage.example.com");
    expect(url.pathname).toBe("/levers-test-bucket/livekit-egress/abc/recording_1768238221.mp3");
    expect(Number(url.searchParams.get("X-Amz-Expires"))).toBe(300);
    expect(url.searchParams.get("X-Amz-Credential")).toMatch(/^AKIAEXAMPLE\/\d{8}\/eu-central-1\/s3\/aws4_request$/);
    expect(url.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get("response-content-type")).toBe("audio/mpeg");
    expect(url.searchParams.get("response-content-disposition")).toMatch(/^inline; filename="call.mp3"/);
  });

  it("uses virtual-hosted style unless path style is forced", async () => {
    const url = new URL(await presignRecordingUrl(s3({}), location, { download: true, fileName: "call.mp3" }));
    expect(url.host).toBe("levers-test-bucket.storage.example.com");
    expect(url.pathname).toBe("/livekit-egress/abc/recording_1768238221.mp3");
    expect(url.searchParams.get("response-content-disposition")).toMatch(/^attachment;/);
  });

  it("lets RECORDINGS_S3_BUCKET replace the bucket named in the location", async () => {
    const url = new URL(
      await presignRecordingUrl(s3({ RECORDINGS_S3_BUCKET: "mirror", RECORDINGS_S3_FORCE_PATH_STYLE: "1" }), location, {
        download: false,
        fileName: "c.mp3",
      }),
    );
    expect(url.pathname).toBe("/mirror/livekit-egress/abc/recording_1768238221.mp3");
  });

  it("honours a shorter lifetime and refuses one over 15 minutes", async () => {
    const url = new URL(
      await presignRecordingUrl(s3({ RECORDINGS_S3_URL_EXPIRES_SECONDS: "60" }), location, { download: false, fileName: "c.mp3" }),
    );
    expect(url.searchParams.get("X-Amz-Expires")).toBe("60");
    expect(() => s3({ RECORDINGS_S3_URL_EXPIRES_SECONDS: "901" })).toThrow(/between 1 and 900/);
  });
});

describe("recordingsConfig", () => {
  it("chooses S3 when an endpoint is set and the local directory otherwise", () => {
    expect(recordingsConfig({ RECORDINGS_DIR: "/data/rec" })).toEqual({ driver: "local", dir: "/data/rec" });
    expect(recordingsConfig({ RECORDINGS_S3_ENDPOINT: "http://minio:9000" }).driver).toBe("s3");
    expect(
      recordingsConfig({ RECORDINGS_STORAGE: "local", RECORDINGS_S3_ENDPOINT: "http://minio:9000", RECORDINGS_DIR: "/r" }).driver,
    ).toBe("local");
    expect(recordingsConfig({ RECORDINGS_STORAGE: "S3" }).driver).toBe("s3");
  });

  it("explains bad settings", () => {
    expect(() => recordingsConfig({ RECORDINGS_STORAGE: "ftp" })).toThrow(/"local" or "s3"/);
    expect(() => recordingsConfig({ RECORDINGS_STORAGE: "s3", RECORDINGS_S3_ACCESS_KEY_ID: "x" })).toThrow(/both/);
  });
});
