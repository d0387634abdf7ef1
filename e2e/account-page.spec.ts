import { expect, test } from "@playwright/test";
import { accountWithHistory, HISTORY_EVIDENCE } from "./fixtures/account-history";
import { signIn } from "./fixtures/auth";

/**
 * The account page as an agent uses it: open an account full of history,
 * read the highlighted words a promise came from, follow them to that turn of
 * the call, then add a note and correct it.
 */
test.describe.configure({ timeout: 180_000 });

test("an agent reads a promise's evidence, follows it to the call's turn, adds a note and edits it", async ({ page }) => {
  await signIn(page, "agent");
  const accountId = await accountWithHistory(page.request);
  await page.goto(`/accounts/${accountId}`);

  await expect(page.getByTestId("account-key")).toHaveText("E2E-SAM-CARTER");
  await expect(page.getByRole("list", { name: "Numbers" })).toContainText("Wrong number");
  const ledger = page.getByRole("region", { name: "Promise ledger" });
  await expect(ledger.locator('[data-testid="promise-row"][data-status="kept"]')).toHaveCount(1);
  await expect(ledger.getByText(/Payment plan · \d+ installments/)).toBeVisible();

  const pending = ledger.locator('[data-testid="promise-row"]').filter({ hasText: HISTORY_EVIDENCE });
  await expect(pending.getByTestId("promise-status")).toHaveText("Pending");
  await expect(pending.getByTestId("evidence-highlight")).toHaveText(new RegExp(HISTORY_EVIDENCE.replace("$", "\\$")));

  await page.screenshot({ path: test.info().outputPath("account-page-1440x900.png"), fullPage: false });

  await pending.getByRole("link", { name: /Open the call at turn/ }).click();
  await expect(page).toHaveURL(/\/calls\/[0-9a-f-]+#turn-\d+$/);
  const turn = new URL(page.url()).hash.slice(1);
  const target = page.locator(`[id="${turn}"]`);
  await expect(target).toContainText(HISTORY_EVIDENCE);
  await expect(target).toBeInViewport();
  expect(await target.evaluate((el) => el.matches(":target"))).toBe(true);

  await page.goBack();
  const notes = page.getByTestId("notes-panel");
  await notes.getByLabel("Add a note").fill("Sam asked us to call after 6 pm only.");
  await notes.getByRole("button", { name: "Add note" }).click();
  const note = notes.getByTestId("note").first();
  await expect(note.getByTestId("note-body")).toHaveText("Sam asked us to call after 6 pm only.");
  await note.getByRole("button", { name: "Edit" }).click();
  await note.getByLabel("Edit the note").fill("Sam asked us to call after 6 pm, weekdays only.");
  await note.getByRole("button", { name: "Save note" }).click();
  await expect(notes.getByTestId("note-body").first()).toHaveText("Sam asked us to call after 6 pm, weekdays only.");
  await expect(notes.getByTestId("note").first()).toContainText("edited");

  // Over the limit: refused with the server's clear message, nothing added.
  await notes.getByLabel("Add a note").fill("x".repeat(10_001));
  await notes.getByRole("button", { name: "Add note" }).click();
  await expect(notes.getByRole("alert")).toHaveText("The note is 10,001 characters; the limit is 10,000.");
  await expect(notes.getByTestId("note")).toHaveCount(1);
});

test("a manager corrects a due date and the ledger shows who changed it", async ({ page }) => {
  await signIn(page, "manager");
  const accountId = await accountWithHistory(page.request);
  await page.goto(`/accounts/${accountId}`);
  const pending = page.locator('[data-testid="promise-row"]').filter({ hasText: HISTORY_EVIDENCE });
  await pending.getByRole("button", { name: /^Change promise of \$200\.00/ }).click();
  await page.getByRole("menuitem", { name: "Correct the due date…" }).click();
  await page.getByRole("textbox", { name: "Due date" }).fill("2100-02-01");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(pending.getByText("Due Mon, Feb 1, 2100")).toBeVisible({ timeout: 15_000 });
  await expect(pending.getByRole("list", { name: "Changes by people" })).toContainText("due date corrected by Morgan Manager");
});
