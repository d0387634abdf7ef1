import "server-only";
import { requireRole } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { resolveViewer } from "@/lib/auth/viewer";
import { filterParams, parseCallsApiQuery } from "@/lib/calls/api";
import { getPrisma } from "@/lib/db/client";
import { createCallsFeed } from "./calls-feed";
import { decodePosition, encodePosition, parsePositionParam, readPosition } from "./position";

/** The list's position (lib/live/position.ts), from the page the list was rendered in. */
export const POSITION_PARAM = "since";

/**
 * GET /api/calls/stream?<the list's filters>&since=<position>: the guarded
 * entry point, like every other read (requireRole first). The stream outlives
 * the request's handler, so access is re-checked from the same credentials
 * while it runs (lib/live/calls-feed.ts says when).
 *
 * Where it starts: the browser's `Last-Event-ID` (EventSource sends the last
 * `id:` it got when it reconnects by itself) wins over `since` (the page's
 * render position): both mean "everything after this has not been shown".
 */
export async function openCallsStream(request: Request, options: { revalidateMs?: number } = {}): Promise<Response> {
  const viewer = await requireRole("agent");
  const params = new URL(request.url).searchParams;
  const since = parsePositionParam(params.get(POSITION_PARAM));
  params.delete(POSITION_PARAM);
  const { filters } = parseCallsApiQuery(filterParams(params));
  const resumeFrom = decodePosition(request.headers.get("last-event-id")) ?? since;
  const headers = new Headers(request.headers);
  const stream = createCallsFeed({
    filters,
    signal: request.signal,
    since: resumeFrom,
    viewerId: viewer.id,
    revalidateMs: options.revalidateMs,
    stillAllowed: async () => {
      const current = await resolveViewer(headers);
      return !!current && current.id === viewer.id && hasRole(current.role, "agent");
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
}

/**
 * The position a calls page hands its live stream (`since`): read before the
 * page's own list query starts, so nothing stored after that read can fall
 * between the page and the stream.
 */
export async function getListPosition(): Promise<string> {
  await requireRole("agent");
  return encodePosition(await readPosition(getPrisma()));
}
