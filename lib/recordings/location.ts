/**
 * What `recordingUrl` can say, parsed strictly. Levers sends a storage
 * location (`bucket:key`, written by LiveKit egress to S3-compatible storage);
 * some deployments send `s3://bucket/key` or a plain https URL. Anything that
 * could climb out of the bucket (`..`, absolute keys, backslashes, control or
 * odd characters) is refused here, before any driver sees it.
 */

export type RecordingLocation = { kind: "object"; bucket: string; key: string } | { kind: "url"; url: string };

export class RecordingLocationError extends Error {
  constructor(
    message: string,
    readonly location: string,
  ) {
    super(message);
    this.name = "RecordingLocationError";
  }
}

// S3 bucket names are lower case; MinIO/R2 and local folders are laxer, so
// accept what is safe as a single path segment.
const BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
// S3's "safe characters" plus a few seen in real keys (=, +, @, ",", space).
const KEY_SEGMENT = /^[A-Za-z0-9!_.*'()=+,@ ~-]+$/;
const MAX_KEY = 1024;

export function parseRecordingLocation(raw: string): RecordingLocation {
  const value = raw.trim();
  const fail = (why: string): never => {
    throw new RecordingLocationError(`Recording location "${truncate(value)}" is not usable: ${why}.`, value);
  };
  if (!value) fail("it is empty");

  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme === "https") return { kind: "url", url: parseHttpsUrl(value, fail) };
  if (scheme === "s3") {
    const rest = value.slice("s3://".length);
    const slash = rest.indexOf("/");
    if (slash <= 0) fail("expected s3://bucket/key");
    return objectLocation(rest.slice(0, slash), rest.slice(slash + 1), fail);
  }
  if (scheme) fail(`the ${scheme}:// scheme is not supported (use bucket:key, s3://bucket/key or an https URL)`);

  const colon = value.indexOf(":");
  if (colon <= 0) fail("expected bucket:key, s3://bucket/key or an https URL");
  return objectLocation(value.slice(0, colon), value.slice(colon + 1), fail);
}

function objectLocation(bucket: string, key: string, fail: (why: string) => never): RecordingLocation {
  if (!BUCKET.test(bucket) || bucket === "." || bucket === "..") fail("the bucket name has characters a bucket cannot have");
  if (!key) fail("the object key is empty");
  if (key.length > MAX_KEY) fail(`the object key is longer than ${MAX_KEY} characters`);
  if (key.startsWith("/")) fail("the object key must be relative (it starts with /)");
  if (key.includes("\\")) fail("the object key contains a backslash");
  for (const segment of key.split("/")) {
    if (segment === "") fail("the object key has an empty path segment (//)");
    if (segment === "." || segment === "..") fail("the object key contains a . or .. path segment");
    if (!KEY_SEGMENT.test(segment)) fail("the object key contains characters that are not allowed");
  }
  return { kind: "object", bucket, key };
}

function parseHttpsUrl(value: string, fail: (why: string) => never): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail("it is not a valid URL");
  }
  if (url.protocol !== "https:") fail("only https URLs are allowed");
  if (url.username || url.password) fail("URLs with credentials in them are not allowed");
  return url.toString();
}

/** The file extension of the object key or URL path (lower case, without the dot), or null. */
export function recordingExtension(location: RecordingLocation): string | null {
  const path = location.kind === "object" ? location.key : new URL(location.url).pathname;
  return /\.([A-Za-z0-9]{1,5})$/.exec(path)?.[1]?.toLowerCase() ?? null;
}

function truncate(s: string): string {
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}
