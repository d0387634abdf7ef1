import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { requireAdminSession, requireRole } from "@/lib/auth/guard";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { NotFoundError, ValidationError } from "@/lib/http/errors";
import { validateClearance, validateManualHold } from "./inputs";
import { parseStored, type StoredComplianceSettings, validateStored } from "./settings-store";

/**
 * What people change: manual holds (agents), clearances and flag reviews
 * (managers), the settings (admins). Every change is validated first (bad
 * input changes nothing), audited, and queues the account(s) for
 * re-derivation so flags and next calls follow.
 */

const DERIVE_TASK = "crm_derive_accounts";

async function enqueueDerive(db: Prisma.TransactionClient, accountIds: string[]) {
  for (let i = 0; i < accountIds.length; i += 100) {
    const slice = accountIds.slice(i, i + 100);
    await db.$executeRaw`SELECT graphile_worker.add_job(${DERIVE_TASK}, json_build_object('accountIds', ${slice}::text[]))`;
  }
}

function invalid(errors: { field: string; message: string }[], message: string): ValidationError {
  return new ValidationError(
    message,
    errors.map((e) => ({ path: e.field, message: e.message })),
  );
}

async function accountExists(accountId: string) {
  const uuid = z.uuid().safeParse(accountId);
  const found = uuid.success ? await prisma.crmAccount.findUnique({ where: { id: accountId }, select: { id: true } }) : null;
  if (!found) throw new NotFoundError(`No account with id "${accountId.slice(0, 64)}".`);
}

export interface HoldRequest {
  accountId: string;
  kind: unknown;
  note: unknown;
  debtKeys?: unknown;
  numbers?: unknown;
  placedAt?: unknown;
}

/** An agent records a written cease, written dispute, attorney or bankruptcy notice (with its reason). */
export async function addHold(request: HoldRequest) {
  const viewer = await requireRole("agent");
  const checked = validateManualHold({
    holdId: "new",
    kind: request.kind,
    note: request.note,
    debtKeys: request.debtKeys ?? [],
    numbers: request.numbers ?? [],
    placedAt: request.placedAt ?? new Date(),
  });
  if (!checked.ok) throw invalid(checked.errors, "The hold is not valid; nothing was saved.");
  await accountExists(request.accountId);
  const hold = await prisma.$transaction(async (tx) => {
    const row = await tx.complianceHold.create({
      data: {
        accountId: request.accountId,
        kind: checked.value.kind,
        debtKeys: checked.value.debtKeys,
        numbers: checked.value.numbers ?? [],
        note: checked.value.note,
        placedAt: checked.value.placedAt,
        createdBy: viewer.id,
      },
    });
    await enqueueDerive(tx, [request.accountId]);
    return row;
  });
  await recordAudit({
    actorId: viewer.id,
    action: "compliance.hold_add",
    target: `account:${request.accountId}`,
    details: { holdId: hold.id, kind: hold.kind, note: hold.note },
  });
  return hold;
}

/** A manager clears a hold (manual, or one found in what the consumer said) with a reason; the hold then stops blocking. */
export async function clearHold(request: { accountId: string; holdId: unknown; reason: unknown }) {
  const viewer = await requireRole("manager");
  const checked = validateClearance({ holdId: request.holdId, reason: request.reason, clearedAt: new Date(), clearedBy: viewer.id });
  if (!checked.ok) throw invalid(checked.errors, "The clearance is not valid; nothing was saved.");
  await accountExists(request.accountId);
  const holdId = checked.value.holdId;
  const manual = z.uuid().safeParse(holdId).success
    ? await prisma.complianceHold.findFirst({ where: { id: holdId, accountId: request.accountId }, select: { id: true } })
    : null;
  if (!manual) {
    const snapshot = await prisma.complianceAccountInput.findUnique({ where: { accountId: request.accountId } });
    const holds = ((snapshot?.input as { holds?: { holdId: string }[] } | undefined)?.holds ?? []).map((h) => h.holdId);
    if (!holds.includes(holdId)) throw new NotFoundError(`No hold "${holdId.slice(0, 80)}" on this account.`);
  }
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.complianceClearance.create({
      data: {
        accountId: request.accountId,
        holdId,
        reason: checked.value.reason,
        clearedBy: viewer.id,
        clearedAt: checked.value.clearedAt,
      },
    });
    await enqueueDerive(tx, [request.accountId]);
    return created;
  });
  await recordAudit({
    actorId: viewer.id,
    action: "compliance.hold_clear",
    target: `account:${request.accountId}`,
    details: { holdId, reason: row.reason },
  });
  return row;
}

const flagStatusSchema = z
  .object({
    status: z.enum(["open", "confirmed", "dismissed"], { error: "choose open, confirmed or dismissed" }),
    reason: z.string().trim().max(2000, "keep the reason under 2,000 characters").optional(),
  })
  .refine((v) => v.status !== "dismissed" || (v.reason ?? "").length >= 3, {
    path: ["reason"],
    message: "give the reason for dismissing the flag",
  });

/** A manager confirms or dismisses a flag (a dismissal needs a reason); the flag keeps that status across re-evaluations. */
export async function setFlagStatus(flagId: string, body: unknown) {
  const viewer = await requireRole("manager");
  const parsed = flagStatusSchema.safeParse(body);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, "The review is not valid; nothing was saved.");
  const flag = z.uuid().safeParse(flagId).success ? await prisma.complianceFlag.findUnique({ where: { id: flagId } }) : null;
  if (!flag) throw new NotFoundError(`No compliance flag with id "${flagId.slice(0, 64)}".`);
  const updated = await prisma.complianceFlag.update({
    where: { id: flagId },
    data: { status: parsed.data.status, statusReason: parsed.data.reason || null, statusBy: viewer.id, statusAt: new Date() },
  });
  await recordAudit({
    actorId: viewer.id,
    action: "compliance.flag_status",
    target: `call:${flag.callId}`,
    details: { flagId, rule: flag.rule, from: flag.status, to: updated.status, reason: updated.statusReason },
  });
  return updated;
}

/** The admin settings page's save: every portfolio validated (R3/R4 can never be off), audited, and every account re-evaluated. */
export async function saveComplianceSettings(input: unknown): Promise<StoredComplianceSettings> {
  const viewer = await requireAdminSession();
  const stored = parseStored(input);
  const errors = validateStored(stored);
  if (errors.length) throw invalid(errors, "The settings are not valid; nothing was saved.");
  const before = await prisma.complianceSettingsRow.findUnique({ where: { id: 1 } });
  await prisma.$transaction(async (tx) => {
    const value = stored as unknown as Prisma.InputJsonValue;
    await tx.complianceSettingsRow.upsert({
      where: { id: 1 },
      create: { id: 1, settings: value, updatedBy: viewer.id },
      update: { settings: value, updatedBy: viewer.id, updatedAt: new Date() },
    });
    // Re-evaluate in the worker: one job per 100 accounts, queued with the change.
    await tx.$executeRaw`
      SELECT graphile_worker.add_job(${DERIVE_TASK}, json_build_object('accountIds', ids))
        FROM (SELECT array_agg(id::text) AS ids FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / 100 AS chunk FROM crm_accounts) a GROUP BY chunk) c`;
  });
  await recordAudit({
    actorId: viewer.id,
    action: "compliance.settings_update",
    target: "compliance_settings",
    details: { before: before?.settings ?? null, after: stored },
  });
  return stored;
}
