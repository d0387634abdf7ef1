import { expect, type Page, test } from "@playwright/test";
import { signIn, signOut } from "./fixtures/auth";
import { showcaseCallId } from "./fixtures/showcase";

/**
 * The disposition override end to end: an agent corrects a call's outcome
 * with the keyboard only, the AI's value stays visible beside it; a manager
 * sees it in the AI accuracy section (and drills from the confusion-matrix
 * cell into that call), and switches analytics between corrected and AI
 * values. The correction is taken back at the end (confirming the AI), so the
 * other specs see the AI's values.
 */
test.describe.configure({ timeout: 120_000 });

const CALL = "demo-recording-3"; // AI: PAYMENT EXTENSION

async function correctWithKeyboard(page: Page, outcome: string, reason: string) {
  const panel = page.getByTestId("call-override");
  await panel.getByRole("button", { name: /Correct the AI|Change correction/ }).focus();
  await page.keyboard.press("Enter");
  const select = panel.getByLabel("Outcome");
  await page.keyboard.press("Tab");
  await expect(select).toBeFocused();
  await page.keyboard.type(outcome);
  await expect(select).toHaveValue(outcome.toUpperCase());
  await page.keyboard.press("Tab"); // sentiment: keep the AI's
  await page.keyboard.press("Tab");
  await expect(panel.getByLabel("Reason (required)")).toBeFocused();
  await page.keyboard.type(reason);
  await page.keyboard.press("Tab");
  await expect(panel.getByRole("button", { name: "Save correction" })).toBeFocused();
  await page.keyboard.press("Enter");
}

test("an agent corrects an outcome with the keyboard; a manager sees it in AI accuracy and both value views", async ({ page }) => {
  await signIn(page, "agent");
  const id = await showcaseCallId(page, CALL);
  await page.goto(`/calls/${id}`);
  const panel = page.getByTestId("call-override");
  await correctWithKeyboard(page, "Not interested", "Asked us to stop calling; the extension was never agreed.");
  await expect(panel.getByTestId("corrected-outcome")).toHaveText("Not interested");
  await expect(panel).toContainText("AI:");
  await expect(panel).toContainText("Payment extension");
  await expect(panel.getByTestId("verdict-by")).toContainText("Corrected by");
  await expect(panel.getByTestId("verdict-by")).toContainText("the extension was never agreed");
  await signOut(page);

  await signIn(page, "manager");
  await page.goto("/analytics");
  const accuracy = page.getByTestId("widget-ai-accuracy");
  await expect(accuracy).toBeVisible({ timeout: 30_000 });
  await expect(accuracy.getByTestId("accuracy-outcome-overall")).toContainText("n =");
  await page.screenshot({ path: "test-results/analytics-accuracy-1440.png", fullPage: true });
  await accuracy.screenshot({ path: "test-results/analytics-accuracy-section-1440.png" });

  // The values switch: one URL parameter.
  const switcher = page.getByTestId("values-switch");
  await expect(switcher.getByRole("button", { name: "Corrected values" })).toHaveAttribute("aria-pressed", "true");
  await switcher.getByRole("button", { name: "AI's own values" }).click();
  await expect(page).toHaveURL(/[?&]values=ai(&|$)/);
  await expect(switcher.getByRole("button", { name: "AI's own values" })).toHaveAttribute("aria-pressed", "true");
  await switcher.getByRole("button", { name: "Corrected values" }).click();
  await expect(page).not.toHaveURL(/values=ai/);

  // The confusion-matrix cell opens exactly the corrected calls behind it.
  const cell = accuracy.getByTestId("cell-PAYMENT EXTENSION-NOT INTERESTED");
  await expect(cell).toBeVisible();
  await cell.click();
  await expect(page).toHaveURL(/\/calls\?.*correctedOutcome=NOT\+INTERESTED/);
  await expect(page.locator(`a[href*="/calls/${id}"]`).first()).toBeVisible({ timeout: 30_000 });
  await signOut(page);

  // Taken back: a verdict agreeing with the AI (corrected values equal the AI's again).
  await signIn(page, "agent");
  await page.goto(`/calls/${id}`);
  await correctWithKeyboard(page, "Payment extension", "Rechecked: the AI was right.");
  await expect(panel.getByTestId("verdict-by")).toContainText("Confirmed by");
  await expect(panel.getByTestId("corrected-outcome")).toHaveCount(0);
});
