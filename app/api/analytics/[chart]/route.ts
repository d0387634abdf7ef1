import { createLoader } from "nuqs/server";
import { chartCsv, isChartId } from "@/lib/analytics/csv";
import { toAnalyticsQuery } from "@/lib/analytics/query";
import { analyticsSearchParsers } from "@/lib/analytics/search-params";
import { parameterWithNul } from "@/lib/calls/search-params";
import { csvResponse } from "@/lib/http/csv-response";
import { BadRequestError, NotFoundError, withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

const loadParams = createLoader(analyticsSearchParsers);

/** GET /api/analytics/<chart>?<the page's URL state>: that chart's figures as CSV (role checked by the query). */
export const GET = withApiErrors(async (request: Request, context: { params: Promise<{ chart: string }> }) => {
  const { chart } = await context.params;
  if (!isChartId(chart)) throw new NotFoundError(`There is no analytics chart called “${chart}”.`);
  const params = new URL(request.url).searchParams;
  const withNul = parameterWithNul(params);
  if (withNul) throw new BadRequestError(`The parameter ${withNul} must not contain a NUL character (U+0000).`);
  const { fileName, body } = await chartCsv(chart, toAnalyticsQuery(loadParams(params)));
  return csvResponse(body, fileName);
});
