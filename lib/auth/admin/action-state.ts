/** What an admin form's server action returns: a message to show, and (once) a created API key. */
export interface ActionState {
  ok: boolean;
  message: string | null;
  fieldErrors?: Record<string, string>;
  secret?: string;
}

export const IDLE: ActionState = { ok: false, message: null };
