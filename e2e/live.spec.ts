import { expect, type Page, test } from "@playwright/test";
import { formatPhone } from "../components/call-detail/format";
import { E2E_WEBHOOK_SECRET } from "../lib/testing/e2e-env";
import { buildPayload } from "../lib/testing/payload-factory";
import { signDelivery } from "../lib/testing/svix";
import { signIn } from "./fixtures/auth";

/**
 * The live list against the production build: no call may fall between the
 * server's render of the list and the browser's stream. The page's scripts
 * are held back so the calls are posted while the list is on screen but not
 * yet hydrated (no stream open yet).
 */
const rows = (page: Page) => page.locator('[data-testid="calls-table"] tbody tr');
const totalOf = async (page: Page) =>
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText(), not the DOM property: the rendered total the user reads
  Number((await page.getByTestId("calls-total").locator("span").first().innerText()).replace(/\D/g, ""));

async function post(page: Page, fields: Parameters<typeof buildPayload>[0]) {
  const payload = buildPayload(fields);
  const body = JSON.stringify(payload);
  const response = await page.request.post("/api/webhooks/levers", {
    data: body,
    headers: { "content-type": "application/json", ...signDelivery(body, E2E_WEBHOOK_SECRET) },
  });
  expect(response.status()).toBeLessThan(300);
  return payload;
}

/** Opens `path` with every script held until `release()`: the server-rendered list shows, nothing runs. */
async function openUnhydrated(page: Page, path: string) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/_next\/static\/.*\.js/, async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(path, { waitUntil: "commit" });
  await expect(page.getByTestId("calls-total")).toBeVisible({ timeout: 30_000 });
  // Still the server's markup: the stream has not been opened.
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "connecting");
  await page.evaluate(() => {
    (window as unknown as { __marker: number }).__marker = 1;
  });
  return release;
}

test.describe.configure({ timeout: 120_000 });

test.beforeEach(async ({ page }) => {
  await signIn(page, "agent");
});

test("a call posted while the list is still loading shows up without a reload, once, and the total matches a reload", async ({ page }) => {
  const release = await openUnhydrated(page, "/calls");
  const before = await totalOf(page);
  const payload = await post(page, { numberTo: `+4420${Date.now().toString().slice(-8)}`, callOutput: "PAYMENT EXTENSION" });
  release();

  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live", { timeout: 30_000 });
  const row = rows(page).filter({ hasText: formatPhone(payload.numberTo) });
  await expect(row).toHaveCount(1, { timeout: 15_000 });
  await expect(rows(page).first()).toContainText(formatPhone(payload.numberTo));
  await expect.poll(() => totalOf(page)).toBe(before + 1);
  expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);

  await page.unrouteAll();
  await page.reload();
  await expect.poll(() => totalOf(page)).toBe(before + 1);
  await expect(rows(page).filter({ hasText: formatPhone(payload.numberTo) })).toHaveCount(1);
});

test("a call outside the filter posted before hydration is counted once in the banner", async ({ page }) => {
  const release = await openUnhydrated(page, "/calls?outcome=WRONG+NUMBER");
  await post(page, { callOutput: "PAYMENT COMPLETED" });
  release();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live", { timeout: 30_000 });
  await expect(page.getByTestId("new-calls")).toContainText(/^1 new call outside this filter/, { timeout: 15_000 });
});
