/**
 * Runs once when the Next.js server starts. Sign-in settings are checked here so
 * a server without BETTER_AUTH_SECRET (or with a malformed URL or timeout)
 * refuses to start with a sentence saying what to set, instead of serving 503s.
 * The request gate (lib/http/request-gate.ts) is installed first: every request
 * then carries the client address resolved from its socket, and methods the app
 * does not serve (TRACE…) get 405 before Next.js sees them.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { installRequestGate } = await import("./lib/http/request-gate");
  try {
    installRequestGate();
  } catch (error) {
    console.error(`\n  Cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const { exitUnlessAuthConfigured } = await import("./lib/auth/startup-check");
  exitUnlessAuthConfigured();
}
