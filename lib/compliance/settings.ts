import { z } from "zod";
import { isValidTimeZone } from "@/lib/time/zones";
import type { RuleId } from "./types";

/**
 * Per-portfolio rule settings. Stricter than the regulation is always
 * allowed; looser is refused, except that a first-party creditor (not a
 * "debt collector" under 12 CFR 1006.2(i)) may turn the frequency rule off.
 * Calling hours and stop-calling requests bind everyone the product serves,
 * so R3 and R4 can never be switched off.
 */

export interface StateOverride {
  /** Collector-initiated calls allowed per 7 consecutive days per debt. */
  maxCallsPer7Days: number;
  citation: string;
}

export interface ComplianceSettings {
  collectorType: "debt-collector" | "first-party";
  rules: Record<RuleId, boolean>;
  /** Federal 1006.14(b)(2)(i)(A) allows 7; a portfolio may choose fewer. */
  maxCallsPer7Days: number;
  /** Days (the conversation's date is day 1) with no call after a conversation; federal 7. */
  quietDaysAfterConversation: number;
  /** Local "HH:MM"; at most the 08:00-21:00 of 1006.6(b)(1)(i). */
  callingHours: { start: string; end: string };
  stateOverrides: Record<string, StateOverride>;
  /** "block": a rule the engine cannot evaluate makes mayCallNow say no (the default); "allow": it is reported but does not block. */
  whenUnevaluable: "block" | "allow";
  /** Zones whose calendars count the days when the consumer's zone is unknown: a call is flagged if any of them flags it. */
  unknownZoneDayZones: string[];
  /** How far ahead nextPermissibleCall searches before answering "no time found". */
  horizonDays: number;
}

export const MASSACHUSETTS: StateOverride = { maxCallsPer7Days: 2, citation: "940 CMR 7.04(1)(f)" };

export const ALL_RULES: RuleId[] = ["R1", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R12", "R13"];

export const DEFAULT_SETTINGS: ComplianceSettings = {
  collectorType: "debt-collector",
  rules: Object.fromEntries(ALL_RULES.map((r) => [r, true])) as Record<RuleId, boolean>,
  maxCallsPer7Days: 7,
  quietDaysAfterConversation: 7,
  callingHours: { start: "08:00", end: "21:00" },
  stateOverrides: { MA: MASSACHUSETTS },
  whenUnevaluable: "block",
  unknownZoneDayZones: [
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
  ],
  horizonDays: 60,
};

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "use 24-hour HH:MM, e.g. 08:00");

const schema = z
  .object({
    collectorType: z.enum(["debt-collector", "first-party"]),
    rules: z.object(Object.fromEntries(ALL_RULES.map((r) => [r, z.boolean()])) as Record<RuleId, z.ZodBoolean>).partial(),
    maxCallsPer7Days: z.number().int().min(1).max(7, "12 CFR 1006.14(b)(2)(i)(A) allows at most 7"),
    quietDaysAfterConversation: z.number().int().min(7, "12 CFR 1006.14(b)(2)(i)(B) needs at least 7").max(30),
    callingHours: z.object({ start: clock, end: clock }),
    stateOverrides: z.record(
      z.string(),
      z.object({
        maxCallsPer7Days: z.number().int().min(1).max(7),
        citation: z.string().trim().min(1, "name the state law"),
      }),
    ),
    whenUnevaluable: z.enum(["block", "allow"]),
    unknownZoneDayZones: z.array(z.string().refine(isValidTimeZone, "not an IANA time zone")).min(1),
    horizonDays: z.number().int().min(1).max(366),
  })
  .partial();

export interface SettingsError {
  field: string;
  message: string;
}

export type SettingsResult = { ok: true; settings: ComplianceSettings } | { ok: false; errors: SettingsError[] };

/** Validates a partial settings object (from a form or the database) over the defaults. Never throws. */
export function validateSettings(input: unknown): SettingsResult {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({ field: issue.path.join(".") || "settings", message: issue.message })),
    };
  }
  const value = parsed.data;
  const badStates = Object.keys(value.stateOverrides ?? {}).filter((key) => !/^[A-Z]{2}$/.test(key));
  if (badStates.length > 0) {
    return {
      ok: false,
      errors: badStates.map((key) => ({ field: `stateOverrides.${key}`, message: "Use a two-letter state code, e.g. MA." })),
    };
  }
  const settings: ComplianceSettings = {
    ...DEFAULT_SETTINGS,
    ...value,
    rules: { ...DEFAULT_SETTINGS.rules, ...Object.fromEntries(Object.entries(value.rules ?? {}).filter(([, on]) => on !== undefined)) },
  };
  const errors: SettingsError[] = [];
  for (const rule of ["R3", "R4"] as const) {
    if (!settings.rules[rule]) {
      errors.push({
        field: `rules.${rule}`,
        message:
          rule === "R3"
            ? "Calling hours (R3, 12 CFR 1006.6(b)(1)(i)) cannot be turned off: keep it on and narrow the hours instead."
            : "Stop-calling requests (R4, 12 CFR 1006.14(h)(1)) cannot be turned off for any portfolio.",
      });
    }
  }
  if (!settings.rules.R1 && settings.collectorType !== "first-party") {
    errors.push({
      field: "rules.R1",
      message: "Only a first-party creditor portfolio may turn call frequency (R1) off: set collectorType to first-party or keep R1 on.",
    });
  }
  const start = clockMinutes(settings.callingHours.start);
  const end = clockMinutes(settings.callingHours.end);
  if (start < 8 * 60) errors.push({ field: "callingHours.start", message: "Calls may not start before 08:00 (12 CFR 1006.6(b)(1)(i))." });
  if (end > 21 * 60) errors.push({ field: "callingHours.end", message: "Calls may not end after 21:00 (12 CFR 1006.6(b)(1)(i))." });
  if (end <= start) errors.push({ field: "callingHours.end", message: "The end of calling hours must be later than the start." });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings };
}

/** Minutes after midnight of a validated "HH:MM". */
export function clockMinutes(value: string): number {
  return Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));
}
