import { type APIRequestContext, expect, type Locator, type Page, test } from "@playwright/test";
import { CHART_IDS } from "../lib/analytics/charts";
import { parseCsv } from "../lib/testing/csv";
import { signIn } from "./fixtures/auth";

/**
 * The manager's analytics page against the production build and the demo data:
 * every widget's figures equal what the calls list API counts for the same
 * filter, the controls drive the URL and the charts, and a click on a figure
 * opens the calls behind it.
 */

const PROMISES = ["PAYMENT PROMISE", "PAYMENT EXTENSION"];

type Params = Record<string, string | number | string[]>;

function query(params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  return search.toString();
}

/** What the calls list API counts for a filter: the independent reference. */
async function listTotal(request: APIRequestContext, params: Params): Promise<number> {
  const response = await request.get(`/api/calls?${query({ ...params, limit: 1 })}`);
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as { total: number; totalIsEstimate: boolean };
  expect(body.totalIsEstimate).toBe(false);
  return body.total;
}

const number = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));

/**
 * A figure on the page, polled: after a navigation or a control change the
 * cards stream in and a single read can see the previous period's value.
 */
const figure = (locator: Locator) => expect.poll(async () => number(await locator.textContent()));

async function period(page: Page) {
  const el = page.getByTestId("analytics-period");
  return { from: (await el.getAttribute("data-from"))!, to: (await el.getAttribute("data-to"))!, tz: (await el.getAttribute("data-tz"))! };
}

async function openAnalytics(page: Page, search: string) {
  await page.goto(`/analytics${search}`);
  for (const id of CHART_IDS) await expect(page.getByTestId(`widget-${id}`)).toBeVisible();
  // The charts are drawn in the browser: wait until recharts has painted bars.
  await expect(page.locator('[data-testid="widget-outcome-trend"] .recharts-bar-rectangle').first()).toBeVisible();
}

async function chartCsv(page: Page, chart: string): Promise<Record<string, string>[]> {
  const href = await page
    .getByTestId(`widget-${chart}`)
    .getByRole("link", { name: /as CSV/ })
    .getAttribute("href");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  expect(response.headers()["content-disposition"]).toMatch(/attachment; filename="analytics-/);
  const [header, ...rows] = parseCsv(await response.text());
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])));
}

const sum = (rows: Record<string, string>[], column: string) => rows.reduce((n, r) => n + Number(r[column] ?? 0), 0);

test.beforeEach(async ({ page }) => {
  await signIn(page, "manager");
});

test("every widget renders, and its figures equal the calls list's counts for the same filter", async ({ page }, testInfo) => {
  test.setTimeout(180_000); // a few dozen reference counts through the API
  await openAnalytics(page, "?tz=America/New_York&range=90d");
  const base = await period(page);
  expect(base.tz).toBe("America/New_York");
  await expect(page.getByTestId("analytics-zone")).toContainText("America/New York");
  await page.screenshot({ path: testInfo.outputPath("analytics-1440x900.png") });
  await page.screenshot({ path: testInfo.outputPath("analytics-full.png"), fullPage: true });

  const request = page.request;
  const total = await listTotal(request, base);
  expect(total).toBeGreaterThan(100);

  // KPI cards.
  await figure(page.getByTestId("kpi-calls")).toBe(total);
  const delivered = await listTotal(request, { ...base, deliveryStatus: "pass" });
  await expect(page.getByTestId("kpi-deliveryRate")).toHaveText(`${((delivered / total) * 100).toFixed(1)}%`);
  const promised = await listTotal(request, { ...base, correctedOutcome: PROMISES });
  await expect(page.getByTestId("kpi-promiseRate")).toHaveText(`${((promised / total) * 100).toFixed(1)}%`);

  // Funnel.
  const funnel = page.getByTestId("widget-funnel");
  const connected = { ...base, deliveryStatus: "pass", providerStatus: "pass" };
  await figure(funnel.getByTestId("funnel-calls")).toBe(total);
  await figure(funnel.getByTestId("funnel-delivered")).toBe(delivered);
  await figure(funnel.getByTestId("funnel-connected")).toBe(await listTotal(request, connected));
  await figure(funnel.getByTestId("funnel-promises")).toBe(await listTotal(request, { ...connected, correctedOutcome: PROMISES }));

  // Outcome mix: every outcome's count, and they add up.
  const shares = page.getByTestId("outcome-share");
  let mixTotal = 0;
  for (const item of await shares.all()) {
    const value = (await item.getAttribute("data-value"))!;
    const calls = Number(await item.getAttribute("data-calls"));
    mixTotal += calls;
    if (value) expect(calls, value).toBe(await listTotal(request, { ...base, correctedOutcome: value }));
  }
  expect(mixTotal).toBe(total);

  // Projects: each row.
  for (const row of await page.getByTestId("projects-row").all()) {
    const key = (await row.getAttribute("data-key"))!;
    if (key)
      await expect
        .poll(async () => number(await row.getByTestId("projects-calls").textContent()), key)
        .toBe(await listTotal(request, { ...base, project: key }));
  }

  // Charts' data (the CSV is the chart's own query): totals, and per series.
  const trend = await chartCsv(page, "outcome-trend");
  expect(trend.length).toBe(90); // one row per day, empty days included
  expect(sum(trend, "total")).toBe(total);
  expect(sum(trend, "PAYMENT PROMISE")).toBe(await listTotal(request, { ...base, correctedOutcome: "PAYMENT PROMISE" }));
  const sentiment = await chartCsv(page, "sentiment-trend");
  expect(sum(sentiment, "total")).toBe(total);
  expect(sum(sentiment, "NEGATIVE")).toBe(await listTotal(request, { ...base, correctedSentiment: "NEGATIVE" }));
  expect(sum(await chartCsv(page, "numbers"), "calls")).toBe(total);
  const durations = await chartCsv(page, "durations");
  expect(sum(durations, "calls")).toBe(total);
  const notInterested = durations.find((r) => r.outcome === "NOT INTERESTED")!;
  expect(Number(notInterested["1–2 min"])).toBe(
    await listTotal(request, { ...base, correctedOutcome: "NOT INTERESTED", durationMin: 60, durationMax: 119 }),
  );
});

test("changing the period and the bucket size updates the URL and every chart", async ({ page }) => {
  test.setTimeout(120_000);
  await openAnalytics(page, "?tz=Asia/Kolkata&range=30d");
  await figure(page.getByTestId("kpi-calls")).toBeGreaterThan(0);
  const thirty = number(await page.getByTestId("kpi-calls").textContent());

  await page.getByRole("group", { name: "Period" }).getByRole("button", { name: "7 days" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect
    .poll(async () => {
      const p = await period(page);
      return (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000;
    })
    .toBe(6);
  const week = await period(page);
  await expect(page.getByTestId("kpi-calls")).not.toHaveText(thirty.toLocaleString("en-US"));
  await figure(page.getByTestId("kpi-calls")).toBe(await listTotal(page.request, week));
  await expect(page.locator('[data-testid="widget-outcome-trend"] .sr-only tbody tr')).toHaveCount(7);

  await page.getByRole("group", { name: "Group by" }).getByRole("button", { name: "Week" }).click();
  await expect(page).toHaveURL(/granularity=week/);
  // Seven days span one or two Monday-based weeks.
  const buckets = page.locator('[data-testid="widget-outcome-trend"] .sr-only tbody tr');
  await expect.poll(() => buckets.count()).toBeLessThanOrEqual(2);
  expect(await buckets.count()).toBeGreaterThanOrEqual(1);

  await page.getByTestId("analytics-custom-range").click();
  await page.getByLabel("From", { exact: true }).fill("2026-10-01");
  await page.getByLabel("To", { exact: true }).fill("2026-10-31");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/range=custom.*from=2026-10-01.*to=2026-10-31|from=2026-10-01.*to=2026-10-31/);
  await expect(page.getByTestId("analytics-period")).toHaveAttribute("data-to", "2026-10-31");
  await figure(page.getByTestId("kpi-calls")).toBe(
    await listTotal(page.request, { from: "2026-10-01", to: "2026-10-31", tz: "Asia/Kolkata" }),
  );

  // Filters use the calls list's keys.
  await page.getByTestId("analytics-filter-outcome").click();
  await page.getByRole("checkbox", { name: /Wrong number/ }).click();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/outcome=WRONG\+NUMBER/);
  await expect(page.getByTestId("outcome-share")).toHaveCount(1);
  await figure(page.getByTestId("kpi-calls")).toBe(
    await listTotal(page.request, { from: "2026-10-01", to: "2026-10-31", tz: "Asia/Kolkata", correctedOutcome: "WRONG NUMBER" }),
  );
});

test("clicking a bar, a funnel step or a project opens the calls list with that filter and the same count", async ({ page }) => {
  test.setTimeout(120_000);
  await openAnalytics(page, "?tz=America/New_York&range=30d");
  const base = await period(page);
  const trend = await chartCsv(page, "outcome-trend");

  // A bar segment: the tallest "Not interested" segment (bars are drawn one layer per series, in the CSV's column order).
  const series = Object.keys(trend[0]!).slice(4);
  expect(series).toContain("NOT INTERESTED");
  const segments = page.locator('[data-testid="widget-outcome-trend"] .recharts-bar').nth(series.indexOf("NOT INTERESTED")).locator("path");
  await expect(segments.first()).toBeVisible();
  const heights = await segments.evaluateAll((paths) => paths.map((p) => p.getBoundingClientRect().height));
  await segments.nth(heights.indexOf(Math.max(...heights))).click();
  await expect(page).toHaveURL(/\/calls\?/);
  const url = new URL(page.url());
  // The page counts corrected values (the default), so the list filters on the corrected outcome.
  expect(url.searchParams.getAll("correctedOutcome")).toEqual(["NOT INTERESTED"]);
  expect(url.searchParams.get("tz")).toBe(base.tz);
  const day = trend.find((r) => r.from === url.searchParams.get("from"))!;
  expect(url.searchParams.get("to")).toBe(day.to);
  expect(Number(day["NOT INTERESTED"])).toBeGreaterThan(0);
  await expect(page.getByTestId("calls-total")).toContainText(`${Number(day["NOT INTERESTED"]).toLocaleString("en-US")} call`);

  // A funnel step.
  await openAnalytics(page, "?tz=America/New_York&range=30d");
  const connected = number(await page.getByTestId("funnel-connected").textContent());
  await page.getByRole("link", { name: /^Connected\b.*open these calls$/ }).click();
  await expect(page).toHaveURL(/deliveryStatus=pass/);
  expect(new URL(page.url()).searchParams.get("providerStatus")).toBe("pass");
  await expect(page.getByTestId("calls-total")).toContainText(`${connected.toLocaleString("en-US")} call`);

  // A project row.
  await openAnalytics(page, "?tz=America/New_York&range=30d");
  const row = page.getByTestId("projects-row").first();
  const project = (await row.getAttribute("data-key"))!;
  const calls = number(await row.getByTestId("projects-calls").textContent());
  await row.click();
  await expect(page).toHaveURL(new RegExp(`project=${project}`));
  await expect(page.getByTestId("calls-total")).toContainText(`${calls.toLocaleString("en-US")} call`);
});

test("odd URL values fall back to defaults instead of failing; an unknown chart's CSV is a 404", async ({ page }) => {
  const response = await page.goto("/analytics?range=fortnight&from=2026-02-31&to=yesterday&tz=Mars%2FOlympus&granularity=year&outcome=");
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("widget-kpis")).toBeVisible();
  await expect(page.getByRole("group", { name: "Period" }).getByRole("button", { name: "30 days" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  const csv = await page.request.get("/api/analytics/everything?range=7d");
  expect(csv.status()).toBe(404);
  expect((await csv.json()).error).toBe("not_found");
});

test.describe("in the viewer's browser time zone", () => {
  test.use({ timezoneId: "Asia/Kolkata" });

  test("days are the browser's days when the URL names no zone, and the page says so", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/analytics");
    // Chromium names the zone by its older alias, Asia/Calcutta: the same zone.
    // The first render uses UTC; the page then stores the browser's zone and re-renders
    // (a whole analytics render: slow on a loaded CI machine, hence the longer wait).
    await expect(page.getByTestId("analytics-zone")).toContainText(/Asia\/(Kolkata|Calcutta) \(UTC\+05:30\)/, { timeout: 45_000 });
    const zone = await page.getByTestId("analytics-period").getAttribute("data-tz");
    expect(zone).toMatch(/^Asia\/(Kolkata|Calcutta)$/);
    // Drill-down links carry the zone, so the list reads the same days.
    const href = await page.getByTestId("outcome-share").first().getByRole("link").getAttribute("href");
    expect(new URL(href!, "http://x").searchParams.get("tz")).toBe(zone);
  });
});

test("an agent cannot open analytics or download its data", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "agent");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Analytics" })).toHaveCount(0);
  const response = await page.goto("/analytics");
  expect(response?.status()).toBe(403);
  await expect(page.getByText("Your role cannot open this page")).toBeVisible();
  expect((await page.request.get("/api/analytics/kpis")).status()).toBe(403);
  await context.close();
});

test("a manager sees the promise-kept rate and drills into the broken promises", async ({ page }) => {
  await page.goto("/analytics?tz=America/New_York&range=90d");
  const widget = page.getByTestId("widget-accounts");
  await expect(widget).toBeVisible();
  const rows = await chartCsv(page, "accounts");
  const kept = rows.find((r) => r.figure === "promise_kept_rate")!;
  // The tile shows the CSV's figure (kept / (kept + broken), kept late counted as kept).
  const expected = kept.value === "" ? "–" : `${(Number(kept.value) * 100).toFixed(1)}%`;
  await expect(page.getByTestId("account-kpi-keptRate")).toHaveText(expected);
  await expect(widget).toContainText(/paid late count as kept/);
  // The drill-down opens the accounts list filtered on broken promises (the list is its own page).
  const link = page.getByTestId("account-kpi-keptRate-link");
  await expect(link).toHaveAttribute("href", "/accounts?broken=true");
  await expect(link).toHaveAccessibleName(/broken/);
  await link.click();
  await expect(page).toHaveURL(/\/accounts\?broken=true/);
  await expect(page.getByTestId("filter-broken").first()).toHaveAttribute("aria-pressed", "true");
  await page.goBack();

  // The heatmap: one tab stop, arrows move, the focused cell's figures are shown.
  const heat = page.getByTestId("widget-best-time");
  const first = heat.locator("td[tabindex='0']");
  await first.focus();
  await page.keyboard.press("ArrowRight");
  await expect(heat.locator("td[tabindex='0']")).toHaveAttribute("data-cell", "1-10");
  await expect(page.getByTestId("best-time-detail")).toContainText(/Monday 10:00–11:00/);
  const cells = await chartCsv(page, "best-time");
  expect(cells.every((c) => Number(c.calls) >= 20 === (c.enough_calls === "true"))).toBe(true);
});
