import { z } from "zod";
import type { HoldClearance, ManualHold } from "./types";

/**
 * Validators for what people type into the compliance pages and API: a hold
 * or a clearance without a reason is refused (the audit trail is the point),
 * and a number must be E.164 before any zone or count is looked up for it.
 */

export interface InputError {
  field: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: InputError[] };

const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(value: unknown): value is string {
  return typeof value === "string" && E164.test(value);
}

const date = z.coerce.date().refine((d) => !Number.isNaN(d.getTime()), "not a valid date");
const reason = (what: string) =>
  z
    .string({ error: `give the reason for the ${what}` })
    .trim()
    .min(3, `give the reason for the ${what}`);

const holdSchema = z.object({
  holdId: z.string({ error: "name the hold" }).trim().min(1, "name the hold"),
  kind: z.enum(["stop-calling", "written-cease", "attorney", "oral-dispute", "written-dispute", "bankruptcy"], {
    error: "choose stop-calling, written-cease, attorney, oral-dispute, written-dispute or bankruptcy",
  }),
  placedAt: date,
  debtKeys: z.array(z.string().trim().min(1)).default([]),
  numbers: z.array(z.string().regex(E164, "use E.164, e.g. +18504321234")).default([]),
  note: reason("hold"),
});

const clearanceSchema = z.object({
  holdId: z.string({ error: "name the hold" }).trim().min(1, "name the hold"),
  clearedAt: date,
  reason: reason("clearance"),
  clearedBy: z.string({ error: "say who cleared the hold" }).trim().min(1, "say who cleared the hold"),
});

function validate<T>(schema: z.ZodType<T>, input: unknown): Validated<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => ({ field: i.path.join(".") || "input", message: i.message })) };
}

export function validateManualHold(input: unknown): Validated<ManualHold> {
  return validate(holdSchema, input);
}

export function validateClearance(input: unknown): Validated<HoldClearance> {
  return validate(clearanceSchema, input);
}
