/**
 * Fixed secrets for the e2e server (lib/cli/e2e-server.ts) so tests can sign
 * webhooks. Test-only values: never used by `npm start`.
 */
export const E2E_WEBHOOK_SECRET = "whsec_ZTJlLXRlc3Qtd2ViaG9vay1zZWNyZXQtMzItYnl0ZXMh";
export const E2E_AUTH_SECRET = "e2e-auth-secret-not-for-production-use-0123456789";
