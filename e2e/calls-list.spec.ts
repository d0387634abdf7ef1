import { expect, type Page, test } from "@playwright/test";
import { formatPhone } from "../components/call-detail/format";
import { parseCsv } from "../lib/testing/csv";
import { E2E_WEBHOOK_SECRET } from "../lib/testing/e2e-env";
import { buildPayload } from "../lib/testing/payload-factory";
import { signDelivery } from "../lib/testing/svix";
import { signIn } from "./fixtures/auth";

/**
 * The calls list against the production build and the demo data: filters in
 * the URL, search with highlights, live arrival of a signed webhook, CSV export
 * and the keyboard.
 */

const rows = (page: Page) => page.locator('[data-testid="calls-table"] tbody tr');

async function openList(page: Page, query = "") {
  await page.goto(`/calls${query}`);
  await expect(page.getByTestId("calls-total")).toBeVisible();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
}

async function pick(page: Page, filter: string, value: string) {
  await page.getByTestId(`filter-${filter}`).click();
  await page.locator(`[data-testid="options-${filter}"] [data-value="${value}"]`).click();
  await page.keyboard.press("Escape");
}

// The production server shares two cores with everything else in CI: allow for slow moments.
test.describe.configure({ timeout: 120_000 });

test.beforeEach(async ({ page }) => {
  await signIn(page, "agent");
});

test("filter by outcome and sentiment through the toolbar: URL, rows and reload agree", async ({ page }, testInfo) => {
  await openList(page);
  await page.screenshot({ path: testInfo.outputPath("calls-list.png") });

  await pick(page, "outcome", "PAYMENT PROMISE");
  await expect(page).toHaveURL(/outcome=PAYMENT\+PROMISE/);
  await pick(page, "sentiment", "POSITIVE");
  await expect(page).toHaveURL(/sentiment=POSITIVE/);

  // The URL changes first; the server's new rows follow: poll until the table shows them.
  const check = () =>
    expect(async () => {
      const outcomes = await page.locator('[data-testid="calls-table"] [data-testid="outcome-badge"]').allTextContents();
      const sentiments = await page.locator('[data-testid="calls-table"] [data-testid="sentiment-badge"]').allTextContents();
      expect(outcomes.length).toBeGreaterThan(0);
      expect(new Set(outcomes)).toEqual(new Set(["Payment promise"]));
      expect(new Set(sentiments)).toEqual(new Set(["Positive"]));
    }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("filter-outcome")).toHaveText(/Outcome: Payment promise/);
  await check();
  await page.screenshot({ path: testInfo.outputPath("calls-list-filtered.png") });

  await page.reload();
  await expect(page).toHaveURL(/outcome=PAYMENT\+PROMISE.*sentiment=POSITIVE|sentiment=POSITIVE.*outcome=PAYMENT\+PROMISE/);
  await check();

  // Back undoes the last filter.
  await page.goBack();
  await expect(page).not.toHaveURL(/sentiment=/);
  await expect(page).toHaveURL(/outcome=PAYMENT\+PROMISE/);
});

test("search finds a phrase and highlights it in the rows", async ({ page }, testInfo) => {
  await openList(page);
  await page.keyboard.press("/");
  const box = page.getByRole("searchbox", { name: "Search transcripts" });
  await expect(box).toBeFocused();
  await box.fill('"virtual assistant"');
  await box.press("Enter");
  await expect(page).toHaveURL(/q=%22virtual(\+|%20)assistant%22/);
  const firstRowMarks = rows(page).first().locator("mark");
  await expect(firstRowMarks.first()).toBeVisible({ timeout: 20_000 });
  expect((await firstRowMarks.allTextContents()).map((t) => t.toLowerCase())).toEqual(expect.arrayContaining(["virtual", "assistant"]));
  for (const text of await rows(page).locator("[data-preview]").allTextContents())
    expect(text.toLowerCase()).toContain("virtual assistant");
  await page.screenshot({ path: testInfo.outputPath("calls-search.png") });
});

test("a signed webhook posted while the list is open appears without a reload", async ({ page }) => {
  await openList(page);
  const marker = await page.evaluate(() => {
    (window as unknown as { __marker: number }).__marker = 1;
    return 1;
  });
  const payload = buildPayload({
    numberTo: `+4420${Date.now().toString().slice(-8)}`,
    callOutput: "PAYMENT EXTENSION",
    sentimentOutput: "NEUTRAL",
  });
  const body = JSON.stringify(payload);
  const response = await page.request.post("/api/webhooks/levers", {
    data: body,
    headers: { "content-type": "application/json", ...signDelivery(body, E2E_WEBHOOK_SECRET) },
  });
  expect(response.status()).toBeLessThan(300);

  const row = rows(page).filter({ hasText: formatPhone(payload.numberTo) });
  await expect(row).toHaveCount(1, { timeout: 15_000 });
  await expect(rows(page).first()).toContainText(formatPhone(payload.numberTo));
  await expect(row.getByTestId("outcome-badge")).toHaveText("Payment extension");
  // Same document: no reload happened.
  expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(marker);
});

test("a new call outside the filter shows the indicator instead of a row", async ({ page }) => {
  await openList(page, "?outcome=WRONG+NUMBER");
  const payload = buildPayload({ callOutput: "PAYMENT COMPLETED" });
  const body = JSON.stringify(payload);
  await page.request.post("/api/webhooks/levers", {
    data: body,
    headers: { "content-type": "application/json", ...signDelivery(body, E2E_WEBHOOK_SECRET) },
  });
  await expect(page.getByTestId("new-calls")).toContainText(/1 new call outside this filter/);
  await expect(rows(page).filter({ hasText: formatPhone(payload.numberTo) })).toHaveCount(0);
});

test("CSV export holds exactly the filtered rows, with the filter in the file name", async ({ page }) => {
  const query = "?outcome=WRONG+NUMBER&outcome=NOT+INTERESTED&sentiment=NEGATIVE";
  await openList(page, query);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/^calls_outcome-wrong-number\+not-interested_sentiment-negative_\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = parseCsv((await (await download.createReadStream()).toArray()).map(String).join(""));
  const [header, ...data] = csv;
  expect(header).toContain("callOutput");
  const idCol = header!.indexOf("id");
  const outcomeCol = header!.indexOf("callOutput");
  const sentimentCol = header!.indexOf("sentimentOutput");

  // Every matching call, through the JSON API's own paging.
  const apiIds: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await page.request.get(`/api/calls${query}&limit=200${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status()).toBe(200);
    const json = (await res.json()) as { items: { id: string }[]; nextCursor: string | null; total: number };
    apiIds.push(...json.items.map((i) => i.id));
    cursor = json.nextCursor;
  } while (cursor);

  expect(data.length).toBeGreaterThan(0);
  expect(data.map((r) => r[idCol])).toEqual(apiIds);
  for (const r of data) {
    expect(["WRONG NUMBER", "NOT INTERESTED"]).toContain(r[outcomeCol]);
    expect(r[sentimentCol]).toBe("NEGATIVE");
  }
  await expect(page.getByTestId("calls-total")).toHaveText(`${apiIds.length.toLocaleString("en-US")} calls`);
});

test("keyboard: j / k move through rows and Enter opens the call with the list's context", async ({ page }) => {
  await openList(page, "?sentiment=NEGATIVE");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  const second = rows(page).nth(1);
  await expect(second).toHaveAttribute("data-focused", "true");
  const id = await second.getAttribute("data-call-id");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/calls/${id}\\?(.*&)?sentiment=NEGATIVE`));
});

test("an empty list names the filter that emptied it and removes it in one click", async ({ page }) => {
  await openList(page, "?outcome=WRONG+NUMBER&durationMin=86400");
  const empty = page.getByTestId("empty-state");
  await expect(empty).toContainText("No calls match");
  await page.getByTestId("remove-filter-duration").click();
  await expect(page).not.toHaveURL(/durationMin/);
  await expect(rows(page).first()).toBeVisible();
});

test("the JSON API answers 400 with the reason for bad parameters", async ({ page }) => {
  const res = await page.request.get("/api/calls?limit=500&outcomes=X&from=yesterday");
  expect(res.status()).toBe(400);
  const body = (await res.json()) as { error: string; issues: { path: string; message: string }[] };
  expect(body.error).toBe("bad_request");
  expect(body.issues.map((i) => i.path).sort()).toEqual(["from", "limit", "outcomes"]);
});

test("keyset paging, page size and column visibility live in the URL", async ({ page }) => {
  await openList(page, "?limit=25");
  await expect(rows(page)).toHaveCount(25);
  const firstPage = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-call-id")));
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(async () => {
    const ids = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-call-id")));
    expect(ids).toHaveLength(25);
    expect(ids.filter((id) => firstPage.includes(id))).toEqual([]);
  }).toPass({ timeout: 20_000 });
  await page.getByRole("button", { name: "Previous page" }).click();
  await expect(async () => {
    expect(await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-call-id")))).toEqual(firstPage);
  }).toPass({ timeout: 20_000 });

  await page.getByTestId("column-menu").click();
  const leversNumber = page.getByRole("menuitemcheckbox", { name: "Levers number" });
  await expect(leversNumber).toHaveAttribute("aria-checked", "true");
  await leversNumber.click();
  await expect(leversNumber).toHaveAttribute("aria-checked", "false");
  await expect(page).toHaveURL(/hide=numberFrom/);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("columnheader", { name: "Levers number" })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("columnheader", { name: "Contact" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Levers number" })).toHaveCount(0);
});
