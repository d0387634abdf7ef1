import "server-only";
import { AppError, ValidationError } from "@/lib/http/errors";
import type { ActionState } from "./action-state";

/**
 * Runs an admin server action's command and turns the outcome into a message
 * for the form: the typed error's sentence on failure (validation issues per
 * field), the given success text otherwise. Unexpected errors still throw, so
 * they reach the error boundary and the server log.
 */
export async function runAdminAction(command: () => Promise<ActionState | void>, success: string): Promise<ActionState> {
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
  }
}
