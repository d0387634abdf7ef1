import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MetadataList } from "./metadata-list";
import { RawDeliveries } from "./raw-deliveries";

/** 100k nested arrays, built without recursion (what broke the call page with a stack overflow). */
function nestedArrays(depth: number): unknown {
  return JSON.parse("[".repeat(depth) + "]".repeat(depth));
}

const delivery = (body: unknown) => ({
  id: "d1",
  messageId: "msg_1",
  status: "processed",
  receivedAt: "2026-11-20T12:00:00.000Z",
  body,
  downloadHref: "/api/admin/deliveries/d1",
});

describe("the call page renders free-form values bounded, with a download for the whole", () => {
  it("150k metadata keys render as 50 rows and a download link, not 130 MB of HTML", () => {
    const many = Object.fromEntries(Array.from({ length: 150_000 }, (_, i) => [`key_${i}`, `value ${i}`]));
    const html = renderToStaticMarkup(<MetadataList metadata={many} downloadHref="/api/calls/c1" />);
    expect(html.length).toBeLessThan(20_000);
    expect(html).toContain("Showing 50 of 150,000 keys");
    expect(html).toContain('href="/api/calls/c1"');
    expect(html.match(/<dt/g)).toHaveLength(50);
  });

  it("cuts a long value short and says how much is left", () => {
    const html = renderToStaticMarkup(
      <MetadataList
        metadata={{ notes: "x".repeat(10_000), nested: nestedArrays(100_000), project_id: "p1" }}
        downloadHref="/api/calls/c1"
      />,
    );
    expect(html).toContain("9,500 more characters");
    expect(html).toContain("nested more than 32 levels deep");
    expect(html).toContain("p1");
    expect(html.length).toBeLessThan(5_000);
  });

  it("a raw delivery nested 100k levels deep renders (no stack overflow) and offers the download", () => {
    const html = renderToStaticMarkup(<RawDeliveries deliveries={[delivery({ providerCallId: "c", extra: nestedArrays(100_000) })]} />);
    expect(html).toContain("nested more than 32 levels deep");
    expect(html).toContain('href="/api/admin/deliveries/d1"');
  });

  it("a 2.3 MB raw delivery is cut to 20,000 characters", () => {
    const body = { metadata: { requestMetadata: Object.fromEntries(Array.from({ length: 150_000 }, (_, i) => [`k${i}`, i])) } };
    const html = renderToStaticMarkup(<RawDeliveries deliveries={[delivery(body)]} />);
    expect(html.length).toBeLessThan(40_000); // 20,000 characters, some escaped as HTML entities
    expect(html).toContain("download the raw body to read all of it");
  });

  it("small values are shown whole, with no truncation note", () => {
    const html = renderToStaticMarkup(
      <MetadataList metadata={{ project_id: "proj_123", tags: ["a", "b"] }} downloadHref="/api/calls/c1" />,
    );
    expect(html).toContain("proj_123");
    expect(html).toContain("[&quot;a&quot;,&quot;b&quot;]");
    expect(html).not.toContain("metadata-truncated");
  });
});
