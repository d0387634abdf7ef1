import { expect, type Page, test } from "@playwright/test";
import { DEMO_USERS, signIn } from "./fixtures/auth";
import { showcaseCallId } from "./fixtures/showcase";

/**
 * The main flows with the keyboard only: no mouse click after sign-in. Each
 * step is a key press on whatever has focus, the way a keyboard user works.
 */
test.describe.configure({ timeout: 120_000 });

async function tabTo(page: Page, matches: (el: { testId: string | null; name: string; value: string | null }) => boolean, max = 60) {
  for (let i = 0; i <= max; i++) {
    if (i > 0) await page.keyboard.press("Tab");
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return {
        testId: a?.getAttribute("data-testid") ?? null,
        value: a?.getAttribute("data-value") ?? null,
        name: (a?.getAttribute("aria-label") ?? a?.textContent ?? "").trim(),
      };
    });
    if (matches(el)) return;
  }
  throw new Error("the control was not reached with Tab");
}

test("filter, search, open a call and export with the keyboard", async ({ page }) => {
  await signIn(page, "agent");
  await page.goto("/calls");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");

  // Filter: Tab to the outcome filter, Enter opens it, Tab to an option, Enter ticks it, Escape closes.
  await tabTo(page, (el) => el.testId === "filter-outcome");
  await page.keyboard.press("Enter");
  const option = page.locator('[data-testid="options-outcome"] [data-value="PAYMENT PROMISE"]');
  await expect(option).toBeVisible();
  await tabTo(page, (el) => el.value === "PAYMENT PROMISE", 15);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/outcome=PAYMENT\+PROMISE/);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("options-outcome")).toHaveCount(0);
  await expect(page.getByTestId("filter-outcome")).toBeFocused();

  // Sort: from the search box, Tab reaches the sort select; Enter opens it, arrows pick, Enter chooses.
  await page.keyboard.press("/");
  await tabTo(page, (el) => el.name === "Sort calls", 5);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("option", { name: "Newest first" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("option", { name: "Oldest first" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/sort=receivedAt\.asc/);

  // Search: "/" focuses the box, Enter searches.
  await page.keyboard.press("/");
  await page.keyboard.type("payment");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=payment/);

  // Export: Tab on to the export link; Enter downloads the CSV of these filters.
  await tabTo(page, (el) => el.testId === "export-csv", 6);
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  expect(download.suggestedFilename()).toMatch(/^calls_.*\.csv$/);

  // Open a call: j focuses the first row, Enter opens it with the list's context.
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}\?.*q=payment/);
});

test("play and seek a recording with the keyboard", async ({ page }) => {
  await signIn(page, "agent");
  const id = await showcaseCallId(page, "demo-recording-1");
  await page.goto(`/calls/${id}`);
  await expect(page.locator('[data-testid="call-workspace"][data-hydrated="true"]')).toBeVisible();
  const audio = page.locator("audio");
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState)).toBeGreaterThan(0);

  await tabTo(page, (el) => el.name === "Play");
  await page.keyboard.press("Enter");
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => !a.paused)).toBe(true);
  await page.keyboard.press("Enter");
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.paused)).toBe(true);

  await tabTo(page, (el) => el.name === "Position");
  const before = await audio.evaluate((a: HTMLAudioElement) => a.currentTime);
  await page.keyboard.press("End");
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(before + 1);
});

test("an admin changes a role with the keyboard", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/users");
  const email = DEMO_USERS.agent.email;
  const select = page.getByLabel(`Role for ${email}`);
  await select.focus();
  await select.selectOption("manager"); // a native select: arrow keys pick the option
  await page.keyboard.press("Tab");
  await expect(page.getByRole("row").filter({ hasText: email }).getByRole("button", { name: "Save role" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("row").filter({ hasText: email }).getByText("Role saved.")).toBeVisible();
  // Put it back so other tests still see an agent, and make sure it is back: "Role saved." is still on
  // screen from the first save, so seeing it again proves nothing (a silent miss left the demo agent a
  // manager for every later spec).
  await select.selectOption("agent");
  await page.getByRole("row").filter({ hasText: email }).getByRole("button", { name: "Save role" }).click();
  await expect
    .poll(async () => {
      await page.reload();
      return page.getByLabel(`Role for ${email}`).inputValue();
    })
    .toBe("agent");
});
