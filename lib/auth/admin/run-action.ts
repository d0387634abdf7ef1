import "server-only";
import { revalidatePath } from "next/cache";
import { AppError, ValidationError } from "@/lib/http/errors";
import { requireAdminSession } from "../guard";
import type { ActionState } from "./action-state";

/**
 * Runs an admin server action's command and turns the outcome into a message
 * for the form: the typed error's sentence on failure (validation issues per
 * field), the given success text otherwise. Unexpected errors still throw, so
 * they reach the error boundary and the server log.
 *
 * A server action can be POSTed by anyone who finds its id, so this is where
 * every admin action first meets the guard: a signed-in admin session, never
 * an agent, a manager, an API key or an anonymous caller (the commands check
 * again themselves). Only an admitted action revalidates `revalidate`.
 */
export async function runAdminAction(
  command: () => Promise<ActionState | undefined> | Promise<void>,
  success: string,
  options: { revalidate?: string } = {},
): Promise<ActionState> {
  try {
    await requireAdminSession();
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.message };
    throw error;
  }
  try {
    const result = await command();
    return result ?? { ok: true, message: success };
  } catch (error) {
    if (error instanceof ValidationError) {
      return {
        ok: false,
        message: error.message,
        fieldErrors: Object.fromEntries(error.issues.map((i) => [i.path, i.message])),
      };
    }
    if (error instanceof AppError) return { ok: false, message: error.message };
    throw error;
  } finally {
    if (options.revalidate) revalidatePath(options.revalidate);
  }
}
