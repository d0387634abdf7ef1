import { expect, type Page, test } from "@playwright/test";
import { accountWithHistory } from "./fixtures/account-history";
import { signIn } from "./fixtures/auth";
import { showcaseCallId } from "./fixtures/showcase";

/** At phone width (390 × 844) every main page fits without sideways scrolling. */
test.use({ viewport: { width: 390, height: 844 } });
test.describe.configure({ timeout: 120_000 });

async function expectNoSidewaysScroll(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    clientWidth: document.scrollingElement!.clientWidth,
  }));
  expect(scrollWidth, `${path} is ${scrollWidth}px wide in a ${clientWidth}px window`).toBeLessThanOrEqual(clientWidth);
}

test("the calls list shows stacked rows and its filters open in a sheet", async ({ page }) => {
  await signIn(page, "agent");
  await expectNoSidewaysScroll(page, "/calls");
  await expect(page.getByTestId("calls-table")).toBeHidden();
  const first = page.getByTestId("calls-stack").getByRole("listitem").first();
  await expect(first).toBeVisible();
  await expect(first.getByTestId("outcome-badge")).toBeVisible();
  await expect(first.getByTestId("sentiment-badge")).toBeVisible();
  await expect(first.locator("time").first()).toBeVisible();
  await expect(first).toContainText(/\+\d/);

  await page.getByTestId("open-filters").click();
  const sheet = page.getByRole("dialog", { name: "Filters" });
  await expect(sheet).toBeVisible();
  await sheet.getByTestId("filter-outcome").click();
  await page.locator('[data-testid="options-outcome"] [data-value="WRONG NUMBER"]').click();
  await expect(page).toHaveURL(/outcome=WRONG\+NUMBER/);
  await page.keyboard.press("Escape");
  await sheet.getByRole("button", { name: "Show calls" }).click();
  await expect(sheet).toBeHidden();
  await expect(page.getByTestId("open-filters")).toHaveText(/Filters \(1\)/);
  await expect(async () => {
    const outcomes = await page.getByTestId("calls-stack").getByTestId("outcome-badge").allTextContents();
    expect(outcomes.length).toBeGreaterThan(0);
    expect(new Set(outcomes)).toEqual(new Set(["Wrong number"]));
  }).toPass({ timeout: 20_000 });

  // A stacked row opens its call.
  await page.getByTestId("calls-stack").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}/);
  await expect(page.getByTestId("contact-number")).toBeVisible();
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    clientWidth: document.scrollingElement!.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
});

test("analytics and every admin page fit a phone", async ({ page }) => {
  await signIn(page, "admin");
  for (const path of ["/analytics", "/admin/users", "/admin/api-keys", "/admin/webhooks", "/admin/audit"])
    await expectNoSidewaysScroll(page, path);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});

test("login and a call page fit a phone", async ({ page }) => {
  await expectNoSidewaysScroll(page, "/login");
  await signIn(page, "agent");
  const id = await showcaseCallId(page, "demo-recording-1");
  await expectNoSidewaysScroll(page, `/calls/${id}`);
  await expect(page.getByTestId("audio-player")).toBeVisible();
});

test("the accounts list shows stacked rows, its filters open in a sheet, a row opens the account", async ({ page }) => {
  await signIn(page, "agent");
  await expectNoSidewaysScroll(page, "/accounts");
  await expect(page.getByTestId("accounts-table")).toBeHidden();
  const first = page.getByTestId("accounts-stack").getByRole("listitem").first();
  await expect(first).toBeVisible();
  await expect(first).toContainText(/\d[\d,]* calls?\b/);
  await page.getByTestId("open-filters").click();
  const sheet = page.getByRole("dialog", { name: "Filters" });
  await sheet.getByTestId("filter-neverReached").click();
  await expect(page).toHaveURL(/neverReached=true/);
  await sheet.getByRole("button", { name: "Show accounts" }).click();
  await expect(page.getByTestId("open-filters")).toHaveText(/Filters \(1\)/);
  await page.getByTestId("accounts-stack").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/accounts\/[0-9a-f-]{36}/);
});

test("My work fits a phone", async ({ page }) => {
  await signIn(page, "agent");
  await expectNoSidewaysScroll(page, "/work");
  await expect(page.getByRole("button", { name: /^Done/ }).first()).toBeVisible();
});

test("the accounts admin pages fit a phone", async ({ page }) => {
  await signIn(page, "admin");
  for (const path of ["/work", "/admin/accounts", "/admin/import"]) await expectNoSidewaysScroll(page, path);
});

test("an account page fits a phone", async ({ page }) => {
  await signIn(page, "agent");
  const id = await accountWithHistory(page.request);
  await expectNoSidewaysScroll(page, `/accounts/${id}`);
  await expect(page.getByTestId("promise-evidence").first()).toBeVisible();
  await expect(page.getByTestId("notes-panel")).toBeVisible();
});

test("the compliance pages fit a phone", async ({ page }) => {
  await signIn(page, "admin");
  for (const path of ["/compliance", "/compliance?rule=R1&status=all", "/admin/compliance"]) await expectNoSidewaysScroll(page, path);
});

test("the review queue and the scoring page fit a phone", async ({ page }) => {
  await signIn(page, "manager");
  await expectNoSidewaysScroll(page, "/review");
  const id = await showcaseCallId(page, "demo-recording-1");
  await expectNoSidewaysScroll(page, `/review/${id}`);
  await expect(page.getByRole("form", { name: "Score this call" })).toBeVisible();
});
