import { filterParams, parseCallsApiQuery } from "@/lib/calls/api";
import { startCallsExport } from "@/lib/calls/export";
import { withApiErrors } from "@/lib/http/errors";
import { csvResponse } from "@/lib/http/csv-response";

export const dynamic = "force-dynamic";

/** GET /api/calls/export?<the list's filters>: every matching call as CSV, streamed. */
export const GET = withApiErrors(async (request: Request) => {
  // The page links here with its own query string: paging and view-only keys mean nothing for "every matching row".
  const { filters, page } = parseCallsApiQuery(filterParams(new URL(request.url).searchParams, { keepSort: true }));
  const ip = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
  const { fileName, stream } = await startCallsExport(filters, page.sort, { ipAddress: ip });
  return csvResponse(stream, fileName);
});
