import { Webhook } from "svix";
import { describe, expect, it } from "vitest";
import { generateTestSecret } from "../testing/svix";
import { fastSigner } from "./ingest";

describe("bench:ingest signer", () => {
  it("produces signatures the svix library accepts, identical to Webhook.sign", () => {
    const secret = generateTestSecret();
    const raw = JSON.stringify({ providerCallId: "abc", transcription: "Zürich 😀" });
    const headers = fastSigner(secret)(raw, "msg_1");
    const webhook = new Webhook(secret);
    expect(webhook.verify(raw, headers)).toEqual(JSON.parse(raw));
    expect(headers["svix-signature"]).toBe(webhook.sign("msg_1", new Date(Number(headers["svix-timestamp"]) * 1000), raw));
  });
});
