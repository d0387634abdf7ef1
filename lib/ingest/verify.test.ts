import { describe, expect, it } from "vitest";
import { generateTestSecret, signDelivery } from "../testing/svix";
import { InvalidSignatureError, WebhookNotConfiguredError } from "./errors";
import { verifyDelivery, webhookVerifiers } from "./verify";

const SECRET = generateTestSecret();

describe("webhookVerifiers", () => {
  it("reads one secret or a comma-separated list, skipping blanks", () => {
    expect(webhookVerifiers(SECRET)).toHaveLength(1);
    expect(webhookVerifiers(` ${SECRET} ,, ${generateTestSecret()} `)).toHaveLength(2);
  });

  it("refuses to run without a usable secret", () => {
    expect(() => webhookVerifiers("")).toThrow(WebhookNotConfiguredError);
    expect(() => webhookVerifiers(" , ")).toThrow(WebhookNotConfiguredError);
  });
});

describe("verifyDelivery", () => {
  const body = JSON.stringify({ hello: "world" });

  it("returns the message id, the signing time and the parsed body", () => {
    const at = new Date(Date.now() - 30_000);
    const headers = signDelivery(body, SECRET, { id: "msg_1", timestamp: at });
    const result = verifyDelivery(body, headers, webhookVerifiers(SECRET));
    expect(result).toEqual({
      messageId: "msg_1",
      sentAt: new Date(Math.floor(at.getTime() / 1000) * 1000),
      body: { json: { hello: "world" } },
    });
  });

  it("tells an authentic non-JSON body apart from a forged one", () => {
    const raw = "not json";
    const headers = signDelivery(raw, SECRET);
    expect(verifyDelivery(raw, headers, webhookVerifiers(SECRET)).body).toHaveProperty("notJson");
    expect(() => verifyDelivery(raw, headers, webhookVerifiers(generateTestSecret()))).toThrow(InvalidSignatureError);
  });

  it("says why a signature is refused", () => {
    const stale = signDelivery(body, SECRET, { timestamp: new Date(Date.now() - 10 * 60_000) });
    expect(() => verifyDelivery(body, stale, webhookVerifiers(SECRET))).toThrow(/too old/);
    const garbage = { ...signDelivery(body, SECRET), "svix-timestamp": "soon" };
    expect(() => verifyDelivery(body, garbage, webhookVerifiers(SECRET))).toThrow(/Invalid svix-timestamp/);
    expect(() => verifyDelivery(body, { "svix-id": "x" }, webhookVerifiers(SECRET))).toThrow(/Missing/);
  });
});
