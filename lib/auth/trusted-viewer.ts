import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Viewer } from "./viewer";

/**
 * An explicit, trusted viewer for code that runs outside an HTTP request
 * (command-line tools such as `npm run bench`), so they can call the same
 * guarded data-access functions the pages call. Inside the callback,
 * `getViewer()` / `requireRole()` (lib/auth/guard.ts) answer with this viewer
 * instead of reading request headers; the role checks still apply to it.
 *
 * Nothing a request carries can reach this: only server code that calls
 * `runAsTrustedViewer` sets it, and only for the async work it starts. Request
 * handling code must never call it.
 */
const storage = new AsyncLocalStorage<Viewer | null>();

/** `null` runs the callback as an explicit anonymous caller (tests of the refusals). */
export function runAsTrustedViewer<T>(viewer: Viewer | null, fn: () => T): T {
  return storage.run(viewer, fn);
}

/** The trusted viewer of the current async context: undefined when none was set, null for an explicit anonymous one. */
export function trustedViewer(): Viewer | null | undefined {
  return storage.getStore();
}
