import { GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { MAX_PRESIGN_SECONDS, type S3Settings } from "./config";
import { audioContentType } from "./content-type";
import type { RecordingLocation } from "./location";
import { contentDisposition, type RecordingAvailability } from "./outcome";

/**
 * S3-compatible storage (AWS S3, MinIO, R2, …). The browser is redirected to
 * a short-lived presigned GET URL, so audio bytes never pass through the app
 * and S3 itself answers Range requests.
 */
type ObjectLocation = Extract<RecordingLocation, { kind: "object" }>;

const clients = new Map<string, S3Client>();

export function s3Client(settings: S3Settings): S3Client {
  const cacheKey = JSON.stringify([
    settings.endpoint,
    settings.region,
    settings.accessKeyId,
    settings.secretAccessKey,
    settings.forcePathStyle,
  ]);
  let client = clients.get(cacheKey);
  if (!client) {
    client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      // Without explicit keys the SDK's default chain applies (AWS_* env, instance role).
      credentials:
        settings.accessKeyId && settings.secretAccessKey
          ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
          : undefined,
      maxAttempts: 2,
    });
    clients.set(cacheKey, client);
  }
  return client;
}

function target(settings: S3Settings, location: ObjectLocation): { Bucket: string; Key: string } {
  return { Bucket: settings.bucketOverride ?? location.bucket, Key: location.key };
}

export async function presignRecordingUrl(
  settings: S3Settings,
  location: ObjectLocation,
  options: { download: boolean; fileName: string },
): Promise<string> {
  const command = new GetObjectCommand({
    ...target(settings, location),
    ResponseContentDisposition: contentDisposition(options.download, options.fileName),
    ResponseContentType: audioContentType(location.key),
    ResponseCacheControl: "private, no-store",
  });
  return getSignedUrl(s3Client(settings), command, { expiresIn: Math.min(settings.urlExpiresIn, MAX_PRESIGN_SECONDS) });
}

/** A HEAD on the object with a short timeout, so the page can say "not in storage" instead of drawing a dead player. */
export async function checkS3Recording(settings: S3Settings, location: ObjectLocation, timeoutMs = 3000): Promise<RecordingAvailability> {
  try {
    await s3Client(settings).send(new HeadObjectCommand(target(settings, location)), { abortSignal: AbortSignal.timeout(timeoutMs) });
    return { status: "available" };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404) return { status: "missing", reason: "not-found" };
    // 403 (no ListBucket permission turns 404 into 403), timeouts, DNS: the
    // browser may still be able to fetch it through the presigned URL.
    return { status: "unknown" };
  }
}
