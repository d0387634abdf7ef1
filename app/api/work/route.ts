import { NextResponse } from "next/server";
import { getWorkForRequest } from "@/lib/accounts/work";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** GET /api/work: the signed-in user's My work queues (an API key acts as the admin who created it). README, API section. */
export const GET = withApiErrors(async (request: Request) => {
  const view = await getWorkForRequest(new URL(request.url).searchParams, { summary: true });
  return NextResponse.json({
    scope: view.scope,
    total: view.total,
    totalCapped: view.totalCapped,
    queues: view.queues,
    ...(view.agents ? { agents: view.agents.rows, agentsCountedAt: view.agents.countedAt } : {}),
  });
});
