import { describe, expect, it } from "vitest";
import { buildPayload, envelope } from "../testing/payload-factory";
import { classifyDelivery, parseRawBody } from "./classify";

describe("classifyDelivery", () => {
  it("takes the call fields from the top level or from { type, data }", () => {
    const payload = buildPayload();
    for (const body of [payload, envelope(payload), { type: "phone_call.ended", ...payload }]) {
      const result = classifyDelivery({ json: body });
      expect(result.kind).toBe("call");
      if (result.kind === "call") expect(result.call.providerCallId).toBe(payload.providerCallId);
    }
  });

  it("ignores other event types, whatever their data", () => {
    expect(classifyDelivery({ json: { type: "message.attempt.exhausted", data: 1 } })).toEqual({
      kind: "ignored",
      eventType: "message.attempt.exhausted",
    });
  });

  it("lists every failing path, prefixed with data. inside an envelope", () => {
    const result = classifyDelivery({ json: envelope({ ...buildPayload(), numberFrom: 5, duration: -1 }) });
    expect(result.kind).toBe("invalid");
    if (result.kind !== "invalid") return;
    expect(result.error.issues?.map((i) => i.path)).toEqual(["data.numberFrom", "data.duration"]);
    expect(result.error.message).toMatch(/data\.numberFrom: must be a string; data\.duration: must not be negative/);
  });

  it("keeps the providerCallId of an invalid payload for the admin's inbox view", () => {
    const result = classifyDelivery({ json: { ...buildPayload({ providerCallId: "call-1" }), duration: "long" } });
    expect(result).toMatchObject({ kind: "invalid", providerCallId: "call-1", eventType: "phone_call.ended" });
  });

  it("rejects a non-string type and non-object bodies", () => {
    expect(classifyDelivery({ json: { type: 7, data: {} } })).toMatchObject({ kind: "invalid", error: { issues: [{ path: "type" }] } });
    expect(classifyDelivery({ json: [buildPayload()] })).toMatchObject({ kind: "invalid", error: { issues: [{ path: "(root)" }] } });
  });

  it("says when the body is not JSON", () => {
    const parsed = parseRawBody("{not json");
    expect("notJson" in parsed).toBe(true);
    expect(classifyDelivery(parsed)).toMatchObject({ kind: "invalid", error: { kind: "not_json" } });
  });

  it("treats blank labels as absent instead of rejecting the call, and normalises phone formatting", () => {
    const result = classifyDelivery({ json: buildPayload({ callOutput: " ", providerStatus: "", numberTo: "+971 58 542-0805" }) });
    expect(result).toMatchObject({ kind: "call", call: { callOutput: null, providerStatus: null, numberTo: "+971585420805" } });
  });

  it("refuses metadata nested deeper than PostgreSQL's jsonb can take safely", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const result = classifyDelivery({ json: buildPayload({ metadata: { requestMetadata: { deep } } }) });
    expect(result).toMatchObject({ kind: "invalid", error: { issues: [{ path: "metadata" }] } });
  });
});
