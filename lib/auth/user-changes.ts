import "server-only";
import { prisma } from "@/lib/db/client";

/**
 * A NOTIFY on `users_changed` (payload: the viewer id, `api_key:<id>` for a
 * key) after a change that may take access away: a role change, a
 * deactivation, a password reset that ends sessions, a revoked API key. Every
 * app instance's one LISTEN connection (lib/live/listener.ts) hears it, and
 * that viewer's open live streams re-check access before their next event
 * instead of polling the session per event.
 */
export const USERS_CHANNEL = "users_changed";

export async function notifyViewerChanged(viewerId: string): Promise<void> {
  try {
    await prisma.$executeRaw`SELECT pg_notify(${USERS_CHANNEL}, ${viewerId})`;
  } catch (error) {
    // The change itself is done; open streams still re-check on their own timer.
    console.error("[auth] could not announce a user change:", error instanceof Error ? error.message : error);
  }
}
