import "server-only";
import { z } from "zod";
import { requireRole } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { prisma } from "@/lib/db/client";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/http/errors";
import { addDays, isValidTimeZone, localDateOf, zonedToInstant } from "@/lib/time/zones";
import { QUEUES, type QueueName } from "./work";

/**
 * Done and snooze on a My work item: one crm_account_events row each (who,
 * when, which item, until when), never touched by derivation or a rebuild.
 * Done on a callback also closes it, and done on a Needs review promise marks
 * it reviewed (the account's own edits, re-derived by the worker), so the
 * account page agrees with the queue.
 */

export const SNOOZE_MAX_DAYS = 90;
/** The default snooze: the next day at this local hour in the contact's zone. */
export const SNOOZE_HOUR = 9;

const itemSchema = z
  .string({ message: "item: required" })
  .max(300, "item: at most 300 characters")
  .regex(new RegExp(`^(${QUEUES.join("|")}):.+$`), "item: `<queue>:<id>` from GET /api/work");

export const workCommandSchema = z.object({
  item: itemSchema,
  until: z.iso
    .datetime({ offset: true, message: "until: an ISO 8601 date-time with a zone" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

interface Target {
  queue: QueueName;
  id: string;
  accountId: string;
  timeZone: string;
  owner: string | null;
}

async function resolveItem(item: string): Promise<Target> {
  const colon = item.indexOf(":");
  const queue = item.slice(0, colon) as QueueName;
  const id = item.slice(colon + 1);
  if (queue === "numbers") {
    const m = /^([0-9a-f-]{36}):(.+)$/i.exec(id);
    const n = m
      ? await prisma.crmAccountNumber.findUnique({
          where: { accountId_number: { accountId: m[1]!, number: m[2]! } },
          include: { account: true },
        })
      : null;
    if (!n) throw new NotFoundError("No such number on any account.");
    const link = await prisma.crmCallLink.findFirst({
      where: { accountId: n.accountId },
      orderBy: { placedAt: "desc" },
      select: { timeZone: true },
    });
    return { queue, id, accountId: n.accountId, timeZone: link?.timeZone ?? "UTC", owner: n.account.assigneeId };
  }
  if (queue === "callbacks_due" || queue === "callbacks_overdue") {
    const cb = await prisma.crmCallback.findUnique({ where: { id }, include: { account: { select: { assigneeId: true } } } });
    if (!cb) throw new NotFoundError("No such callback.");
    return { queue, id, accountId: cb.accountId, timeZone: cb.timeZone, owner: cb.assignee ?? cb.account.assigneeId };
  }
  const p = await prisma.crmPromise.findUnique({ where: { id }, include: { account: { select: { assigneeId: true } } } });
  if (!p) throw new NotFoundError("No such promise.");
  return { queue, id, accountId: p.accountId, timeZone: p.timeZone, owner: p.account.assigneeId };
}

/** Tomorrow at SNOOZE_HOUR in `timeZone`. */
export function defaultSnoozeUntil(timeZone: string, now: Date = new Date()): Date {
  const zone = isValidTimeZone(timeZone) ? timeZone : "UTC";
  const [y, m, d] = addDays(localDateOf(now, zone), 1).split("-").map(Number) as [number, number, number];
  return zonedToInstant(y, m, d, SNOOZE_HOUR, 0, zone);
}

function parse(input: unknown) {
  const parsed = workCommandSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, parsed.error.issues[0]?.message ?? "The request is not valid.");
  return parsed.data;
}

async function authorise(item: string) {
  const viewer = await requireRole("agent");
  const target = await resolveItem(item);
  // Agents act on their own accounts and the unassigned ones, as My work shows them.
  if (!hasRole(viewer.role, "manager") && target.owner !== null && target.owner !== viewer.id)
    throw new ForbiddenError("This account belongs to another agent.");
  return { viewer, target };
}

async function queueDerive(accountId: string) {
  await prisma.$executeRaw`SELECT graphile_worker.add_job('crm_derive_accounts', json_build_object('accountIds', ARRAY[${accountId}::text]))`;
}

export async function markWorkDone(input: { item: string }): Promise<{ item: string }> {
  const { item } = parse(input);
  const { viewer, target } = await authorise(item);
  await prisma.$transaction(async (tx) => {
    await tx.crmAccountEvent.create({ data: { accountId: target.accountId, kind: "work_done", payload: { item }, by: viewer.id } });
    if (target.queue === "callbacks_due" || target.queue === "callbacks_overdue") {
      await tx.crmAccountEvent.create({
        data: { accountId: target.accountId, kind: "callback_close", payload: { callbackId: target.id, status: "done" }, by: viewer.id },
      });
    } else if (target.queue === "review") {
      await tx.crmAccountEvent.create({
        data: { accountId: target.accountId, kind: "promise_reviewed", payload: { promiseId: target.id }, by: viewer.id },
      });
    }
  });
  if (target.queue === "callbacks_due" || target.queue === "callbacks_overdue" || target.queue === "review")
    await queueDerive(target.accountId);
  return { item };
}

export async function snoozeWorkItem(
  input: { item: string; until?: string },
  now: Date = new Date(),
): Promise<{ item: string; until: Date }> {
  const { item, until: raw } = parse(input);
  const { viewer, target } = await authorise(item);
  const until = raw ? new Date(raw) : defaultSnoozeUntil(target.timeZone, now);
  if (until.getTime() <= now.getTime())
    throw new ValidationError("until: must be in the future", [{ path: "until", message: "must be in the future" }]);
  if (until.getTime() > now.getTime() + SNOOZE_MAX_DAYS * 86_400_000)
    throw new ValidationError(`until: at most ${SNOOZE_MAX_DAYS} days ahead`, [
      { path: "until", message: `at most ${SNOOZE_MAX_DAYS} days ahead` },
    ]);
  await prisma.crmAccountEvent.create({
    data: { accountId: target.accountId, kind: "work_snooze", payload: { item, until: until.toISOString() }, by: viewer.id },
  });
  return { item, until };
}
