import { env, exitUnlessEnvValid } from "@/lib/env";
import { installRequestGate } from "./request-gate";

/**
 * The Node.js server's start-up checks, run once from instrumentation.ts.
 * The environment (lib/env.ts) and the sign-in settings are checked here, so
 * a server with a malformed variable or without BETTER_AUTH_SECRET refuses to
 * start with a sentence naming what to set, instead of serving 500s or 503s.
 * The request gate (request-gate.ts) is installed first: every request then
 * carries the client address resolved from its socket, and methods the app
 * does not serve (TRACE…) get 405 before Next.js sees them.
 *
 * A module of its own, imported only when NEXT_RUNTIME is nodejs: Next.js
 * also compiles instrumentation.ts for the Edge runtime, and the Node-only
 * calls here (process.exit) made every build print an Edge-runtime warning.
 */
export async function registerNodeServer(): Promise<void> {
  if (env.NEXT_PHASE === "phase-production-build") return;
  exitUnlessEnvValid();
  try {
    installRequestGate();
  } catch (error) {
    console.error(`\n  Cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  if (!env.LEVERS_WEBHOOK_SECRET)
    console.warn("[webhooks] LEVERS_WEBHOOK_SECRET is not set: POST /api/webhooks/levers answers 503 until it is.");
  const { exitUnlessAuthConfigured } = await import("@/lib/auth/startup-check");
  exitUnlessAuthConfigured();
}
