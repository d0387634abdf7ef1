import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { requireAdminSession, requireRole } from "@/lib/auth/guard";
import { prisma } from "@/lib/db/client";
import { ValidationError } from "@/lib/http/errors";
import { isValidTimeZone } from "@/lib/time/zones";
import { DEFAULT_ACCOUNT_SETTINGS } from "./derive";

/**
 * The accounts settings (the one crm_settings row), edited at /admin/accounts.
 * Validated whole before anything is written: one field out of range and
 * nothing is saved. A change to the grace days, the default zone or the
 * default installments queues a re-derivation of every account (the worker
 * catches up in the background); a change to the key fields only applies to
 * new calls until `npm run crm:rebuild` re-keys the history.
 */

export const SETTINGS_LIMITS = { keyFields: 5, graceDays: 60, installments: 52, roundRobinUsers: 100 } as const;

export const accountSettingsSchema = z
  .object({
    keyFields: z
      .array(
        z
          .string()
          .trim()
          .min(1, "keyFields: a field name must not be empty")
          .max(64, "keyFields: a field name has at most 64 characters")
          .regex(/^[A-Za-z0-9_.-]+$/, "keyFields: letters, digits, _ . - only (a requestMetadata field name)"),
        { message: "keyFields: a list of requestMetadata field names" },
      )
      .min(1, "keyFields: at least one field (the dialled number is always the last resort)")
      .max(SETTINGS_LIMITS.keyFields, `keyFields: at most ${SETTINGS_LIMITS.keyFields} fields`)
      .refine((f) => new Set(f).size === f.length, "keyFields: each field once"),
    graceDays: z
      .number({ message: "graceDays: a whole number of days" })
      .int("graceDays: a whole number of days")
      .min(0, "graceDays: 0 or more")
      .max(SETTINGS_LIMITS.graceDays, `graceDays: at most ${SETTINGS_LIMITS.graceDays}`),
    defaultTimeZone: z.string().refine(isValidTimeZone, "defaultTimeZone: an IANA zone such as America/New_York"),
    defaultInstallments: z
      .number({ message: "defaultInstallments: a whole number" })
      .int("defaultInstallments: a whole number")
      .min(1, "defaultInstallments: at least 1")
      .max(SETTINGS_LIMITS.installments, `defaultInstallments: at most ${SETTINGS_LIMITS.installments}`),
    roundRobin: z.boolean({ message: "roundRobin: true or false" }),
    roundRobinUserIds: z
      .array(z.string().min(1).max(100), { message: "roundRobinUserIds: a list of user ids" })
      .max(SETTINGS_LIMITS.roundRobinUsers, `roundRobinUserIds: at most ${SETTINGS_LIMITS.roundRobinUsers} people`),
  })
  .strict()
  .refine((s) => !s.roundRobin || s.roundRobinUserIds.length > 0, {
    path: ["roundRobinUserIds"],
    message: "roundRobinUserIds: choose at least one agent to turn round-robin on",
  });

export type AccountSettingsInput = z.infer<typeof accountSettingsSchema>;

export interface AccountSettingsView extends AccountSettingsInput {
  updatedAt: Date | null;
  updatedBy: string | null;
  /** Who may be chosen for round-robin: active users. */
  people: { id: string; name: string; email: string; role: string }[];
}

export async function getAccountSettings(): Promise<AccountSettingsView> {
  await requireRole("admin");
  const [row, people] = await Promise.all([
    prisma.crmSettings.findUnique({ where: { id: 1 } }),
    prisma.user.findMany({ where: { banned: false }, select: { id: true, name: true, email: true, role: true }, orderBy: { name: "asc" } }),
  ]);
  return {
    keyFields: row?.keyFields ?? [...DEFAULT_ACCOUNT_SETTINGS.keys.accountKeyFields],
    graceDays: row?.graceDays ?? DEFAULT_ACCOUNT_SETTINGS.graceDays,
    defaultTimeZone: row?.defaultTimeZone ?? DEFAULT_ACCOUNT_SETTINGS.defaultTimeZone,
    defaultInstallments: row?.defaultInstallments ?? DEFAULT_ACCOUNT_SETTINGS.defaultInstallments,
    roundRobin: row?.roundRobin ?? false,
    roundRobinUserIds: row?.roundRobinUserIds ?? [],
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
    people,
  };
}

/** The form's fields → the schema's input (numbers stay text when not numbers, so zod names the field). */
export function settingsFromForm(form: FormData): unknown {
  const num = (name: string) => {
    const raw = String(form.get(name) ?? "").trim();
    return raw !== "" && /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  };
  return {
    keyFields: String(form.get("keyFields") ?? "")
      .split(/[\n,]/)
      .map((f) => f.trim())
      .filter(Boolean),
    graceDays: num("graceDays"),
    defaultTimeZone: String(form.get("defaultTimeZone") ?? "").trim(),
    defaultInstallments: num("defaultInstallments"),
    roundRobin: form.get("roundRobin") === "on" || form.get("roundRobin") === "true",
    roundRobinUserIds: form.getAll("roundRobinUserIds").map(String),
  };
}

export interface SettingsChange {
  changed: (keyof AccountSettingsInput)[];
  /** Accounts queued for re-derivation. */
  rederive: number;
  /** Key fields changed: history keeps its old keys until `npm run crm:rebuild`. */
  rebuildNeeded: boolean;
}

const DERIVE_FIELDS = ["graceDays", "defaultTimeZone", "defaultInstallments", "keyFields"] as const;

export async function updateAccountSettings(input: unknown): Promise<SettingsChange> {
  const viewer = await requireAdminSession();
  const parsed = accountSettingsSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, parsed.error.issues[0]?.message ?? "The settings are not valid.");
  const next = parsed.data;
  if (next.roundRobinUserIds.length) {
    const found = await prisma.user.findMany({ where: { id: { in: next.roundRobinUserIds }, banned: false }, select: { id: true } });
    const missing = next.roundRobinUserIds.filter((id) => !found.some((u) => u.id === id));
    if (missing.length)
      throw new ValidationError("roundRobinUserIds: no active user with that id", [
        { path: "roundRobinUserIds", message: `no active user ${missing[0]}` },
      ]);
  }
  const before = await getAccountSettings();
  const changed = (Object.keys(next) as (keyof AccountSettingsInput)[]).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]),
  );
  const rederiveNeeded = changed.some((k) => (DERIVE_FIELDS as readonly string[]).includes(k));
  const rederive = await prisma.$transaction(async (tx) => {
    await tx.crmSettings.upsert({
      where: { id: 1 },
      update: { ...next, updatedAt: new Date(), updatedBy: viewer.id },
      create: { id: 1, ...next, updatedBy: viewer.id },
    });
    if (!rederiveNeeded) return 0;
    // Every account, 100 per job: the worker re-derives them in the background with the new rules.
    const [row] = await tx.$queryRaw<{ n: number }[]>`
      WITH batches AS (
        SELECT array_agg(id::text ORDER BY id) AS ids FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / 100 AS g FROM crm_accounts) x GROUP BY g
      ), queued AS (
        SELECT graphile_worker.add_job('crm_derive_accounts', json_build_object('accountIds', ids)) FROM batches
      )
      SELECT COALESCE((SELECT sum(cardinality(ids)) FROM batches), 0)::int AS n, (SELECT count(*) FROM queued)::int AS jobs`;
    return row?.n ?? 0;
  });
  if (changed.length) {
    await recordAudit({
      actorId: viewer.id,
      action: "accounts.settings_update",
      target: "crm_settings",
      details: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: next[k] }])),
    });
  }
  return { changed, rederive, rebuildNeeded: changed.includes("keyFields") };
}
