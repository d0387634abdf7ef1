import { defineConfig, devices } from "@playwright/test";
import { env } from "./lib/env";

/**
 * E2E against the production build (`npm run test:e2e` builds it first) served
 * by lib/cli/e2e-server.ts on a throwaway embedded PostgreSQL seeded with the
 * demo data. Chromium is Debian's (`CHROMIUM_PATH`, default /usr/bin/chromium).
 */
const port = env.E2E_PORT ?? 3100;
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: env.PW_OUTPUT_DIR ?? "test-results",
  fullyParallel: false,
  workers: 1,
  // CI retries a failed test once so that the report says "flaky" rather than
  // only "failed", and failOnFlakyTests fails the run anyway: a test that
  // passes on retry is a race to fix, not a pass.
  retries: env.CI ? 1 : 0,
  failOnFlakyTests: !!env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1440, height: 900 },
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          executablePath: env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
            "--autoplay-policy=no-user-gesture-required",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "npx tsx lib/cli/e2e-server.ts",
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM, so the server stops its throwaway PostgreSQL and removes its data folder (SIGKILL left ~100 MB in the temp folder).
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(port) },
  },
});
