import { NextResponse } from "next/server";
import { getAccountDetail } from "@/lib/accounts/detail";
import { NotFoundError, withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** GET /api/accounts/{id}: account, numbers, debts, promises, callbacks, notes, timeline (README "API"). */
export const GET = withApiErrors<Context>(async (_request, { params }) => {
  const { id } = await params;
  const detail = await getAccountDetail(id);
  if (!detail) throw new NotFoundError(`No account with id "${id}".`);
  const { viewer: _viewer, account, ...rest } = detail;
  const { numbers, debts, ...header } = account;
  return NextResponse.json({ account: header, numbers, debts, ...rest });
});
