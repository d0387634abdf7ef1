import { beforeAll, describe, expect, it } from "vitest";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import { insertCall, type SeededCall, TEST_AGENT } from "@/lib/testing/calls";
import { testPool, useTestDatabase } from "@/lib/testing/database";
import { type CallFilters, NO_FILTERS, toCallQuery } from "./filters";
import type { ListOptions } from "./list-query";
import { getFacets, listCalls } from "./queries";
import type { CallSort } from "./search-params";

const OUTCOMES = [
  "PAYMENT PROMISE",
  "WRONG NUMBER",
  "CALL BACK REQUESTED",
  "NOT INTERESTED",
  "PAYMENT EXTENSION",
  "PAYMENT COMPLETED",
  "CALL_RESULT",
];
const SENTIMENTS = ["POSITIVE", "NEUTRAL", "NEGATIVE"];
const PROJECTS = ["proj_a", "proj_b", "proj_c", null];
const T0 = Date.parse("2026-11-20T12:00:00Z");
const HOUR = 3_600_000;

const as = <T>(fn: () => Promise<T>) => runAsTrustedViewer(TEST_AGENT, fn);
const f = (o: Partial<CallFilters>): CallFilters => ({ ...NO_FILTERS, ...o });

async function allPages(filters: CallFilters, sort: CallSort, limit = 7, options: ListOptions = {}) {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await as(() => listCalls(filters, { sort, cursor, limit }, options));
    ids.push(...page.items.map((i) => i.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error("paging did not end");
}

describe("calls list queries (PostgreSQL)", () => {
  useTestDatabase();
  const seeded: SeededCall[] = [];

  beforeAll(async () => {
    const pool = testPool();
    for (let i = 0; i < 48; i++) {
      seeded.push(
        await insertCall(pool, {
          // Calls 10 and 11 share a timestamp: the id breaks the tie, so paging stays exact.
          receivedAt: new Date(T0 - (i === 11 ? 10 : i) * HOUR),
          callOutput: OUTCOMES[i % OUTCOMES.length],
          sentimentOutput: SENTIMENTS[i % 3],
          projectId: PROJECTS[i % 4] ?? null,
          duration: (i * 37) % 400,
          deliveryStatus: i % 5 === 0 ? "fail" : "pass",
          providerStatus: i % 6 === 0 ? "fail" : "pass",
          recordingUrl: i % 4 === 1 ? null : `levers-test-bucket:rec/${i}.mp3`,
          summary: i === 3 ? "Contact wants to refinance the loan before paying." : i % 9 === 0 ? null : `Routine call number ${i}.`,
          transcription: [
            "AI: Hello, this is Ava from Acme Collections.",
            i === 4 ? "User: Maybe I could refinance something next year." : "User: Yes, speaking.",
            i % 10 === 0 ? "User: Check the ledger, I promise to pay on Friday." : "AI: Thank you for your time.",
          ].join("\n"),
        }),
      );
    }
  });

  const expected = (pred: (c: SeededCall, i: number) => boolean) =>
    seeded
      .map((c, i) => ({ c, i }))
      .filter(({ c, i }) => pred(c, i))
      .sort((a, b) => b.c.receivedAt.getTime() - a.c.receivedAt.getTime() || (b.c.id < a.c.id ? -1 : 1))
      .map(({ c }) => c.id);

  it("lists newest first with an exact total and no cursor past the end", async () => {
    const page = await as(() => listCalls(NO_FILTERS, { sort: "receivedAt.desc", cursor: null, limit: 200 }));
    expect(page.items.map((i) => i.id)).toEqual(expected(() => true));
    expect(page.total).toBe(48);
    expect(page.totalIsEstimate).toBe(false);
    expect(page.nextCursor).toBeNull();
    expect(page.prevCursor).toBeNull();
    const first = page.items[0]!;
    expect(first).toMatchObject({ callOutput: "PAYMENT PROMISE", sentimentOutput: "POSITIVE", projectId: "proj_a", duration: 0 });
    expect(first.receivedAt).toBe(new Date(T0).toISOString());
  });

  it.each<[string, Partial<CallFilters>, (c: SeededCall, i: number) => boolean]>([
    ["outcome (one)", { outcome: ["WRONG NUMBER"] }, (_c, i) => i % 7 === 1],
    ["outcome (several, unknown value as sent)", { outcome: ["PAYMENT PROMISE", "CALL_RESULT"] }, (_c, i) => i % 7 === 0 || i % 7 === 6],
    ["sentiment", { sentiment: ["NEGATIVE", "NEUTRAL"] }, (_c, i) => i % 3 !== 0],
    [
      "outcome + sentiment",
      { outcome: ["WRONG NUMBER", "NOT INTERESTED"], sentiment: ["NEGATIVE"] },
      (_c, i) => (i % 7 === 1 || i % 7 === 3) && i % 3 === 2,
    ],
    ["project", { project: ["proj_b", "proj_c"] }, (_c, i) => i % 4 === 1 || i % 4 === 2],
    ["from (inclusive)", { from: new Date(T0 - 5 * HOUR) }, (c) => c.receivedAt.getTime() >= T0 - 5 * HOUR],
    ["to (exclusive)", { to: new Date(T0 - 40 * HOUR) }, (c) => c.receivedAt.getTime() < T0 - 40 * HOUR],
    ["delivery status", { deliveryStatus: "fail" }, (_c, i) => i % 5 === 0],
    ["provider status", { providerStatus: "pass" }, (_c, i) => i % 6 !== 0],
    ["duration range", { durationMin: 100, durationMax: 250 }, (c) => c.payload.duration >= 100 && c.payload.duration <= 250],
    ["has recording", { hasRecording: true }, (_c, i) => i % 4 !== 1],
    ["has no recording", { hasRecording: false }, (_c, i) => i % 4 === 1],
    [
      "every dimension at once",
      { outcome: ["PAYMENT PROMISE", "CALL_RESULT"], deliveryStatus: "pass", hasRecording: true, durationMax: 350 },
      (c, i) => (i % 7 === 0 || i % 7 === 6) && i % 5 !== 0 && i % 4 !== 1 && c.payload.duration <= 350,
    ],
  ])("filters by %s", async (_name, filters, pred) => {
    const want = expected(pred);
    expect(want.length).toBeGreaterThan(0);
    const page = await as(() => listCalls(f(filters), { sort: "receivedAt.desc", cursor: null, limit: 200 }));
    expect(page.items.map((i) => i.id)).toEqual(want);
    expect(page.total).toBe(want.length);
    // And the same rows page by page.
    expect(await allPages(f(filters), "receivedAt.desc", 4)).toEqual(want);
  });

  it("reads date-only bounds as whole days in the list's time zone", async () => {
    // 2026-11-20 in Asia/Dubai (UTC+4) is 2026-11-19T20:00Z .. 2026-11-20T20:00Z.
    const { filters } = toCallQuery({ outcome: [], sentiment: [], project: [], from: "2026-11-20", to: "2026-11-20", tz: "Asia/Dubai" });
    const page = await as(() => listCalls(filters, { sort: "receivedAt.desc", cursor: null, limit: 200 }));
    const lo = Date.parse("2026-11-19T20:00:00Z");
    const hi = Date.parse("2026-11-20T20:00:00Z");
    expect(page.items.map((i) => i.id)).toEqual(expected((c) => c.receivedAt.getTime() >= lo && c.receivedAt.getTime() < hi));
  });

  it.each<CallSort>(["receivedAt.desc", "receivedAt.asc", "duration.desc", "duration.asc"])(
    "pages through %s exactly once each, in order, forwards and back",
    async (sort) => {
      const all = await as(() => listCalls(NO_FILTERS, { sort, cursor: null, limit: 200 }));
      const key = (i: (typeof all.items)[number]) => (sort.startsWith("duration") ? i.duration : Date.parse(i.receivedAt));
      const keys = all.items.map(key);
      const sorted = [...keys].sort((a, b) => (sort.endsWith("desc") ? b - a : a - b));
      expect(keys).toEqual(sorted);

      const ids = await allPages(NO_FILTERS, sort, 5);
      expect(ids).toEqual(all.items.map((i) => i.id));

      // Walk forward three pages, then back with prevCursor: the same pages again.
      const p1 = await as(() => listCalls(NO_FILTERS, { sort, cursor: null, limit: 5 }));
      const p2 = await as(() => listCalls(NO_FILTERS, { sort, cursor: p1.nextCursor, limit: 5 }));
      const p3 = await as(() => listCalls(NO_FILTERS, { sort, cursor: p2.nextCursor, limit: 5 }));
      const back2 = await as(() => listCalls(NO_FILTERS, { sort, cursor: p3.prevCursor, limit: 5 }));
      const back1 = await as(() => listCalls(NO_FILTERS, { sort, cursor: back2.prevCursor, limit: 5 }));
      expect(back2.items.map((i) => i.id)).toEqual(p2.items.map((i) => i.id));
      expect(back1.items.map((i) => i.id)).toEqual(p1.items.map((i) => i.id));
      expect(back1.prevCursor).toBeNull();
      expect(back1.nextCursor).not.toBeNull();
    },
  );

  it("keeps pages stable while calls arrive between requests (no duplicates, no skips)", async () => {
    const filters = f({ project: ["proj_a"] });
    const before = await as(() => listCalls(filters, { sort: "receivedAt.desc", cursor: null, limit: 200 }));
    const p1 = await as(() => listCalls(filters, { sort: "receivedAt.desc", cursor: null, limit: 4 }));
    // New calls arrive (newest of all), and a late delivery for an old moment lands mid-list.
    const pool = testPool();
    const newer = await Promise.all(
      [0, 1, 2].map((n) => insertCall(pool, { projectId: "proj_a", receivedAt: new Date(T0 + (n + 1) * HOUR) })),
    );
    const lastOfP1 = p1.items[p1.items.length - 1]!;
    const late = await insertCall(pool, { projectId: "proj_a", receivedAt: new Date(Date.parse(lastOfP1.receivedAt) - 30 * 60_000) });

    const rest: string[] = [];
    let cursor = p1.nextCursor;
    while (cursor) {
      const page = await as(() => listCalls(filters, { sort: "receivedAt.desc", cursor, limit: 4 }));
      rest.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    }
    const seen = [...p1.items.map((i) => i.id), ...rest];
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => id !== late.id)).toEqual(before.items.map((i) => i.id));
    // The late call belongs after the cursor, so it is listed; the newer ones belong before page one, so they are not.
    expect(rest).toContain(late.id);
    for (const n of newer) expect(seen).not.toContain(n.id);

    await pool.query("DELETE FROM calls WHERE id = ANY($1::uuid[])", [[...newer.map((n) => n.id), late.id]]);
  });

  it("ranks search results (summary above transcript) and highlights the hit as segments", async () => {
    const page = await as(() => listCalls(f({ q: "refinance" }), { sort: "relevance", cursor: null, limit: 50 }));
    expect(page.ordering).toBe("relevance");
    expect(page.items.map((i) => i.id)).toEqual([seeded[3]!.id, seeded[4]!.id]);
    expect(page.total).toBe(2);
    for (const item of page.items) {
      expect(item.preview.source).toBe("snippet");
      const hits = item.preview.segments.filter((s) => s.hit).map((s) => s.text.toLowerCase());
      expect(hits).toContain("refinance");
    }
    expect(page.items[1]!.preview.segments.map((s) => s.text).join("")).toContain("refinance something next year.");
  });

  it("searches phrases with websearch syntax and excludes words with -", async () => {
    const phrase = await as(() => listCalls(f({ q: '"promise to pay"' }), { sort: "receivedAt.desc", cursor: null, limit: 50 }));
    expect(phrase.items.map((i) => i.id)).toEqual(expected((_c, i) => i % 10 === 0));
    const without = await as(() => listCalls(f({ q: "ledger -friday" }), { sort: "receivedAt.desc", cursor: null, limit: 50 }));
    expect(without.items).toEqual([]);
    const stopwords = await as(() => listCalls(f({ q: "the and" }), { sort: "receivedAt.desc", cursor: null, limit: 50 }));
    expect(stopwords).toMatchObject({ items: [], total: 0, notice: "no-searchable-words" });
  });

  it.each<CallSort>(["receivedAt.desc", "receivedAt.asc", "duration.desc", "duration.asc"])(
    "returns the same rows whichever search plan runs (%s)",
    async (sort) => {
      for (const filters of [f({ q: "hello" }), f({ q: "ledger" }), f({ q: "thank", outcome: ["WRONG NUMBER", "CALL_RESULT"] })]) {
        const walk = await allPages(filters, sort, 3, { forceSearchPlan: "walk" });
        const materialise = await allPages(filters, sort, 3, { forceSearchPlan: "materialise" });
        expect(walk.length).toBeGreaterThan(0);
        expect(materialise).toEqual(walk);
      }
    },
  );

  it("pages a relevance search exactly once each", async () => {
    const ids = await allPages(f({ q: "thank" }), "relevance", 4);
    const all = await as(() => listCalls(f({ q: "thank" }), { sort: "receivedAt.desc", cursor: null, limit: 200 }));
    expect([...ids].sort()).toEqual(all.items.map((i) => i.id).sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("counts facet options with every other filter applied", async () => {
    const facets = await as(() => getFacets(f({ outcome: ["WRONG NUMBER"], sentiment: ["NEGATIVE"] })));
    // Outcome counts ignore the outcome filter but apply the sentiment one.
    const outcome = Object.fromEntries(facets.outcome.options.map((o) => [o.value, o.count]));
    for (const [k, value] of OUTCOMES.entries()) {
      expect(outcome[value]).toBe(seeded.filter((_c, i) => i % 7 === k && i % 3 === 2).length);
    }
    expect(facets.outcome.estimated).toBe(false);
    const sentiment = Object.fromEntries(facets.sentiment.options.map((o) => [o.value, o.count]));
    expect(sentiment.NEGATIVE).toBe(seeded.filter((_c, i) => i % 7 === 1 && i % 3 === 2).length);
    expect(facets.project.options.map((o) => o.value).sort()).toEqual(["proj_a", "proj_b", "proj_c"]);
    expect(facets.deliveryStatus.options.map((o) => o.value)).toEqual(["fail", "pass"]);
  });
});
