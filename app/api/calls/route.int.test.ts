import { beforeAll, describe, expect, it } from "vitest";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import { prisma } from "@/lib/db/client";
import { insertCall, TEST_AGENT } from "@/lib/testing/calls";
import { parseCsv } from "@/lib/testing/csv";
import { testPool, useTestDatabase } from "@/lib/testing/database";
import { GET as analyticsCsv } from "../analytics/[chart]/route";
import { GET as oneCallRoute } from "./[id]/route";
import { GET as exportCsv } from "./export/route";
import { GET as listCallsRoute } from "./route";

const call = (url: string, handler = listCallsRoute) =>
  runAsTrustedViewer(TEST_AGENT, () => handler(new Request(`http://localhost${url}`), undefined));

describe("GET /api/calls and /api/calls/export", () => {
  useTestDatabase();
  const T0 = Date.parse("2026-11-20T12:00:00Z");

  beforeAll(async () => {
    const pool = testPool();
    for (let i = 0; i < 30; i++) {
      await insertCall(pool, {
        receivedAt: new Date(T0 - i * 60_000),
        callOutput: i % 3 === 0 ? "PAYMENT PROMISE" : i % 3 === 1 ? "WRONG NUMBER" : "NOT INTERESTED",
        sentimentOutput: i % 2 === 0 ? "NEGATIVE" : "POSITIVE",
        summary: i === 8 ? '=HYPERLINK("http://evil") said, "pay later"' : `Summary ${i}, with a comma`,
      });
    }
  });

  it("answers the documented contract: items with the payload's field names, nextCursor, total", async () => {
    const res = await call("/api/calls?outcome=PAYMENT%20PROMISE&outcome=WRONG%20NUMBER&limit=5");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { items: Record<string, unknown>[]; nextCursor: string | null; total: number };
    expect(body.total).toBe(20);
    expect(body.items).toHaveLength(5);
    expect(Object.keys(body.items[0]!).sort()).toEqual(
      [
        "id",
        "receivedAt",
        "deliveredAt",
        "providerCallId",
        "numberFrom",
        "numberTo",
        "providerStatus",
        "deliveryStatus",
        "duration",
        "summary",
        "endedReason",
        "callOutput",
        "callOutputReasoning",
        "sentimentOutput",
        "sentimentOutputReasoning",
        "recordingUrl",
        "metadata",
        "projectId",
        "recording",
        "accountId",
      ].sort(),
    );
    expect(body.items[0]).not.toHaveProperty("transcription");
    // A list item is the single-call JSON without the transcript: a client can treat them alike.
    const id = String(body.items[0]!.id);
    const oneRes = await runAsTrustedViewer(TEST_AGENT, () =>
      oneCallRoute(new Request(`http://localhost/api/calls/${id}`), { params: Promise.resolve({ id }) }),
    );
    const one = (await oneRes.json()) as Record<string, unknown>;
    const { transcription: _transcript, ...oneWithoutTranscript } = one;
    expect(body.items[0]).toEqual(oneWithoutTranscript);
    // Following nextCursor reaches every match exactly once.
    const ids = body.items.map((i) => i.id);
    let cursor = body.nextCursor;
    while (cursor) {
      const page = (await (
        await call(`/api/calls?outcome=PAYMENT%20PROMISE&outcome=WRONG%20NUMBER&limit=5&cursor=${cursor}`)
      ).json()) as typeof body;
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    }
    expect(new Set(ids).size).toBe(20);
  });

  it("includes highlights when searching", async () => {
    const body = (await (await call("/api/calls?q=comma&limit=2")).json()) as { items: { highlights: { text: string; hit: boolean }[] }[] };
    expect(body.items[0]!.highlights.filter((s) => s.hit).map((s) => s.text.toLowerCase())).toContain("comma");
  });

  it.each([
    ["/api/calls?limit=201", "limit"],
    ["/api/calls?from=last-week", "from"],
    ["/api/calls?outcomes=WRONG", "outcomes"],
    ["/api/calls?q=a&q=b", "q"],
    ["/api/calls?from=2026-11-20&to=2026-11-01", "from"],
    ["/api/calls?cursor=abc", "cursor"],
  ])("answers 400 with the reason for %s", async (url, path) => {
    const res = await call(url);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; message: string; issues: { path: string; message: string }[] };
    expect(body.error).toBe("bad_request");
    expect(body.issues.map((i) => i.path)).toContain(path);
    expect(body.message).toContain(path);
  });

  it("exports exactly the filtered rows as CSV, named after the filter, and records the export", async () => {
    const res = await call(
      "/api/calls/export?sentiment=NEGATIVE&outcome=PAYMENT%20PROMISE&outcome=NOT%20INTERESTED&limit=2&cursor=ignored",
      exportCsv,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /attachment; filename="calls_outcome-payment-promise\+not-interested_sentiment-negative_\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const [header, ...rows] = parseCsv(await res.text());
    const col = (name: string) => header!.indexOf(name);
    const api = (await (
      await call("/api/calls?sentiment=NEGATIVE&outcome=PAYMENT%20PROMISE&outcome=NOT%20INTERESTED&limit=200")
    ).json()) as { items: { id: string }[] };
    expect(rows.map((r) => r[col("id")])).toEqual(api.items.map((i) => i.id));
    expect(rows.length).toBe(10);
    for (const r of rows) expect(r[col("sentimentOutput")]).toBe("NEGATIVE");
    const risky = rows.find((r) => r[col("summary")]!.includes("HYPERLINK"));
    expect(risky?.[col("summary")]).toBe(`'=HYPERLINK("http://evil") said, "pay later"`);

    const audit = await prisma.auditEvent.findFirst({ where: { action: "calls.export" }, orderBy: { id: "desc" } });
    expect(audit?.details).toMatchObject({ filters: { outcome: ["PAYMENT PROMISE", "NOT INTERESTED"], sentiment: ["NEGATIVE"] } });
  });

  it("exports the rows of a search (q), with filters, in the list's order", async () => {
    for (const query of ["q=comma&sentiment=NEGATIVE", "q=%22pay%20later%22", "q=comma&sort=receivedAt.asc"]) {
      const res = await call(`/api/calls/export?${query}`, exportCsv);
      expect(res.status, query).toBe(200);
      const [header, ...rows] = parseCsv(await res.text());
      const api = (await (await call(`/api/calls?${query}&limit=200`)).json()) as { items: { id: string }[] };
      expect(api.items.length, query).toBeGreaterThan(0);
      expect(
        rows.map((r) => r[header!.indexOf("id")]),
        query,
      ).toEqual(api.items.map((i) => i.id));
    }
    const negative = parseCsv(await (await call("/api/calls/export?q=comma&sentiment=NEGATIVE", exportCsv)).text());
    // Calls 0, 2, …, 28 are negative; call 8's summary has no "comma".
    expect(negative.length - 1).toBe(14);
  });
});

describe("bad input is a 400, never a 500 (NUL bytes, runaway search operators, hand-made cursors)", () => {
  useTestDatabase();
  const MANAGER = { ...TEST_AGENT, id: "api_key:test-manager", role: "manager" as const };
  const analytics = (url: string) =>
    runAsTrustedViewer(MANAGER, () => analyticsCsv(new Request(`http://localhost${url}`), { params: Promise.resolve({ chart: "kpis" }) }));
  const cursor = (wire: Record<string, unknown>) =>
    Buffer.from(JSON.stringify({ v: 1, d: "n", i: "00000000-0000-4000-8000-000000000000", ...wire })).toString("base64url");

  beforeAll(async () => {
    await insertCall(testPool(), { summary: "Promised to pay on Friday" });
  });

  it.each(["q", "outcome", "project", "sentiment", "deliveryStatus", "providerStatus"])(
    "a NUL byte in %s → 400 on the list and the export",
    async (key) => {
      for (const route of ["/api/calls", "/api/calls/export"]) {
        const res = await call(`${route}?${key}=pay%00ment`, route.endsWith("export") ? exportCsv : listCallsRoute);
        expect(res.status, route).toBe(400);
        const body = (await res.json()) as { issues: { path: string }[] };
        expect(body.issues.map((i) => i.path)).toContain(key);
      }
    },
  );

  it.each(["outcome", "project", "sentiment"])("a NUL byte in %s → 400 on the analytics CSV", async (key) => {
    const res = await analytics(`/api/analytics/kpis?${key}=x%00y`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain(key);
  });

  it.each([
    ["50 dashes", "-".repeat(50)],
    ["200 spaced dashes", "- ".repeat(200)],
    ["dashes before a word", `${"-".repeat(60)}friday`],
  ])("a search of %s answers 200 (PostgreSQL's parser would overflow), list and export alike", async (_label, q) => {
    const list = await call(`/api/calls?q=${encodeURIComponent(q)}`);
    expect(list.status).toBe(200);
    const exported = await call(`/api/calls/export?q=${encodeURIComponent(q)}`, exportCsv);
    expect(exported.status).toBe(200);
    await exported.text();
  });

  it("negations keep their meaning when runs of dashes are folded: --friday matches, ---friday does not", async () => {
    const items = async (q: string) =>
      ((await (await call(`/api/calls?q=${encodeURIComponent(q)}`)).json()) as { items: unknown[] }).items.length;
    expect(await items("friday")).toBe(1);
    expect(await items("pay ---friday")).toBe(0);
    expect(await items("pay --friday")).toBe(1);
  });

  it.each([
    ["a relevance rank out of range", { s: "relevance", k: "1e999|2026-11-20T12:00:00.000Z" }, "/api/calls?q=friday&sort=relevance"],
    ["a negative huge rank", { s: "relevance", k: "-1e39|2026-11-20T12:00:00.000Z" }, "/api/calls?q=friday&sort=relevance"],
    ["a duration past int4", { s: "duration.desc", k: 1e20 }, "/api/calls?sort=duration.desc"],
    ["a time PostgreSQL cannot read", { s: "receivedAt.desc", k: "Tue, 01 Dec 2026 00:00:00 GMT+9999" }, "/api/calls"],
  ])("a hand-made cursor with %s → 400", async (_label, wire, url) => {
    const res = await call(`${url}&cursor=${cursor(wire)}`.replace("/api/calls&", "/api/calls?"));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain("cursor");
  });
});
