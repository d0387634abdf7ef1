import { filterParams, parseCallsApiQuery } from "@/lib/calls/api";
import { requireRole } from "@/lib/auth/guard";
import { resolveViewer } from "@/lib/auth/viewer";
import { hasRole } from "@/lib/auth/roles";
import { withApiErrors } from "@/lib/http/errors";
import { createCallsFeed } from "@/lib/live/calls-feed";

export const dynamic = "force-dynamic";

/**
 * GET /api/calls/stream?<the list's filters>: server-sent events announcing
 * calls that arrive while a list is open (lib/live/calls-feed.ts).
 */
export const GET = withApiErrors(async (request: Request) => {
  await requireRole("agent");
  const { filters } = parseCallsApiQuery(filterParams(new URL(request.url).searchParams));
  // The stream outlives this handler: access is re-checked from the same credentials while it runs.
  const headers = new Headers(request.headers);
  const stream = createCallsFeed({
    filters,
    signal: request.signal,
    stillAllowed: async () => {
      const viewer = await resolveViewer(headers);
      return !!viewer && hasRole(viewer.role, "agent");
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      // nginx and similar proxies buffer responses unless told not to, which would hold events back.
      "X-Accel-Buffering": "no",
    },
  });
});
