import { z } from "zod";

/**
 * The one schema of a `phone_call.ended` payload (the call fields, whether they
 * arrive at the top level or inside `{ type, data }`). Used by the webhook
 * route, replay, the demo-data generator and the tests' fixture factory.
 *
 * Open sets stay open: `callOutput` and `sentimentOutput` accept any non-empty
 * string (unknown values are stored as sent); unknown extra fields are allowed
 * (they survive in the raw body kept in the inbox).
 */

// E.164 is "+" and up to 15 digits; Levers sends it that way, but a missing "+"
// or formatting spaces/dashes should not lose a call.
const E164_LOOKING = /^\+?[1-9]\d{6,14}$/;

/** "is required" for a missing field, zod's own wording for a wrong type. */
function requiredMessage(expected: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : `must be ${expected}`);
}

const phoneNumber = z
  .string({ error: requiredMessage("a string") })
  .transform((s) => s.replace(/[\s().-]/g, ""))
  .refine((s) => E164_LOOKING.test(s), { message: "must be a phone number in E.164 format, e.g. +15074106928" });

// An empty label or status means "not given", not "bad call": storing it as
// null keeps the call instead of rejecting it over a blank field.
function blankAsNull(schema: z.ZodString) {
  return schema
    .trim()
    .nullish()
    .transform((value) => (value === "" ? null : value));
}

const status = z.string().max(64);
const label = z.string().max(200);
const longText = z.string().max(10 * 1024 * 1024);

/**
 * Bounds on the free-form parts of a delivery (`metadata`, its
 * `requestMetadata`, and any field the schema does not name). Everything else
 * has a type and a length; these are the parts a sender could fill with
 * anything, and whatever is accepted is stored, listed and rendered for every
 * viewer. Real payloads carry a handful of short keys (`project_id`,
 * `extra_id`), so the limits are far above them and far below harm:
 * 100k nested arrays broke the call page (stack overflow), 150k keys made it
 * 130 MB of HTML.
 */
export const MAX_PAYLOAD_DEPTH = 32;
/** Kept as the old name: the depth limit applies to the whole delivery now, metadata included. */
export const MAX_METADATA_DEPTH = MAX_PAYLOAD_DEPTH;
export const MAX_METADATA_BYTES = 64 * 1024;
export const MAX_REQUEST_METADATA_KEYS = 200;
export const MAX_EXTRA_FIELDS_BYTES = 64 * 1024;

/** How deeply a parsed JSON value nests (objects and arrays), counted without recursion; stops counting past `limit`. */
export function nestingDepth(value: unknown, limit = MAX_PAYLOAD_DEPTH): number {
  let max = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth + 1 > max) max = depth + 1;
    if (max > limit) return max;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return max;
}

/** UTF-8 size of a value as JSON; call only on values already known to be shallow. */
function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
}

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;

export const requestMetadataSchema = z
  .record(z.string(), z.unknown())
  .refine((m) => Object.keys(m).length <= MAX_REQUEST_METADATA_KEYS, { message: `must have at most ${MAX_REQUEST_METADATA_KEYS} keys` });

const CALL_FIELDS = new Set([
  "providerCallId",
  "numberFrom",
  "numberTo",
  "providerStatus",
  "deliveryStatus",
  "duration",
  "summary",
  "endedReason",
  "callOutput",
  "callOutputReasoning",
  "sentimentOutput",
  "sentimentOutputReasoning",
  "transcription",
  "recordingUrl",
  "metadata",
  // The envelope's own fields, when they sit next to the call fields.
  "type",
]);

export const phoneCallEndedSchema = z
  .object({
    providerCallId: z
      .string({ error: requiredMessage("a string") })
      .trim()
      .min(1, "is required")
      .max(200),
    numberFrom: phoneNumber,
    numberTo: phoneNumber,
    providerStatus: blankAsNull(status),
    deliveryStatus: blankAsNull(status),
    duration: z
      .number({ error: requiredMessage("a number of seconds") })
      .int("must be a whole number of seconds")
      .nonnegative("must not be negative")
      .max(7 * 24 * 3600, "must be at most 7 days"),
    summary: longText.nullish(),
    endedReason: z.string().max(2000).nullish(),
    callOutput: blankAsNull(label),
    callOutputReasoning: longText.nullish(),
    sentimentOutput: blankAsNull(label),
    sentimentOutputReasoning: longText.nullish(),
    transcription: longText.nullish(),
    recordingUrl: blankAsNull(z.string().max(2048)),
    metadata: z
      .object({ requestMetadata: requestMetadataSchema.nullish() })
      .passthrough()
      .superRefine((m, ctx) => {
        if (nestingDepth(m) > MAX_PAYLOAD_DEPTH)
          ctx.addIssue({ code: "custom", message: `must not be nested more than ${MAX_PAYLOAD_DEPTH} levels deep` });
        else if (jsonBytes(m) > MAX_METADATA_BYTES)
          ctx.addIssue({ code: "custom", message: `must be at most ${kib(MAX_METADATA_BYTES)} as JSON` });
      })
      .nullish(),
  })
  .passthrough()
  .superRefine((call, ctx) => {
    // Fields the schema does not name are kept (in the raw body and the inbox), so they are bounded too.
    const extras = Object.fromEntries(Object.entries(call).filter(([key]) => !CALL_FIELDS.has(key)));
    if (Object.keys(extras).length === 0) return;
    if (nestingDepth(extras) > MAX_PAYLOAD_DEPTH) {
      ctx.addIssue({ code: "custom", path: ["(extra fields)"], message: `must not be nested more than ${MAX_PAYLOAD_DEPTH} levels deep` });
    } else if (jsonBytes(extras) > MAX_EXTRA_FIELDS_BYTES) {
      ctx.addIssue({
        code: "custom",
        path: ["(extra fields)"],
        message: `fields outside the documented payload must be at most ${kib(MAX_EXTRA_FIELDS_BYTES)} as JSON together`,
      });
    }
  });

/**
 * The whole delivery's nesting, checked before anything walks it: a body of
 * 100k nested arrays parses (JSON.parse does not recurse), but every
 * recursive reader after it (JSON.stringify on the call page, zod) overflows.
 */
/** Which field holds the excess nesting ("metadata", "extra", "data.metadata"), for the admin reading the inbox. */
function tooDeepPath(root: Record<string, unknown>): string {
  for (const [key, value] of Object.entries(root)) {
    if (nestingDepth(value, MAX_PAYLOAD_DEPTH - 1) <= MAX_PAYLOAD_DEPTH - 1) continue;
    if (key === "data" && value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [inner, child] of Object.entries(value))
        if (nestingDepth(child, MAX_PAYLOAD_DEPTH - 2) > MAX_PAYLOAD_DEPTH - 2) return `data.${inner}`;
    }
    return key;
  }
  return "(root)";
}

export function deliveryBoundsIssue(root: Record<string, unknown>): { path: string; message: string } | null {
  if (nestingDepth(root) > MAX_PAYLOAD_DEPTH)
    return { path: tooDeepPath(root), message: `must not be nested more than ${MAX_PAYLOAD_DEPTH} levels deep` };
  // An envelope's own extra fields (next to `type` and `data`) are free-form too.
  if ("data" in root && !("providerCallId" in root)) {
    const extras = Object.fromEntries(Object.entries(root).filter(([key]) => key !== "type" && key !== "data"));
    if (Object.keys(extras).length && jsonBytes(extras) > MAX_EXTRA_FIELDS_BYTES) {
      return {
        path: "(extra fields)",
        message: `fields outside the documented payload must be at most ${kib(MAX_EXTRA_FIELDS_BYTES)} as JSON together`,
      };
    }
  }
  return null;
}

export type PhoneCallEndedPayload = z.input<typeof phoneCallEndedSchema>;
export type PhoneCallEnded = z.output<typeof phoneCallEndedSchema>;

export const PHONE_CALL_ENDED = "phone_call.ended";
