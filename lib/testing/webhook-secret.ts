import { afterAll, beforeAll } from "vitest";
import { rawEnv, setEnv } from "../env";

/** Sets LEVERS_WEBHOOK_SECRET for the tests of one describe block (or file) and puts the old value back after them. */
export function useWebhookSecret(secret: string): void {
  const saved = rawEnv().LEVERS_WEBHOOK_SECRET;
  beforeAll(() => {
    setEnv("LEVERS_WEBHOOK_SECRET", secret);
  });
  afterAll(() => {
    setEnv("LEVERS_WEBHOOK_SECRET", saved);
  });
}
