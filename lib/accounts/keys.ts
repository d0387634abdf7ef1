import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js";

/**
 * Which account and which debt a call belongs to. Levers echoes the free-form
 * `metadata` of the call request as `requestMetadata`, so whoever starts calls
 * decides the account reference; the fields tried (in order) are a setting.
 * Without any, the dialled number is the account: good enough to group a
 * debtor's calls, and explicit about it (`source.kind === "number"`).
 */

export interface KeySettings {
  /** requestMetadata fields tried in order; the first usable value wins. */
  accountKeyFields: readonly string[];
  /** Region assumed for numbers sent without a leading +country code. */
  defaultRegion?: CountryCode;
}

export const DEFAULT_KEY_SETTINGS: KeySettings = { accountKeyFields: ["account_id", "extra_id"] };

/** Longer values are not references someone typed into a dialer: refuse rather than key an account on a blob. */
export const MAX_KEY_LENGTH = 200;

export type KeySource = { kind: "metadata"; field: string } | { kind: "number" };

export type AccountKeyResult =
  | { ok: true; key: string; value: string; source: KeySource; skipped: SkippedField[] }
  | { ok: false; reason: "no_usable_key"; skipped: SkippedField[] };

/** A configured field that was present but unusable, kept so an admin can see why a call fell through to the number. */
export interface SkippedField {
  field: string;
  reason: "empty" | "not_scalar" | "too_long";
}

export type MetadataValue = { ok: true; value: string } | { ok: false; reason: SkippedField["reason"] | "missing" };

function asRecord(metadata: unknown): Record<string, unknown> | null {
  return metadata !== null && typeof metadata === "object" && !Array.isArray(metadata) ? (metadata as Record<string, unknown>) : null;
}

/** A metadata value usable as a key: a non-empty string or a finite number (ids often arrive as JSON numbers). */
export function metadataValue(metadata: unknown, field: string): MetadataValue {
  const record = asRecord(metadata);
  if (!record || !Object.hasOwn(record, field) || record[field] === null || record[field] === undefined)
    return { ok: false, reason: "missing" };
  const raw = record[field];
  let value: string;
  if (typeof raw === "string") value = raw.trim();
  else if (typeof raw === "number" && Number.isFinite(raw)) value = String(raw);
  else return { ok: false, reason: "not_scalar" };
  if (!value) return { ok: false, reason: "empty" };
  if (value.length > MAX_KEY_LENGTH) return { ok: false, reason: "too_long" };
  return { ok: true, value };
}

/** E.164 for a dialled number, or null when it is not a possible phone number. */
export function normaliseNumber(raw: string | null | undefined, defaultRegion?: CountryCode): string | null {
  const text = (raw ?? "").trim();
  if (!text) return null;
  // Memoised: libphonenumber's parse was a tenth of a rebuild's CPU, and a debtor's number repeats on every call.
  const memoKey = `${defaultRegion ?? ""}|${text}`;
  const known = numberMemo.get(memoKey);
  if (known !== undefined) return known;
  const parsed = parsePhoneNumberFromString(text, defaultRegion);
  // isPossible, not isValid: a fresh number range unknown to the metadata is still the debtor's number.
  const result = parsed?.isPossible() ? parsed.number : null;
  if (numberMemo.size >= NUMBER_MEMO_MAX) numberMemo.clear();
  numberMemo.set(memoKey, result);
  return result;
}

const NUMBER_MEMO_MAX = 100_000;
const numberMemo = new Map<string, string | null>();

/**
 * The account key. Metadata keys are namespaced by field (`account_id:A1`)
 * so an `extra_id` that happens to equal someone's `account_id` never merges
 * two debtors; number keys are `tel:+E164`.
 */
export function accountKeyFor(
  requestMetadata: unknown,
  numberTo: string | null | undefined,
  settings: KeySettings = DEFAULT_KEY_SETTINGS,
): AccountKeyResult {
  const skipped: SkippedField[] = [];
  for (const field of settings.accountKeyFields) {
    const found = metadataValue(requestMetadata, field);
    if (found.ok) return { ok: true, key: `${field}:${found.value}`, value: found.value, source: { kind: "metadata", field }, skipped };
    if (found.reason !== "missing") skipped.push({ field, reason: found.reason });
  }
  const number = normaliseNumber(numberTo, settings.defaultRegion);
  if (number) return { ok: true, key: `tel:${number}`, value: number, source: { kind: "number" }, skipped };
  return { ok: false, reason: "no_usable_key", skipped };
}

export interface DebtKey {
  key: string;
  /** requestMetadata.project_id, or null when the call named no portfolio. */
  portfolio: string | null;
  source: "debt_id" | "portfolio";
}

/**
 * A debt is account × portfolio, unless the caller names the debt itself
 * (`debt_id`): Reg F counts calls per person *and* debt (12 CFR 1006.14(b)(4)),
 * so one debtor with two loans in one portfolio needs the explicit id. The
 * debt id stays scoped to the account: ids are only unique per creditor.
 */
export function debtKeyFor(accountKey: string, requestMetadata: unknown): DebtKey {
  const project = metadataValue(requestMetadata, "project_id");
  const portfolio = project.ok ? project.value : null;
  const debtId = metadataValue(requestMetadata, "debt_id");
  if (debtId.ok) return { key: `${accountKey}|debt:${debtId.value}`, portfolio, source: "debt_id" };
  return { key: `${accountKey}|project:${portfolio ?? ""}`, portfolio, source: "portfolio" };
}
