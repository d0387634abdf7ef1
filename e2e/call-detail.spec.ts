import { test as base, expect, type Page } from "@playwright/test";
import { signIn } from "./fixtures/auth";

/**
 * The call detail page against the production build and the demo data: the
 * showcase calls (lib/demo/showcase.ts) are found by requestMetadata.extra_id.
 */

const ids = new Map<string, string>();

/** The showcase calls were received in the last day: one API page of that day holds them. */
async function callId(page: Page, extraId: string): Promise<string> {
  const cached = ids.get(extraId);
  if (cached) return cached;
  const from = new Date(Date.now() - 2 * 24 * 3600_000).toISOString();
  const response = await page.request.get(`/api/calls?from=${encodeURIComponent(from)}&limit=200`);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { items: { id: string; metadata: { requestMetadata?: { extra_id?: unknown } } }[] };
  for (const item of body.items) {
    const extra = item.metadata.requestMetadata?.extra_id;
    if (typeof extra === "string" && extra.startsWith("demo-")) ids.set(extra, item.id);
  }
  const id = ids.get(extraId);
  if (!id) throw new Error(`showcase call ${extraId} not found through GET /api/calls`);
  return id;
}

/** Opens a call and waits until the page is interactive (keyboard shortcuts are bound). */
async function openCall(page: Page, id: string): Promise<void> {
  await page.goto(`/calls/${id}`);
  await expect(page.locator('[data-testid="call-workspace"][data-hydrated="true"]')).toBeVisible();
}

async function audioTime(page: Page): Promise<number> {
  return page.locator("audio").evaluate((a: HTMLAudioElement) => a.currentTime);
}

/**
 * Sign in once per worker and reuse the session (sign-in itself is covered by
 * the auth specs; hashing a password per test only slows a busy machine).
 */
const test = base.extend<object, { agentState: string }>({
  agentState: [
    async ({ browser }, use, workerInfo) => {
      const page = await browser.newPage({ baseURL: workerInfo.project.use.baseURL, storageState: { cookies: [], origins: [] } });
      await signIn(page, "agent");
      const path = `${workerInfo.project.outputDir}/.auth-agent-${workerInfo.workerIndex}.json`;
      await page.context().storageState({ path });
      await page.close();
      await use(path);
    },
    { scope: "worker" },
  ],
  storageState: ({ agentState }, use) => use(agentState),
});

// Any alert/confirm/prompt would mean page text was executed as markup somewhere.
let dialogs: string[] = [];

test.beforeEach(async ({ page }) => {
  dialogs = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

test.afterEach(() => {
  expect(dialogs).toEqual([]);
});

test("a call opened from the list shows its transcript as turns, and prev/next stay in the filtered list", async ({ page }) => {
  await page.goto("/calls?outcome=PAYMENT+PROMISE");
  const row = page.locator("tbody tr[data-call-id]").nth(1);
  const rowId = await row.getAttribute("data-call-id");
  await row.locator("a[data-row-link]").click();
  await expect(page).toHaveURL(new RegExp(`/calls/${rowId}\\?.*outcome=PAYMENT`));
  await expect(page.getByTestId("transcript-turn").first()).toBeVisible();
  expect(await page.getByTestId("transcript-turn").count()).toBeGreaterThan(1);
  await expect(page.getByTestId("outcome-badge")).toHaveText("Payment promise");
  await expect(page.locator('[data-testid="call-workspace"][data-hydrated="true"]')).toBeVisible();

  // Next keeps the list's filter: the next call is a payment promise too.
  const before = page.url();
  await page.getByRole("link", { name: "Next call" }).click();
  await expect(page).not.toHaveURL(before);
  await expect(page).toHaveURL(/outcome=PAYMENT/);
  await expect(page.getByTestId("outcome-badge")).toHaveText("Payment promise");
  // …and `k` goes back to where we were.
  await page.keyboard.press("k");
  await expect(page).toHaveURL(before);
  await expect(page.getByRole("link", { name: "Back to calls" })).toHaveAttribute("href", /^\/calls\?.*outcome=PAYMENT/);
});

test("the recording plays, and seeking works from the buttons, the keyboard and the transcript", async ({ page }) => {
  const id = await callId(page, "demo-recording-1");
  await openCall(page, id);
  const player = page.getByTestId("audio-player");
  await expect(player).toBeVisible();
  await expect(page.getByTestId("total")).toHaveText(/^0:1\d$/);

  await player.getByRole("button", { name: "Play" }).click();
  await expect.poll(() => audioTime(page), { timeout: 10_000 }).toBeGreaterThan(0.5);
  await player.getByRole("button", { name: "Pause" }).click();

  const t0 = await audioTime(page);
  await player.getByRole("button", { name: "Forward 10 seconds" }).click();
  await expect.poll(() => audioTime(page)).toBeGreaterThan(t0 + 9);
  await player.getByRole("button", { name: "Back 10 seconds" }).click();
  await expect.poll(() => audioTime(page)).toBeLessThan(t0 + 1);

  // Keyboard: ← / → seek 5 s when focus is on the page (not in the search box).
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  const t1 = await audioTime(page);
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => audioTime(page)).toBeGreaterThan(t1 + 4);

  // Clicking the last turn seeks to its estimated position (its share of the text), marked approximate.
  const turns = page.getByTestId("transcript-turn");
  const last = turns.last();
  await expect(last.getByRole("button", { name: /Play from approximately/ })).toBeVisible();
  await expect(page.getByText(/approximate/i).first()).toBeVisible();
  await page
    .getByRole("button", { name: "Pause" })
    .or(page.getByRole("button", { name: "Play" }))
    .first()
    .focus();
  await last.locator("div").last().click();
  const duration = await page.locator("audio").evaluate((a: HTMLAudioElement) => a.duration);
  await expect.poll(() => audioTime(page)).toBeGreaterThan(duration * 0.6);
  await expect(last.locator("div").last()).toHaveClass(/ring-indigo-400/);

  // Speed.
  await player.getByRole("button", { name: "1.5×" }).click();
  // The click sets the rate on the next render: poll the element rather than read it once.
  await expect.poll(() => page.locator("audio").evaluate((a: HTMLAudioElement) => a.playbackRate)).toBe(1.5);
});

test("typing in the transcript search does not drive the player", async ({ page }) => {
  const id = await callId(page, "demo-recording-1");
  await openCall(page, id);
  const search = page.getByRole("searchbox", { name: "Search transcript" });
  await search.fill("pay");
  await search.press("Space");
  await search.press("ArrowLeft");
  await expect(search).toHaveValue("pay ");
  expect(await page.locator("audio").evaluate((a: HTMLAudioElement) => a.paused)).toBe(true);
});

test("the recording endpoint answers a Range request with 206 and refuses anonymous requests", async ({ page, playwright, baseURL }) => {
  const id = await callId(page, "demo-recording-2");
  const partial = await page.request.get(`/api/calls/${id}/recording`, { headers: { Range: "bytes=0-99" } });
  expect(partial.status()).toBe(206);
  expect(partial.headers()["content-range"]).toMatch(/^bytes 0-99\/\d+$/);
  expect(partial.headers()["accept-ranges"]).toBe("bytes");
  expect(partial.headers()["content-type"]).toBe("audio/mpeg");
  expect((await partial.body()).length).toBe(100);

  const size = Number(partial.headers()["content-range"]!.split("/")[1]);
  const unsatisfiable = await page.request.get(`/api/calls/${id}/recording`, { headers: { Range: `bytes=${size + 10}-` } });
  expect(unsatisfiable.status()).toBe(416);

  const download = await page.request.get(`/api/calls/${id}/recording?download=1`);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment; filename="call-.+\.mp3"/);

  // Explicitly empty: the test runner would otherwise hand the signed-in storage state to new request contexts.
  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const refused = await anonymous.get(`/api/calls/${id}/recording`, { headers: { Range: "bytes=0-99" } });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: "unauthenticated" });
  const refusedJson = await anonymous.get(`/api/calls/${id}`);
  expect(refusedJson.status()).toBe(401);
  await anonymous.dispose();

  const json = await page.request.get(`/api/calls/${id}`);
  expect(json.status()).toBe(200);
  expect(await json.json()).toMatchObject({
    id,
    transcription: expect.stringContaining("Agent: Hello"),
    recording: `/api/calls/${id}/recording`,
    metadata: { requestMetadata: { extra_id: "demo-recording-2" } },
  });
  expect((await page.request.get("/api/calls/not-a-call")).status()).toBe(404);
});

test("markup in a transcript renders inert, as literal text", async ({ page }) => {
  const id = await callId(page, "demo-xss");
  await openCall(page, id);
  const transcript = page.getByTestId("transcript");
  await expect(transcript.getByText("Send the receipt to <script>alert(1)</script> please.")).toBeVisible();
  await expect(transcript.getByText("Sure, it's <img src=x onerror=alert(1)> and I'll pay $250.00 on Friday.")).toBeVisible();
  await expect(page.getByText("<script>alert(1)</script> was noted", { exact: false })).toBeVisible();
  await expect(page.getByTestId("request-metadata").getByText("<img src=x onerror=alert(1)>")).toBeVisible();
  await expect(page.locator('main img[src="x"]')).toHaveCount(0);
  await expect(page.locator("main script", { hasText: "alert" })).toHaveCount(0);
  // No recording location at all for this call: a message, never a broken player.
  await expect(page.getByTestId("recording-message")).toContainText("No recording for this call");
  await expect(page.locator("audio")).toHaveCount(0);
});

test("a transcript without speaker labels reads as paragraphs; a missing file says so", async ({ page }) => {
  const id = await callId(page, "demo-plain-transcript");
  await openCall(page, id);
  await expect(page.getByTestId("transcript-paragraph")).toHaveCount(2);
  await expect(page.getByTestId("transcript-turn")).toHaveCount(0);
  await expect(page.getByTestId("recording-message")).toContainText("The recording is not available in storage");
  await expect(page.locator("audio")).toHaveCount(0);
});

test("in-transcript search highlights every match and steps through them", async ({ page }) => {
  const id = await callId(page, "demo-xss");
  await openCall(page, id);
  await page.keyboard.press("/");
  const search = page.getByRole("searchbox", { name: "Search transcript" });
  await expect(search).toBeFocused();
  await search.fill("friday");
  const marks = page.getByTestId("transcript").locator("mark");
  await expect(marks).toHaveCount(2);
  await expect(page.getByTestId("match-count")).toHaveText("1 of 2");
  await expect(marks.nth(0)).toHaveAttribute("aria-current", "true");
  await search.press("Enter");
  await expect(page.getByTestId("match-count")).toHaveText("2 of 2");
  await expect(marks.nth(1)).toHaveAttribute("aria-current", "true");
  await search.press("Enter");
  await expect(page.getByTestId("match-count")).toHaveText("1 of 2");
  await search.press("Shift+Enter");
  await expect(page.getByTestId("match-count")).toHaveText("2 of 2");
  await page.getByRole("button", { name: "Previous match (Shift+Enter)" }).click();
  await expect(page.getByTestId("match-count")).toHaveText("1 of 2");
  await search.fill("no such words");
  await expect(page.getByTestId("match-count")).toHaveText("No matches");
  await expect(marks).toHaveCount(0);
});

test("unknown and malformed call ids show the call's not-found page with HTTP 404", async ({ page }) => {
  for (const id of ["00000000-0000-4000-8000-000000000000", "definitely-not-a-uuid"]) {
    const response = await page.goto(`/calls/${id}`);
    expect(response?.status(), id).toBe(404);
    await expect(page.getByRole("heading", { name: "Call not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to calls" })).toBeVisible();
  }
});

test("raw delivery JSON is for admins only", async ({ page, browser, baseURL }) => {
  test.slow(); // a second sign-in (password hashing) on a shared machine
  const id = await callId(page, "demo-recording-1");
  await openCall(page, id);
  await expect(page.getByTestId("request-metadata")).toBeVisible();
  await expect(page.getByTestId("raw-deliveries")).toHaveCount(0);

  // A fresh, signed-out context (new pages would otherwise inherit the agent's storage state).
  const admin = await browser.newPage({ baseURL, storageState: { cookies: [], origins: [] } });
  await signIn(admin, "admin");
  await openCall(admin, id);
  await expect(admin.getByTestId("raw-deliveries")).toBeVisible();
  await admin.close();
});

test("screenshot: a call with a recording at 1440x900", async ({ page }, testInfo) => {
  const id = await callId(page, "demo-recording-1");
  await openCall(page, id);
  await expect(page.getByTestId("audio-player")).toBeVisible();
  await expect(page.getByTestId("total")).toHaveText(/^0:1\d$/);
  await page.getByRole("searchbox", { name: "Search transcript" }).fill("Friday");
  await page.screenshot({ path: testInfo.outputPath("call-detail.png") });
});
