import { filterParams, parseCallsApiQuery } from "@/lib/calls/api";
import { startCallsExport } from "@/lib/calls/export";
import { clientAddress } from "@/lib/http/client-address";
import { csvResponse } from "@/lib/http/csv-response";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** GET /api/calls/export?<the list's filters>: every matching call as CSV, streamed. */
export const GET = withApiErrors(async (request: Request) => {
  // The page links here with its own query string: paging and view-only keys mean nothing for "every matching row".
  const { filters, page } = parseCallsApiQuery(filterParams(new URL(request.url).searchParams, { keepSort: true }));
  const { fileName, stream } = await startCallsExport(filters, page.sort, { ipAddress: clientAddress(request.headers) });
  return csvResponse(stream, fileName);
});
