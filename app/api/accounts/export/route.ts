import { parseAccountsApiQuery } from "@/lib/accounts/list/api";
import { startAccountsExport } from "@/lib/accounts/list/export";
import { clientAddress } from "@/lib/http/client-address";
import { csvResponse } from "@/lib/http/csv-response";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** GET /api/accounts/export?<the list's filters>: every matching account as CSV, streamed, in the list's order. */
export const GET = withApiErrors(async (request: Request) => {
  // The page links here with its own query string: paging keys mean nothing for "every matching row".
  const { filters, page } = parseAccountsApiQuery(new URL(request.url).searchParams, { ignore: ["cursor", "limit"] });
  const { fileName, stream } = await startAccountsExport(filters, page.sort, { ipAddress: clientAddress(request.headers) });
  return csvResponse(stream, fileName);
});
