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

/** PostgreSQL refuses JSON nested deeper than its stack allows; no real metadata comes close. */
export const MAX_METADATA_DEPTH = 32;

function nestingDepth(value: unknown): number {
  let max = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth + 1 > max) max = depth + 1;
    if (max > MAX_METADATA_DEPTH) return max;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return max;
}

export const requestMetadataSchema = z.record(z.string(), z.unknown());

export const phoneCallEndedSchema = z
  .object({
    providerCallId: z.string({ error: requiredMessage("a string") }).trim().min(1, "is required").max(200),
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
      .refine((m) => nestingDepth(m) <= MAX_METADATA_DEPTH, {
        message: `must not be nested more than ${MAX_METADATA_DEPTH} levels deep`,
      })
      .nullish(),
  })
  .passthrough();

export type PhoneCallEndedPayload = z.input<typeof phoneCallEndedSchema>;
export type PhoneCallEnded = z.output<typeof phoneCallEndedSchema>;

export const PHONE_CALL_ENDED = "phone_call.ended";
