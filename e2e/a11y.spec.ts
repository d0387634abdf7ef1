import { expect, type Page, test } from "@playwright/test";
import { accountWithHistory, accountWithoutPromises } from "./fixtures/account-history";
import { type Role, signIn } from "./fixtures/auth";
import { expectAccessible } from "./fixtures/axe";
import { showcaseCallId } from "./fixtures/showcase";

/**
 * WCAG 2.2 A/AA (axe-core, critical and serious) on every page each role can
 * open, in the states a user reaches: lists filtered and searched, a popover
 * and a menu open, a call with and without a recording, the error pages.
 */
test.describe.configure({ timeout: 120_000 });

async function ready(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
}

test("the check itself fails on a page with violations", async ({ page }) => {
  // A guard for the fixture: an image without a text alternative, a nameless button and grey-on-white text.
  await page.setContent(
    `<html lang="en"><body><main><h1>Broken</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button>` +
      `<p style="color:#bbb;background:#fff">faint text</p></main></body></html>`,
  );
  const failure = await expectAccessible(page, "a broken page").then(
    () => "",
    (error: unknown) => String(error),
  );
  expect(failure).toContain("image-alt (critical)");
  expect(failure).toContain("button-name (critical)");
  expect(failure).toContain("color-contrast (serious)");
});

test("login page", async ({ page }) => {
  await ready(page, "/login");
  await expectAccessible(page, "login");
});

for (const role of ["agent", "manager", "admin"] as const satisfies readonly Role[]) {
  test(`calls list and call detail as ${role}`, async ({ page }) => {
    await signIn(page, role);
    await ready(page, "/calls");
    await expect(page.getByTestId("calls-total")).toBeVisible();
    await expectAccessible(page, `calls list (${role})`);
    await ready(page, "/accounts");
    await expect(page.getByTestId("accounts-total")).toBeVisible();
    await expectAccessible(page, `accounts list (${role})`);

    await ready(page, `/calls/${await showcaseCallId(page, "demo-recording-1")}`);
    await expect(page.getByTestId("audio-player")).toBeVisible();
    await expectAccessible(page, `call with a recording (${role})`);
    await ready(page, `/calls/${await showcaseCallId(page, "demo-xss")}`);
    await expect(page.getByTestId("recording-message")).toContainText("No recording for this call");
    await expectAccessible(page, `call without a recording (${role})`);
    await ready(page, `/calls/${await showcaseCallId(page, "demo-plain-transcript")}`);
    await expect(page.getByTestId("recording-message")).toContainText("not available in storage");
    await expectAccessible(page, `call whose recording is missing (${role})`);
  });
}

test("calls list filtered, searched, with a popover, a menu and a select open", async ({ page }) => {
  await signIn(page, "agent");
  await ready(page, "/calls?outcome=PAYMENT+PROMISE&sentiment=POSITIVE");
  await expect(page.getByTestId("filter-outcome")).toHaveText(/Outcome: Payment promise/);
  await expectAccessible(page, "calls list filtered");

  await ready(page, "/calls?q=%22virtual+assistant%22");
  await expect(page.locator('[data-testid="calls-table"] mark').first()).toBeVisible();
  await expectAccessible(page, "calls list searched");

  await page.getByTestId("filter-outcome").click();
  await expect(page.getByTestId("options-outcome")).toBeVisible();
  await expectAccessible(page, "outcome filter open");
  await page.keyboard.press("Escape");

  await page.getByTestId("filter-date").click();
  await expect(page.getByLabel("From", { exact: true })).toBeVisible();
  await expectAccessible(page, "date filter open");
  await page.keyboard.press("Escape");

  await page.getByTestId("column-menu").click();
  await expect(page.getByRole("menu")).toBeVisible();
  await expectAccessible(page, "column menu open");
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: /account menu/ }).click();
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
  await expectAccessible(page, "account menu open");
  await page.keyboard.press("Escape");

  await page.getByRole("combobox", { name: "Sort calls" }).click();
  await expect(page.getByRole("listbox")).toBeVisible();
  await expectAccessible(page, "sort select open");
  await page.keyboard.press("Escape");

  await page.getByRole("combobox", { name: "Recording" }).click();
  await expect(page.getByRole("listbox")).toBeVisible();
  await expectAccessible(page, "recording select open");
  await page.keyboard.press("Escape");
});

test("calls list at phone width with the filter sheet and a filter popover open", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "agent");
  await ready(page, "/calls");
  await expectAccessible(page, "calls list (390 px)");
  await page.getByTestId("open-filters").click();
  const sheet = page.getByRole("dialog", { name: "Filters" });
  await expect(sheet).toBeVisible();
  await expectAccessible(page, "filter sheet open (390 px)");
  await sheet.getByTestId("filter-outcome").click();
  await expect(page.getByTestId("options-outcome")).toBeVisible();
  await expectAccessible(page, "outcome filter open in the sheet (390 px)");
});

for (const role of ["manager", "admin"] as const) {
  test(`analytics as ${role}, plain and filtered`, async ({ page }) => {
    await signIn(page, role);
    await ready(page, "/analytics");
    await expect(page.getByTestId("widget-kpis")).toBeVisible();
    await expect(page.getByTestId("widget-accounts")).toBeVisible();
    await expect(page.getByTestId("widget-best-time")).toBeVisible();
    await expectAccessible(page, `analytics (${role})`);
    await page.getByTestId("analytics-filter-outcome").click();
    await expect(page.getByRole("checkbox").first()).toBeVisible();
    await expectAccessible(page, `analytics outcome filter open (${role})`);
  });
}

test("the call override form open, and analytics with the AI's own values", async ({ page }) => {
  await signIn(page, "manager");
  await ready(page, `/calls/${await showcaseCallId(page, "demo-xss")}`);
  await page
    .getByTestId("call-override")
    .getByRole("button", { name: /Correct the AI|Change correction/ })
    .click();
  await expect(page.getByTestId("call-override").getByLabel("Reason (required)")).toBeVisible();
  await expectAccessible(page, "call override form open");
  await ready(page, "/analytics?values=ai");
  await expect(page.getByTestId("widget-ai-accuracy")).toBeVisible();
  await expectAccessible(page, "analytics, AI values, accuracy section");
});

test("every admin page", async ({ page }) => {
  await signIn(page, "admin");
  for (const path of ["/admin/users", "/admin/api-keys", "/admin/webhooks", "/admin/webhooks?status=invalid", "/admin/audit"]) {
    await ready(page, path);
    await expect(page.getByRole("navigation", { name: "Admin" })).toBeVisible();
    await expectAccessible(page, path);
  }
});

test("My work as an agent", async ({ page }) => {
  await signIn(page, "agent");
  await ready(page, "/work");
  await expect(page.getByRole("heading", { name: "Broken promises" })).toBeVisible();
  await expectAccessible(page, "My work (agent)");
});

test("My work as a manager, with the per-agent summary", async ({ page }) => {
  await signIn(page, "manager");
  await ready(page, "/work");
  await expect(page.getByRole("table", { name: "Open work per agent" })).toBeVisible();
  await expectAccessible(page, "My work (manager)");
});

test("the accounts admin pages", async ({ page }) => {
  await signIn(page, "admin");
  for (const path of ["/admin/accounts", "/admin/import"]) {
    await ready(page, path);
    await expectAccessible(page, path);
  }
});

test("compliance: overview, drill-down, a call's flag banner with the dismiss dialog", async ({ page }) => {
  await signIn(page, "manager");
  await ready(page, "/compliance");
  await expect(page.getByRole("heading", { name: "Flags by rule and portfolio" })).toBeVisible();
  await expectAccessible(page, "compliance overview");
  await ready(page, "/compliance?rule=R1");
  await expectAccessible(page, "compliance drill-down R1");
  await page.getByTestId("compliance-flag-list").getByRole("link").first().click();
  await expect(page.getByRole("region", { name: "Compliance flags on this call" })).toBeVisible();
  await expectAccessible(page, "call page with a compliance banner");
  await page
    .getByRole("button", { name: /^Dismiss flag/ })
    .first()
    .click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectAccessible(page, "dismiss flag dialog open");
  await page.keyboard.press("Escape");
});

test("compliance admin settings", async ({ page }) => {
  await signIn(page, "admin");
  await ready(page, "/admin/compliance");
  await expect(page.getByRole("form", { name: "Compliance settings" })).toBeVisible();
  await expectAccessible(page, "admin compliance settings");
});

test("403, 404 and a call that does not exist", async ({ page }) => {
  await signIn(page, "agent");
  await ready(page, "/admin/users");
  await expect(page.getByRole("heading", { name: "Your role cannot open this page" })).toBeVisible();
  await expectAccessible(page, "403 admin as agent");
  await ready(page, "/analytics");
  await expectAccessible(page, "403 analytics as agent");
  await ready(page, "/no-such-page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectAccessible(page, "404");
  await ready(page, "/calls/00000000-0000-4000-8000-000000000000");
  await expectAccessible(page, "unknown call");
});

test("the error page a failed list shows", async ({ page }) => {
  await signIn(page, "agent");
  await ready(page, "/calls");
  // The server's answer to the next list render carries an error in place of the page, as when
  // the database is down: the segment's error boundary (app/(dashboard)/calls/error.tsx) shows.
  await page.route(/\/calls\?.*outcome=/, async (route) => {
    if (!route.request().headers().rsc) return route.continue();
    const response = await route.fetch();
    const body = await response.text();
    const lazy = /"\$L([0-9a-f]+)"/.exec(body)![1]!;
    const failed = body
      .split("\n")
      .map((line) => (line.startsWith(`${lazy}:`) ? `${lazy}:E{"digest":"e2e","message":"unavailable","stack":[],"env":"Server"}` : line))
      .join("\n");
    await route.fulfill({ status: 200, headers: response.headers(), body: failed });
  });
  await page.getByTestId("filter-outcome").click();
  await page.locator('[data-testid="options-outcome"] [data-value="WRONG NUMBER"]').click();
  await expect(page.getByRole("heading", { name: "The calls list could not be loaded" })).toBeVisible({ timeout: 20_000 });
  await expectAccessible(page, "error page");
});

for (const role of ["agent", "admin"] as const) {
  test(`account page with and without promises as ${role}`, async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page, role);
    const full = await accountWithHistory(page.request);
    await ready(page, `/accounts/${full}`);
    await expect(page.getByTestId("promise-evidence").first()).toBeVisible();
    await expectAccessible(page, `account with promises (${role})`);
    await page
      .getByRole("button", { name: /^Change / })
      .first()
      .click();
    await expect(page.getByRole("menu")).toBeVisible();
    await expectAccessible(page, `account promise menu open (${role})`);
    await page.keyboard.press("Escape");
    await ready(page, `/accounts/${await accountWithoutPromises(page.request)}`);
    await expect(page.getByText("No promises yet.")).toBeVisible();
    await expectAccessible(page, `account without promises (${role})`);
    await ready(page, "/accounts/00000000-0000-4000-8000-000000000000");
    await expect(page.getByRole("heading", { name: "Account not found" })).toBeVisible();
    await expectAccessible(page, `account not found (${role})`);
  });
}

test("the review queue, the scoring page and the scorecards admin page", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, "admin");
  await ready(page, "/review");
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  await expectAccessible(page, "/review");
  const id = await showcaseCallId(page, "demo-recording-1");
  await ready(page, `/review/${id}`);
  await expect(page.getByRole("form", { name: "Score this call" })).toBeVisible();
  await expectAccessible(page, "/review/[callId]");
  await ready(page, "/admin/scorecards");
  await expect(page.getByRole("button", { name: /Publish version/ }).first()).toBeVisible();
  await expectAccessible(page, "/admin/scorecards");
});
