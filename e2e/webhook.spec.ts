import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { E2E_WEBHOOK_SECRET } from "../lib/testing/e2e-env";
import { buildPayload } from "../lib/testing/payload-factory";
import { signDelivery } from "../lib/testing/svix";
import { signIn } from "./fixtures/auth";

/**
 * The webhook through the real production server (proxy, Next's HTTP stack,
 * the real database): what Levers' Svix sender would see.
 */
const WEBHOOK = "/api/webhooks/levers";

function signed(raw: string, id?: string) {
  return { "content-type": "application/json", ...signDelivery(raw, E2E_WEBHOOK_SECRET, { id }) };
}

test("a signed delivery posted to the running app appears in the calls list and opens", async ({ page, request }) => {
  const token = `Webhook e2e ${randomBytes(4).toString("hex")}`;
  const payload = buildPayload({
    summary: `${token}: the contact promised to pay on Friday.`,
    callOutput: "PAYMENT PROMISE",
    sentimentOutput: "POSITIVE",
    transcription: `AI: Hello, this is Ava from Acme Collections.\nUser: ${token}, I will pay on Friday.`,
  });
  const raw = JSON.stringify(payload);
  const headers = signed(raw);

  const response = await request.post(WEBHOOK, { data: raw, headers });
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as { status: string; callId: string };
  expect(body.status).toBe("processed");

  // Svix retrying the same message changes nothing.
  const retry = await request.post(WEBHOOK, { data: raw, headers: signed(raw, headers["svix-id"]) });
  expect(await retry.json()).toMatchObject({ status: "duplicate", callId: body.callId });

  await signIn(page, "agent", { next: "/calls" });
  await page.goto("/calls");
  const row = page.getByRole("row").filter({ hasText: token });
  await expect(row).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath("calls-with-webhook-delivery.png") });

  await page.goto(`/calls/${body.callId}`);
  await expect(page.getByText(token).first()).toBeVisible();
});

test("the real server refuses forged, oversized and malformed deliveries with the documented codes", async ({ request }) => {
  const raw = JSON.stringify(buildPayload());
  const forged = { ...signed(raw), "svix-signature": signed(`${raw} `)["svix-signature"] };
  expect((await request.post(WEBHOOK, { data: raw, headers: forged })).status()).toBe(401);
  expect((await request.post(WEBHOOK, { data: raw, headers: { "content-type": "application/json" } })).status()).toBe(401);

  const big = JSON.stringify(buildPayload({ transcription: "x".repeat(6 * 1024 * 1024) }));
  expect((await request.post(WEBHOOK, { data: big, headers: signed(big) })).status()).toBe(413);

  const invalid = JSON.stringify({ ...buildPayload(), duration: -5 });
  const answer = await request.post(WEBHOOK, { data: invalid, headers: signed(invalid) });
  expect(answer.status()).toBe(422);
  expect(await answer.json()).toMatchObject({ issues: [{ path: "duration" }] });
});

test("a 4 MiB transcript is accepted through the real HTTP stack", async ({ request }) => {
  const transcription = `User: ${"we talked about the balance and the plan. ".repeat(100_000)}`;
  const raw = JSON.stringify(buildPayload({ transcription }));
  expect(raw.length).toBeGreaterThan(4 * 1024 * 1024);
  const response = await request.post(WEBHOOK, { data: raw, headers: signed(raw) });
  expect(response.status(), await response.text()).toBe(200);
});
