import { complianceCsvRows, type FlagView, parseOverviewQuery } from "@/lib/compliance/queries";
import { CSV_BOM, csvRows } from "@/lib/http/csv";
import { csvResponse } from "@/lib/http/csv-response";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

const HEADER = ["Placed at", "Call", "Rule", "Check", "Citation", "Severity", "Portfolio", "Status", "Status reason", "Message"];

/** GET /api/compliance/flags/export?days=&rule=&portfolio=&status=: the /compliance drill-down as CSV (managers). */
export const GET = withApiErrors(async (request: Request) => {
  const query = parseOverviewQuery(Object.fromEntries(new URL(request.url).searchParams));
  const batches = complianceCsvRows(query);
  // The first batch is read before answering, so a refused role is a 403, not a broken download.
  const first = await batches.next();
  const encoder = new TextEncoder();
  let pending: IteratorResult<FlagView[]> | undefined = first;
  let headerSent = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!headerSent) {
            headerSent = true;
            controller.enqueue(encoder.encode(CSV_BOM + csvRows([HEADER])));
            return;
          }
          const next = pending ?? (await batches.next());
          pending = undefined;
          if (next.done || !next.value) {
            controller.close();
            return;
          }
          controller.enqueue(
            encoder.encode(
              csvRows(
                next.value.map((f) => [
                  f.placedAt,
                  f.callId,
                  f.rule,
                  f.check,
                  f.citation,
                  f.severity,
                  f.portfolio,
                  f.status,
                  f.statusReason,
                  f.message,
                ]),
              ),
            ),
          );
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await batches.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return csvResponse(stream, `compliance-flags-${new Date().toISOString().slice(0, 10)}.csv`);
});
