import { withApiErrors } from "@/lib/http/errors";
import { openCallsStream } from "@/lib/live/stream";

export const dynamic = "force-dynamic";

/** GET /api/calls/stream: server-sent events for an open calls list (lib/live/stream.ts). */
export const GET = withApiErrors(async (request: Request) => openCallsStream(request));
