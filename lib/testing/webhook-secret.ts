import { afterAll, beforeAll } from "vitest";

/** Sets LEVERS_WEBHOOK_SECRET for the tests of one describe block (or file) and puts the old value back after them. */
export function useWebhookSecret(secret: string): void {
  const saved = process.env.LEVERS_WEBHOOK_SECRET;
  beforeAll(() => {
    process.env.LEVERS_WEBHOOK_SECRET = secret;
  });
  afterAll(() => {
    process.env.LEVERS_WEBHOOK_SECRET = saved;
  });
}
