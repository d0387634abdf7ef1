import "server-only";
import { recordAudit } from "@/lib/auth/audit";
import { requireRole } from "@/lib/auth/guard";
import { type ReplaySummary, replayDeliveries } from "./replay";

/** Replays webhook deliveries for an admin (one, or every invalid one) and records who did it. */
export async function replayAsAdmin(selection: { ids: string[] } | { status: "invalid" }): Promise<ReplaySummary> {
  const viewer = await requireRole("admin");
  const summary = await replayDeliveries(selection);
  await recordAudit({
    actorId: viewer.id,
    actorEmail: viewer.email,
    action: "webhook.replay",
    target: "ids" in selection ? `delivery:${selection.ids.join(",")}`.slice(0, 500) : "deliveries:invalid",
    details: { selection: "ids" in selection ? "ids" : "all invalid", totals: summary.totals },
  });
  return summary;
}

export function describeReplay(summary: ReplaySummary): string {
  const t = summary.totals;
  if (t.selected === 0 && t.missing === 0) return "Nothing to replay.";
  const parts = [`${t.selected} replayed`, `${t.processed} processed`];
  if (t.ignored) parts.push(`${t.ignored} ignored`);
  if (t.invalid) parts.push(`${t.invalid} still invalid`);
  if (t.failed) parts.push(`${t.failed} failed`);
  if (t.missing) parts.push(`${t.missing} not found`);
  const firstError = summary.items.find((i) => i.error)?.error;
  return `${parts.join(", ")}.${firstError ? ` First remaining error: ${firstError}` : ""}`;
}
