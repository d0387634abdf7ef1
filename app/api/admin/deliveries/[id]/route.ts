import { getRawDeliveryBody } from "@/lib/auth/admin/raw-delivery";
import { NotFoundError, withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** GET /api/admin/deliveries/<id>: the stored webhook body exactly as received, as a download (admins only). */
export const GET = withApiErrors<Context>(async (_request, { params }) => {
  const { id } = await params;
  const delivery = await getRawDeliveryBody(id);
  if (!delivery) throw new NotFoundError("No stored delivery with that id.");
  const fileName = `delivery-${delivery.messageId.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 80) || id}.json`;
  return new Response(delivery.rawBody, {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
