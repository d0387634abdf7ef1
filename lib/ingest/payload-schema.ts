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
const phoneNumber = z
  .string()
  .transform((s) => s.replace(/[\s().-]/g, ""))
  .refine((s) => E164_LOOKING.test(s), { message: "must be a phone number in E.164 format, e.g. +15074106928" });

const status = z.string().trim().min(1).max(64);
const label = z.string().trim().min(1, "must not be empty").max(200);
const longText = z.string().max(10 * 1024 * 1024);

export const requestMetadataSchema = z.record(z.string(), z.unknown());

export const phoneCallEndedSchema = z
  .object({
    providerCallId: z.string().trim().min(1, "is required").max(200),
    numberFrom: phoneNumber,
    numberTo: phoneNumber,
    providerStatus: status.nullish(),
    deliveryStatus: status.nullish(),
    duration: z.number().int("must be a whole number of seconds").nonnegative("must not be negative").max(7 * 24 * 3600),
    summary: longText.nullish(),
    endedReason: z.string().max(2000).nullish(),
    callOutput: label.nullish(),
    callOutputReasoning: longText.nullish(),
    sentimentOutput: label.nullish(),
    sentimentOutputReasoning: longText.nullish(),
    transcription: longText.nullish(),
    recordingUrl: z.string().trim().min(1).max(2048).nullish(),
    metadata: z
      .object({ requestMetadata: requestMetadataSchema.nullish() })
      .passthrough()
      .nullish(),
  })
  .passthrough();

export type PhoneCallEndedPayload = z.input<typeof phoneCallEndedSchema>;
export type PhoneCallEnded = z.output<typeof phoneCallEndedSchema>;

export const PHONE_CALL_ENDED = "phone_call.ended";
