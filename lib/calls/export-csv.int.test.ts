import { beforeAll, describe, expect, it } from "vitest";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import { insertCall, TEST_AGENT } from "@/lib/testing/calls";
import { parseCsv } from "@/lib/testing/csv";
import { testPool, useTestDatabase } from "@/lib/testing/database";
import { csvStream, iterateMatchingCalls, startCallsExport } from "./export";
import { NO_FILTERS } from "./filters";

const asAgent = <T>(fn: () => Promise<T>) => runAsTrustedViewer(TEST_AGENT, fn);

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("the calls CSV export: cells that would break a spreadsheet, and failures", () => {
  useTestDatabase();
  const T0 = Date.parse("2026-11-20T12:00:00Z");

  beforeAll(async () => {
    const pool = testPool();
    const tricky = ["line one\n=1+1", "line one\r=1+2", "\t=cmd|' /C calc'!A0", "\r=1+3", '"quoted", and more\r\n-2+3+cmd|x'];
    for (const [i, summary] of tricky.entries()) {
      await insertCall(pool, { receivedAt: new Date(T0 + i * 1000), summary, callOutput: i === 0 ? "=1+1" : "PAYMENT PROMISE" });
    }
    // More than one 2,000-row batch, so the export reads from the database after the response has started.
    for (let i = 0; i < 2_001; i++) await insertCall(pool, { receivedAt: new Date(T0 - (i + 1) * 1000), summary: `Plain ${i}` });
  }, 120_000);

  it("keeps multi-line cells in their row and neutralises leading =, TAB and CR in every column", async () => {
    const { stream } = await asAgent(() => startCallsExport(NO_FILTERS, "receivedAt.desc"));
    const rows = parseCsv(await readAll(stream));
    const header = rows[0]!;
    const summary = header.indexOf("summary");
    const outcome = header.indexOf("callOutput");
    expect(rows).toHaveLength(1 + 5 + 2_001);
    expect(new Set(rows.map((r) => r.length))).toEqual(new Set([header.length]));
    expect(rows.slice(1, 6).map((r) => r[summary])).toEqual([
      '"quoted", and more\r\n-2+3+cmd|x',
      "'\r=1+3",
      "'\t=cmd|' /C calc'!A0",
      "line one\r=1+2",
      "line one\n=1+1",
    ]);
    expect(rows[5]![outcome]).toBe("'=1+1");
    // No row of the file starts with a live formula (a bare LF/CR written unquoted would start one).
    expect(rows.filter((r) => /^[=+@\t\r]/.test(r[0]!))).toEqual([]);
  });

  it("a failure after the response started errors the stream instead of ending it like a complete file", async () => {
    const { stream } = await asAgent(() => startCallsExport(NO_FILTERS, "receivedAt.desc"));
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let received = decoder.decode((await reader.read()).value); // header
    received += decoder.decode((await reader.read()).value); // first 2,000 rows
    // A slow client: nothing may be read from the database until it asks for the next chunk.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const pool = testPool();
    await pool.query("ALTER TABLE calls RENAME TO calls_gone");
    try {
      await expect(reader.read()).rejects.toThrow(/calls/);
    } finally {
      await pool.query("ALTER TABLE calls_gone RENAME TO calls");
    }
    expect(parseCsv(received)).toHaveLength(1 + 2_000);
  });

  it("a failure before the first row answers with an error, not a 200 with a header-only file", async () => {
    const pool = testPool();
    await pool.query("ALTER TABLE calls RENAME TO calls_gone");
    try {
      await expect(asAgent(() => startCallsExport(NO_FILTERS, "receivedAt.desc"))).rejects.toThrow();
    } finally {
      await pool.query("ALTER TABLE calls_gone RENAME TO calls");
    }
  });

  it("the stream ends cleanly when every batch was written", async () => {
    const text = await asAgent(() => readAll(csvStream(iterateMatchingCalls({ ...NO_FILTERS, q: "quoted" }, "receivedAt.desc"))));
    expect(parseCsv(text)).toHaveLength(2);
  });
});
