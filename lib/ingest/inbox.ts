import "server-only";
import { requireRole } from "@/lib/auth/guard";
import { prisma } from "@/lib/db/client";
import { DELIVERY_STATUSES, type DeliveryStatus } from "./errors";

/**
 * The webhook inbox as admins see it (/admin/webhooks): newest first, optionally
 * one status, keyset-paginated on (received_at, id) so deep pages stay fast.
 */
export { DELIVERY_STATUSES, type DeliveryStatus };

export function isDeliveryStatus(value: unknown): value is DeliveryStatus {
  return typeof value === "string" && (DELIVERY_STATUSES as readonly string[]).includes(value);
}

export interface DeliveryRow {
  id: string;
  messageId: string;
  eventType: string | null;
  status: string;
  errorSummary: string | null;
  providerCallId: string | null;
  callId: string | null;
  receivedAt: Date;
  processedAt: Date | null;
  attempts: number;
}

export interface DeliveryPage {
  rows: DeliveryRow[];
  nextCursor: string | null;
  counts: Record<string, number>;
}

/** A short readable line from whatever error JSON the ingestion stored. */
export function summarizeError(error: unknown): string | null {
  if (error === null || error === undefined) return null;
  if (typeof error === "string") return error.slice(0, 300);
  if (typeof error !== "object") return String(error);
  const e = error as { message?: unknown; issues?: unknown; reason?: unknown; error?: unknown };
  const parts: string[] = [];
  if (typeof e.message === "string") parts.push(e.message);
  else if (typeof e.reason === "string") parts.push(e.reason);
  else if (typeof e.error === "string") parts.push(e.error);
  if (Array.isArray(e.issues)) {
    const issues = e.issues
      .slice(0, 3)
      .map((i) =>
        i && typeof i === "object"
          ? `${String((i as { path?: unknown }).path ?? "")}: ${String((i as { message?: unknown }).message ?? "")}`
          : String(i),
      );
    parts.push(issues.join("; ") + (e.issues.length > 3 ? ` (+${e.issues.length - 3} more)` : ""));
  }
  const text = parts.length ? parts.join(" — ") : JSON.stringify(error);
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}

function encodeCursor(row: { receivedAt: Date; id: string }): string {
  return `${row.receivedAt.toISOString()}_${row.id}`;
}

function decodeCursor(cursor: string | null | undefined): { receivedAt: Date; id: string } | null {
  if (!cursor) return null;
  const [iso, id] = cursor.split("_");
  const receivedAt = new Date(iso ?? "");
  if (!id || Number.isNaN(receivedAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { receivedAt, id };
}

export async function listDeliveries(
  options: { status?: string | null; cursor?: string | null; limit?: number } = {},
): Promise<DeliveryPage> {
  await requireRole("admin");
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const status = isDeliveryStatus(options.status) ? options.status : undefined;
  const after = decodeCursor(options.cursor);
  const [rows, grouped] = await Promise.all([
    prisma.webhookDelivery.findMany({
      where: {
        ...(status ? { status } : {}),
        ...(after ? { OR: [{ receivedAt: { lt: after.receivedAt } }, { receivedAt: after.receivedAt, id: { lt: after.id } }] } : {}),
      },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: {
        id: true,
        messageId: true,
        eventType: true,
        status: true,
        error: true,
        providerCallId: true,
        callId: true,
        receivedAt: true,
        processedAt: true,
        attempts: true,
      },
    }),
    prisma.webhookDelivery.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const page = rows.slice(0, limit);
  return {
    rows: page.map(({ error, ...r }) => ({ ...r, errorSummary: summarizeError(error) })),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
    counts: Object.fromEntries(grouped.map((g) => [g.status, g._count._all])),
  };
}
