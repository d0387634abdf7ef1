import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportCsv } from "@/app/api/calls/export/route";
import { GET as listCallsRoute } from "@/app/api/calls/route";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import { TEST_AGENT } from "@/lib/testing/calls";
import { parseCsv } from "@/lib/testing/csv";
import { testPool, useTestDatabase } from "@/lib/testing/database";

/**
 * The export reads the calls in batches of 2,000, each batch continuing from
 * the last row of the one before. With more rows than one batch, and with
 * long runs of equal sort keys across each boundary, every call must be in
 * the file exactly once, in the list's order: the ids match what paging
 * through GET /api/calls returns.
 */
const N = 4_350;
const call = (url: string, handler: typeof listCallsRoute) =>
  runAsTrustedViewer(TEST_AGENT, () => handler(new Request(`http://localhost${url}`), undefined));

async function exportedIds(query: string): Promise<string[]> {
  const res = await call(`/api/calls/export?${query}`, exportCsv);
  expect(res.status).toBe(200);
  const [header, ...rows] = parseCsv(await res.text());
  const id = header!.indexOf("id");
  return rows.map((r) => r[id]!);
}

async function listedIds(query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await call(`/api/calls?${query}&limit=200${cursor ? `&cursor=${cursor}` : ""}`, listCallsRoute);
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe("CSV export larger than one batch", () => {
  useTestDatabase();
  let all: string[] = [];

  beforeAll(async () => {
    // 150 calls share each received_at, and durations repeat every 7 calls:
    // batch boundaries (rows 2,000 and 4,000) fall inside runs of equal keys.
    const { rows } = await testPool().query<{ id: string }>(
      `INSERT INTO calls (provider_call_id, number_from, number_to, duration, call_output, sentiment_output, received_at)
       SELECT 'export-batch-' || i, '+15550000001', '+15551230000', i % 7,
              CASE WHEN i % 2 = 0 THEN 'PAYMENT PROMISE' ELSE 'WRONG NUMBER' END, 'NEUTRAL',
              timestamptz '2026-11-20T12:00:00Z' - (i / 150) * interval '1 minute'
         FROM generate_series(1, $1::int) AS i
       RETURNING id`,
      [N],
    );
    all = rows.map((r) => r.id).sort();
  });

  for (const [label, query] of [
    ["newest first (the default)", "sort=receivedAt.desc"],
    ["shortest first", "sort=duration.asc"],
  ] as const) {
    it(`${label}: every call exactly once, in the list's order`, async () => {
      const exported = await exportedIds(query);
      expect(exported).toHaveLength(N);
      expect(new Set(exported).size).toBe(N); // no duplicate at a boundary
      expect([...exported].sort()).toEqual(all); // no gap
      expect(exported).toEqual(await listedIds(query));
    });
  }

  it("a filtered export over more than one batch matches the filtered list", async () => {
    const query = "outcome=PAYMENT%20PROMISE&sort=duration.desc";
    const exported = await exportedIds(query);
    expect(exported).toHaveLength(Math.floor(N / 2));
    expect(new Set(exported).size).toBe(exported.length);
    expect(exported).toEqual(await listedIds(query));
  });
});
