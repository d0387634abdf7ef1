import { withApiErrors } from "@/lib/http/errors";
import { serveCallRecording } from "@/lib/recordings/call-recording";

type Context = { params: Promise<{ id: string }> };

/** The call's recording: streamed with Range support (local storage) or a redirect (S3, https). Signed-in users only. */
export const GET = withApiErrors<Context>(async (request, { params }) => serveCallRecording((await params).id, request));

export const HEAD = GET;
