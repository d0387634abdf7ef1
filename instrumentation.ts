/**
 * Runs once when the Next.js server starts: the Node.js server's start-up
 * checks (lib/http/server-startup.ts). NEXT_RUNTIME is read directly (Next.js
 * inlines it per runtime), and the checks are imported only under nodejs so
 * the Edge build of this file holds no Node-only code.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("./lib/http/server-startup")).registerNodeServer();
}
