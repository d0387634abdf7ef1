import { rawEnv } from "@/lib/env";

/**
 * Where recordings live, read from the environment on each use (tests and the
 * e2e server set it per process). RECORDINGS_STORAGE picks the driver
 * explicitly; otherwise S3 is used when an S3 endpoint is configured, the
 * local directory when not.
 */
export interface S3Settings {
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Replaces the bucket named in the location (e.g. when the app reads a mirror). */
  bucketOverride?: string;
  forcePathStyle: boolean;
  /** Lifetime of presigned URLs in seconds (at most 900). */
  urlExpiresIn: number;
}

export type RecordingsConfig = { driver: "local"; dir?: string } | { driver: "s3"; s3: S3Settings };

export const MAX_PRESIGN_SECONDS = 15 * 60;

export class RecordingsConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RecordingsConfigError";
  }
}

export function recordingsConfig(env: Readonly<Record<string, string | undefined>> = rawEnv()): RecordingsConfig {
  const choice = env.RECORDINGS_STORAGE?.trim().toLowerCase() || (env.RECORDINGS_S3_ENDPOINT?.trim() ? "s3" : "local");
  if (choice === "local") return { driver: "local", dir: env.RECORDINGS_DIR?.trim() || undefined };
  if (choice !== "s3") throw new RecordingsConfigError(`RECORDINGS_STORAGE must be "local" or "s3", not "${choice}".`);

  const accessKeyId = env.RECORDINGS_S3_ACCESS_KEY_ID?.trim() || undefined;
  const secretAccessKey = env.RECORDINGS_S3_SECRET_ACCESS_KEY?.trim() || undefined;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new RecordingsConfigError(
      "Set both RECORDINGS_S3_ACCESS_KEY_ID and RECORDINGS_S3_SECRET_ACCESS_KEY, or neither (to use the AWS default credential chain).",
    );
  }
  const expires = Number(env.RECORDINGS_S3_URL_EXPIRES_SECONDS ?? 300);
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGN_SECONDS) {
    throw new RecordingsConfigError(
      `RECORDINGS_S3_URL_EXPIRES_SECONDS must be a whole number of seconds between 1 and ${MAX_PRESIGN_SECONDS}.`,
    );
  }
  return {
    driver: "s3",
    s3: {
      endpoint: env.RECORDINGS_S3_ENDPOINT?.trim() || undefined,
      region: env.RECORDINGS_S3_REGION?.trim() || "us-east-1",
      accessKeyId,
      secretAccessKey,
      bucketOverride: env.RECORDINGS_S3_BUCKET?.trim() || undefined,
      forcePathStyle: /^(1|true|yes)$/i.test(env.RECORDINGS_S3_FORCE_PATH_STYLE?.trim() ?? ""),
      urlExpiresIn: expires,
    },
  };
}
