import { NextResponse } from "next/server";
import { accountCursorError, parseAccountsApiQuery } from "@/lib/accounts/list/api";
import { InvalidAccountCursorError } from "@/lib/accounts/list/cursor";
import { listAccounts } from "@/lib/accounts/list/queries";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** GET /api/accounts: the accounts list for integrations, with the page's filters (README, API section). */
export const GET = withApiErrors(async (request: Request) => {
  const { filters, page } = parseAccountsApiQuery(new URL(request.url).searchParams);
  try {
    const list = await listAccounts(filters, page, { invalidCursor: "throw" });
    return NextResponse.json({
      items: list.items,
      nextCursor: list.nextCursor,
      prevCursor: list.prevCursor,
      total: list.total,
      totalIsEstimate: list.totalIsEstimate,
      sort: list.sort,
    });
  } catch (error) {
    if (error instanceof InvalidAccountCursorError) throw accountCursorError(error);
    throw error;
  }
});
