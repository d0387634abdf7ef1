import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import { type ComplianceSettings, DEFAULT_SETTINGS, type SettingsError, validateSettings } from "./settings";

/**
 * The stored compliance settings: one row holding the defaults every
 * portfolio starts from and each portfolio's own changes (partial
 * ComplianceSettings, validated by lib/compliance/settings.ts on write and
 * again on read, so a hand-edited row can never loosen a rule silently).
 */

type Db = PrismaClient | Prisma.TransactionClient;

export interface StoredComplianceSettings {
  default: Record<string, unknown>;
  portfolios: Record<string, Record<string, unknown>>;
}

export interface ResolvedSettings {
  stored: StoredComplianceSettings;
  /** The effective settings of a portfolio (null = the defaults). */
  forPortfolio(portfolio: string | null): ComplianceSettings;
}

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function parseStored(value: unknown): StoredComplianceSettings {
  const raw = asObject(value);
  const portfolios = asObject(raw.portfolios);
  return {
    default: asObject(raw.default),
    portfolios: Object.fromEntries(Object.entries(portfolios).map(([k, v]) => [k, asObject(v)])),
  };
}

/** A portfolio's partial settings over the defaults (rules merged key by key). */
export function mergedInput(stored: StoredComplianceSettings, portfolio: string | null): Record<string, unknown> {
  const own = portfolio ? (stored.portfolios[portfolio] ?? {}) : {};
  // Only keys someone set: an explicit undefined would replace the default (e.g. lose the Massachusetts override).
  const merged: Record<string, unknown> = {
    ...stored.default,
    ...own,
    rules: { ...asObject(stored.default.rules), ...asObject(own.rules) },
  };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  return merged;
}

/** Every error of the defaults and of each portfolio, fields prefixed `default.` / `portfolios.<name>.`. */
export function validateStored(stored: StoredComplianceSettings): SettingsError[] {
  const errors: SettingsError[] = [];
  const base = validateSettings(mergedInput(stored, null));
  if (!base.ok) errors.push(...base.errors.map((e) => ({ field: `default.${e.field}`, message: e.message })));
  for (const name of Object.keys(stored.portfolios).sort()) {
    if (!name.trim()) errors.push({ field: "portfolios", message: "A portfolio needs a name." });
    const result = validateSettings(mergedInput(stored, name));
    if (!result.ok) errors.push(...result.errors.map((e) => ({ field: `portfolios.${name}.${e.field}`, message: e.message })));
  }
  return errors;
}

export function resolveSettings(stored: StoredComplianceSettings): ResolvedSettings {
  const memo = new Map<string, ComplianceSettings>();
  return {
    stored,
    forPortfolio(portfolio) {
      const key = portfolio ?? "";
      let found = memo.get(key);
      if (!found) {
        const result = validateSettings(mergedInput(stored, portfolio));
        // A stored row that no longer validates falls back to the federal defaults, never to something looser.
        found = result.ok ? result.settings : DEFAULT_SETTINGS;
        memo.set(key, found);
      }
      return found;
    },
  };
}

export async function loadComplianceSettings(db: Db): Promise<ResolvedSettings> {
  const row = await db.complianceSettingsRow.findUnique({ where: { id: 1 } });
  return resolveSettings(parseStored(row?.settings ?? {}));
}
