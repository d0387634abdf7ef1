import { describe, expect, it } from "vitest";
import { BodyTooLargeError } from "./errors";
import { readBodyCapped } from "./read-body";

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://x/", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readBodyCapped", () => {
  it("reads a body up to the limit exactly, byte for byte (BOM and multi-byte characters included)", async () => {
    const text = '\uFEFF{"a":"é😀"}';
    expect(await readBodyCapped(post(text))).toBe(text);
    const limit = new TextEncoder().encode(text).byteLength;
    expect(await readBodyCapped(post(text), limit)).toBe(text);
    await expect(readBodyCapped(post(text), limit - 1)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it("refuses by Content-Length before reading anything", async () => {
    let pulled = false;
    const stream = new ReadableStream({
      pull(controller) {
        pulled = true;
        controller.close();
      },
    });
    await expect(readBodyCapped(post(stream, { "content-length": "999999999" }), 1000)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(pulled).toBe(false);
  });

  it("stops reading a stream that grows past the limit", async () => {
    let chunks = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        chunks++;
        controller.enqueue(new Uint8Array(400));
      },
    });
    await expect(readBodyCapped(post(stream), 1000)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(chunks).toBeLessThan(6);
  });

  it("reads an empty body as an empty string", async () => {
    expect(await readBodyCapped(post(null))).toBe("");
  });
});
