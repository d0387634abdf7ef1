import { NextResponse } from "next/server";
import { cursorError, parseCallsApiQuery, toApiItem } from "@/lib/calls/api";
import { InvalidCursorError } from "@/lib/calls/cursor";
import { listCalls } from "@/lib/calls/queries";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** GET /api/calls: the calls list for integrations (parameters and examples in the README). */
export const GET = withApiErrors(async (request: Request) => {
  const { filters, page } = parseCallsApiQuery(new URL(request.url).searchParams);
  try {
    const list = await listCalls(filters, page, { invalidCursor: "throw" });
    return NextResponse.json({
      items: list.items.map((item) => toApiItem(item, filters.q !== null)),
      nextCursor: list.nextCursor,
      prevCursor: list.prevCursor,
      total: list.total,
      totalIsEstimate: list.totalIsEstimate,
      sort: list.ordering,
      ...(list.notice ? { notice: list.notice } : {}),
    });
  } catch (error) {
    if (error instanceof InvalidCursorError) throw cursorError(error);
    throw error;
  }
});
