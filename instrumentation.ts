/**
 * Runs once when the Next.js server starts. The environment (lib/env.ts) and the
 * sign-in settings are checked here, so a server with a malformed variable or
 * without BETTER_AUTH_SECRET refuses to start with a sentence naming what to
 * set, instead of serving 500s or 503s. NEXT_RUNTIME is read directly: Next.js
 * inlines it per runtime. The request gate (lib/http/request-gate.ts) is
 * installed first: every request then carries the client address resolved from
 * its socket, and methods the app does not serve (TRACE…) get 405 before
 * Next.js sees them.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, exitUnlessEnvValid } = await import("./lib/env");
  if (env.NEXT_PHASE === "phase-production-build") return;
  exitUnlessEnvValid();
  const { installRequestGate } = await import("./lib/http/request-gate");
  try {
    installRequestGate();
  } catch (error) {
    console.error(`\n  Cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  if (!env.LEVERS_WEBHOOK_SECRET)
    console.warn("[webhooks] LEVERS_WEBHOOK_SECRET is not set: POST /api/webhooks/levers answers 503 until it is.");
  const { exitUnlessAuthConfigured } = await import("./lib/auth/startup-check");
  exitUnlessAuthConfigured();
}
