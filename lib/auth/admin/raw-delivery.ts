import "server-only";
import { prisma } from "@/lib/db/client";
import { requireRole } from "../guard";

/** One inbox entry's body byte for byte, for an admin to download (the call page shows large bodies cut short). */
export async function getRawDeliveryBody(id: string): Promise<{ messageId: string; rawBody: string } | null> {
  await requireRole("admin");
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  return prisma.webhookDelivery.findUnique({ where: { id }, select: { messageId: true, rawBody: true } });
}
