import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { requireRole } from "@/lib/auth/guard";
import { hasRole, ROLES } from "@/lib/auth/roles";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { BadRequestError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/http/errors";
import { isValidIsoDate } from "@/lib/time/zones";
import { isUuid } from "./ids";

/**
 * Manual edits: a person corrects what the calls said. Each is one
 * crm_account_events row (who, when, what), written in the same transaction
 * as the crm_derive_accounts job that re-derives the account, so the edit
 * can never be stored without the re-derivation that applies it. The
 * derivation (derive.ts) lets the edit win over the extracted values; a
 * rebuild re-reads the events, so edits survive it.
 *
 * Validation happens here, before anything is stored: an impossible date, a
 * negative amount, a promise or callback not on this account, an unknown or
 * deactivated user → 422 naming the field; an unknown account → 404.
 */

const promiseId = z.string({ error: "promiseId is required" }).min(1, "promiseId is required").max(200);
const callbackId = z.string({ error: "callbackId is required" }).min(1, "callbackId is required").max(200);
const userId = z.string().min(1).max(200).nullable();

export const manualEditSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("promise_due_date"),
      promiseId,
      dueDate: z
        .string({ error: "dueDate must be a date (YYYY-MM-DD)" })
        .refine(isValidIsoDate, "dueDate must be a real calendar date (YYYY-MM-DD)"),
    }),
    z.object({
      kind: z.literal("promise_amount"),
      promiseId,
      amountCents: z
        .number({ error: "amountCents must be a number of cents" })
        .int("amountCents must be a whole number of cents")
        .min(0, "amountCents cannot be negative")
        .max(2_000_000_000, "amountCents is too large"),
    }),
    z.object({ kind: z.literal("promise_reviewed"), promiseId }),
    z.object({ kind: z.literal("promise_cancel"), promiseId }),
    z.object({ kind: z.literal("callback_assign"), callbackId, assignee: userId }),
    z.object({
      kind: z.literal("callback_close"),
      callbackId,
      status: z.enum(["done", "cancelled"], { error: "status must be done or cancelled" }),
    }),
    z.object({ kind: z.literal("account_assign"), assignee: userId }),
  ],
  {
    error:
      "kind must be one of promise_due_date, promise_amount, promise_reviewed, promise_cancel, callback_assign, callback_close, account_assign",
  },
);

export type ManualEditInput = z.infer<typeof manualEditSchema>;
export const MANUAL_EDIT_KINDS = [
  "promise_due_date",
  "promise_amount",
  "promise_reviewed",
  "promise_cancel",
  "callback_assign",
  "callback_close",
  "account_assign",
] as const;

export interface ManualEditResult {
  id: string;
  accountId: string;
  kind: ManualEditInput["kind"];
  by: string;
  at: Date;
  payload: Record<string, unknown>;
}

const fieldError = (path: string, message: string) => new ValidationError(message, [{ path, message }]);

/** Users who may own accounts and callbacks: active agents, managers and admins. */
export async function listAssignableUsers(): Promise<{ id: string; name: string; email: string; role: string }[]> {
  await requireRole("agent");
  return prisma.user.findMany({
    where: { banned: false, role: { in: [...ROLES] } },
    select: { id: true, name: true, email: true, role: true },
    orderBy: { name: "asc" },
    take: 500,
  });
}

export async function applyManualEdit(accountId: string, input: unknown): Promise<ManualEditResult> {
  const viewer = await requireRole("agent");
  if (!isUuid(accountId)) throw new BadRequestError(`"${accountId.slice(0, 64)}" is not a valid account id.`);
  const parsed = manualEditSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, "The edit is not valid.");
  const edit = parsed.data;
  if (edit.kind === "account_assign" && !hasRole(viewer.role, "manager")) {
    throw new ForbiddenError("Only managers and admins assign accounts.");
  }

  const account = await prisma.crmAccount.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!account) throw new NotFoundError(`No account with id "${accountId}".`);

  if ("promiseId" in edit) {
    const found = await prisma.crmPromise.findFirst({ where: { id: edit.promiseId, accountId }, select: { id: true } });
    if (!found) throw fieldError("promiseId", `No promise "${edit.promiseId.slice(0, 80)}" on this account.`);
  }
  if ("callbackId" in edit) {
    const found = await prisma.crmCallback.findFirst({ where: { id: edit.callbackId, accountId }, select: { id: true } });
    if (!found) throw fieldError("callbackId", `No callback "${edit.callbackId.slice(0, 80)}" on this account.`);
  }
  if ("assignee" in edit && edit.assignee !== null) {
    const user = await prisma.user.findUnique({ where: { id: edit.assignee }, select: { banned: true } });
    if (!user || user.banned) throw fieldError("assignee", `No active user "${edit.assignee.slice(0, 80)}".`);
  }

  const { kind, ...payload } = edit;
  const at = new Date();
  const event = await prisma.$transaction(async (tx) => {
    const row = await tx.crmAccountEvent.create({
      data: { accountId, kind, payload: payload as Prisma.InputJsonValue, by: viewer.id, at },
    });
    if (edit.kind === "account_assign") await tx.crmAccount.update({ where: { id: accountId }, data: { assigneeId: edit.assignee } });
    // The same transaction: the job exists exactly when the edit does (worker.ts DERIVE_ACCOUNTS_TASK).
    await tx.$queryRaw`SELECT graphile_worker.add_job('crm_derive_accounts', json_build_object('accountIds', json_build_array(${accountId}::text)))::text AS id`;
    return row;
  });
  await recordAudit({ actorId: viewer.id, action: "account.edit", target: `account:${accountId}`, details: { kind, ...payload } });
  return { id: event.id, accountId, kind, by: viewer.id, at: event.at, payload };
}
