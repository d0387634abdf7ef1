import { beforeAll, describe, expect, it } from "vitest";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import { insertCall, TEST_AGENT } from "@/lib/testing/calls";
import { testPool, useTestDatabase } from "@/lib/testing/database";
import { GET as oneCall } from "./[id]/route";
import { GET as listCalls } from "./route";

describe("list rows never carry a large metadata object whole", () => {
  useTestDatabase();
  let bigId = "";

  beforeAll(async () => {
    const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`key_${i}`, `value ${i}`]));
    bigId = (await insertCall(testPool(), { providerCallId: "big-metadata", metadata: { requestMetadata: many } })).id;
    await insertCall(testPool(), { providerCallId: "small-metadata", metadata: { requestMetadata: { project_id: "p1" } } });
  });

  it("the list answers a stub for the big one and the whole small one; the single call has all of it", async () => {
    const res = await runAsTrustedViewer(TEST_AGENT, () => listCalls(new Request("http://localhost/api/calls?limit=10"), undefined));
    const text = await res.text();
    expect(text.length).toBeLessThan(20_000);
    const items = (JSON.parse(text) as { items: { providerCallId: string; metadata: Record<string, unknown> }[] }).items;
    expect(items.find((i) => i.providerCallId === "big-metadata")!.metadata).toEqual({ truncated: true, storedBytes: expect.any(Number) });
    expect(items.find((i) => i.providerCallId === "small-metadata")!.metadata).toEqual({ requestMetadata: { project_id: "p1" } });
    const one = await runAsTrustedViewer(TEST_AGENT, () =>
      oneCall(new Request(`http://localhost/api/calls/${bigId}`), { params: Promise.resolve({ id: bigId }) }),
    );
    const whole = (await one.json()) as { metadata: { requestMetadata: Record<string, string> } };
    expect(Object.keys(whole.metadata.requestMetadata)).toHaveLength(10_000);
  });
});
