import "server-only";
import { type AuditPage, listAuditEvents } from "../audit";
import { requireRole } from "../guard";

/** The audit trail page's query: admins only. */
export async function readAuditTrail(options: { action?: string; actor?: string; before?: string | null }): Promise<AuditPage> {
  await requireRole("admin");
  return listAuditEvents({
    action: options.action || undefined,
    actorEmail: options.actor?.trim() || undefined,
    before: options.before,
    limit: 50,
  });
}
