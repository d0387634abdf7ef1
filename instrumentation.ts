/**
 * Runs once when the Next.js server starts. Sign-in settings are checked here so
 * a server without BETTER_AUTH_SECRET (or with a malformed URL or timeout)
 * refuses to start with a sentence saying what to set, instead of serving 503s.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { exitUnlessAuthConfigured } = await import("./lib/auth/startup-check");
  exitUnlessAuthConfigured();
}
