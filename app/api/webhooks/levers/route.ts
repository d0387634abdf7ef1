import { handleLeversWebhook } from "@/lib/ingest/handle-webhook";

// Signed deliveries from Levers (Svix). The raw body is needed byte for byte
// for the signature, and pg needs Node: no edge runtime, no caching. Keep this
// path out of every proxy/middleware matcher (a proxy would buffer the body).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleLeversWebhook(request);
}
