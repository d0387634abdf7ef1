import "server-only";
import { headers } from "next/headers";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { clientAddress } from "@/lib/http/client-address";

/**
 * The audit trail: who signed in, played or downloaded a recording, exported
 * calls, changed a user or an API key, replayed webhook deliveries. Written by
 * the code that does the thing, after it succeeded; read by admins at /admin/audit.
 */
export const AUDIT_ACTIONS = [
  "sign_in",
  "sign_in_failed",
  "sign_out",
  "recording.play",
  "recording.download",
  "calls.export",
  "accounts.export",
  "user.create",
  "user.update",
  "user.deactivate",
  "user.reactivate",
  "user.password_reset",
  "api_key.create",
  "api_key.revoke",
  "webhook.replay",
  "account.password_change",
  "account.sessions_revoke",
  "user.unlock",
  "accounts.settings_update",
  "calls.import",
  "note.create",
  "note.update",
  "note.delete",
  "account.edit",
  "compliance.hold_add",
  "compliance.hold_clear",
  "compliance.flag_status",
  "compliance.settings_update",
  "call.verdict",
  "scorecard.publish",
  "review.submit",
  "review.claim",
  "review.settings",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  sign_in: "Signed in",
  sign_in_failed: "Failed sign-in",
  sign_out: "Signed out",
  "recording.play": "Played a recording",
  "recording.download": "Downloaded a recording",
  "calls.export": "Exported calls (CSV)",
  "accounts.export": "Exported accounts (CSV)",
  "user.create": "Created a user",
  "user.update": "Changed a user",
  "user.deactivate": "Deactivated a user",
  "user.reactivate": "Reactivated a user",
  "user.password_reset": "Reset a password",
  "api_key.create": "Created an API key",
  "api_key.revoke": "Revoked an API key",
  "webhook.replay": "Replayed webhook deliveries",
  "account.password_change": "Changed their own password",
  "account.sessions_revoke": "Signed out their other sessions",
  "user.unlock": "Lifted a sign-in lock-out",
  "accounts.settings_update": "Changed the accounts settings",
  "calls.import": "Imported call history",
  "note.create": "Added a note",
  "note.update": "Edited a note",
  "note.delete": "Deleted a note",
  "account.edit": "Corrected an account (promise, callback or owner)",
  "compliance.hold_add": "Placed a compliance hold",
  "compliance.hold_clear": "Cleared a compliance hold",
  "compliance.flag_status": "Confirmed or dismissed a compliance flag",
  "compliance.settings_update": "Changed the compliance settings",
  "call.verdict": "Corrected or confirmed a call's outcome/sentiment",
  "scorecard.publish": "Published a QA scorecard version",
  "review.submit": "Scored a call (QA review)",
  "review.claim": "Claimed a call for review",
  "review.settings": "Changed the review queue settings",
};

export interface AuditInput {
  /** `viewer.id` of whoever acted (a user id, or `api_key:<id>` for an integration); null for anonymous events such as a failed sign-in. */
  actorId: string | null;
  action: AuditAction;
  /** What was acted on, e.g. `call:<id>`, `user:<id>`, `api_key:<id>`. */
  target?: string | null;
  /** Small JSON facts (filters used, role changed from/to, counts). Never secrets or passwords. */
  details?: Record<string, unknown> | null;
  actorEmail?: string | null;
  /** Defaults to the current request's client address (lib/http/client-address.ts); null outside a request. */
  ipAddress?: string | null;
}

async function requestAddress(): Promise<string | null> {
  try {
    return clientAddress(await headers());
  } catch {
    return null; // not in a request (command-line tools, tests)
  }
}

export async function recordAudit(input: AuditInput): Promise<void> {
  let actorId = input.actorId;
  let actorEmail = input.actorEmail ?? null;
  let details = input.details ?? null;
  if (actorId?.startsWith("api_key:")) {
    // An integration acting through an API key: no user row to point at, so the
    // trail names the key (and links it in details).
    const keyId = actorId.slice("api_key:".length);
    const key = await prisma.apiKey.findUnique({ where: { id: keyId }, select: { name: true, prefix: true } }).catch(() => null);
    actorId = null;
    actorEmail = key ? `API key ${key.name} (${key.prefix}…)` : "API key";
    details = { ...details, apiKeyId: keyId };
  } else if (actorId && !actorEmail) {
    const user = await prisma.user.findUnique({ where: { id: actorId }, select: { email: true } });
    actorEmail = user?.email ?? null;
  }
  await prisma.auditEvent.create({
    data: {
      actorId,
      actorEmail,
      action: input.action,
      target: input.target ?? null,
      details: details ? (details as Prisma.InputJsonValue) : Prisma.DbNull,
      ipAddress: input.ipAddress !== undefined ? input.ipAddress : await requestAddress(),
    },
  });
}

export interface AuditEntry {
  id: string;
  createdAt: Date;
  action: string;
  actorId: string | null;
  actorEmail: string | null;
  target: string | null;
  details: unknown;
  ipAddress: string | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass back as `before` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

/** Newest first, keyset-paginated on (created_at, id). Callers check the admin role (lib/auth/admin/audit-trail.ts). */
export async function listAuditEvents(
  options: { action?: string; actorEmail?: string; before?: string | null; limit?: number } = {},
): Promise<AuditPage> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const cursor = decodeCursor(options.before);
  const rows = await prisma.auditEvent.findMany({
    where: {
      ...(options.action ? { action: options.action } : {}),
      ...(options.actorEmail ? { actorEmail: { contains: options.actorEmail, mode: "insensitive" as const } } : {}),
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    entries: page.map((r) => ({
      id: r.id.toString(),
      createdAt: r.createdAt,
      action: r.action,
      actorId: r.actorId,
      actorEmail: r.actorEmail,
      target: r.target,
      details: r.details,
      ipAddress: r.ipAddress,
    })),
    nextCursor: rows.length > limit && last ? `${last.createdAt.toISOString()}_${last.id}` : null,
  };
}

function decodeCursor(raw: string | null | undefined): { createdAt: Date; id: bigint } | null {
  const match = raw ? /^(.+)_(\d{1,19})$/.exec(raw) : null;
  if (!match) return null;
  const createdAt = new Date(match[1]!);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: BigInt(match[2]!) };
}
