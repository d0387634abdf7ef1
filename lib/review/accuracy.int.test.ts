import { beforeAll, describe, expect, it } from "vitest";
import { getOutcomeDistribution, getSentimentTrend } from "@/lib/analytics/queries";
import { toAnalyticsQuery } from "@/lib/analytics/query";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import type { Viewer } from "@/lib/auth/viewer";
import { OUTCOMES, SENTIMENTS } from "@/lib/calls/catalogue";
import { getPrisma } from "@/lib/db/client";
import { insertCalls, makeCalls, rng } from "@/lib/testing/analytics-calls";
import { testPool, useTestDatabase } from "@/lib/testing/database";
import { getAccuracyPanels, getAiAccuracy } from "./accuracy";
import { setCallVerdict } from "./verdicts";
import { Z95 } from "./wilson";

/**
 * AI accuracy and the corrected/AI analytics views against direct SQL over
 * `calls` and `call_verdicts` (the Wilson interval computed in SQL too), for
 * seeded verdicts that agree and disagree.
 */
useTestDatabase();
const manager: Viewer = { id: "u_mgr", email: "mgr@example.test", name: "Mia Manager", role: "manager", via: "session" };
const asManager = <T>(fn: () => Promise<T>) => runAsTrustedViewer(manager, fn);
const NOW = new Date("2026-11-20T15:07:00Z");
const q = (extra: Record<string, unknown> = {}) => toAnalyticsQuery({ tz: "UTC", from: "2026-10-01", to: "2026-11-19", ...extra }, NOW);

beforeAll(async () => {
  await getPrisma().user.create({ data: { id: manager.id, name: manager.name, email: manager.email, role: "manager" } });
  await insertCalls(testPool(), makeCalls({ seed: 7, firstDay: "2026-09-25", days: 60, perDay: 4, zones: ["UTC"] }));
  // Verdicts on every 3rd call: mostly agreeing, some outcome and sentiment corrections.
  const random = rng(11);
  const { rows } = await testPool().query<{ id: string; call_output: string | null; sentiment_output: string | null }>(
    "SELECT id, call_output, sentiment_output FROM calls ORDER BY received_at, id",
  );
  const known = new Set(OUTCOMES.map((o) => o.value));
  for (const [i, call] of rows.entries()) {
    if (i % 3 !== 0) continue;
    const agree = random() < 0.7;
    const outcome = agree && call.call_output && known.has(call.call_output) ? call.call_output : OUTCOMES[Math.floor(random() * 6)]!.value;
    const sentiment = random() < 0.8 ? undefined : SENTIMENTS[Math.floor(random() * 3)]!.value;
    await asManager(() => setCallVerdict({ callId: call.id, outcome, sentiment, reason: "seeded", source: "review" }));
  }
});

const RANGE = "c.received_at >= '2026-10-01T00:00:00Z' AND c.received_at < '2026-11-20T00:00:00Z'";

/** Agreement counts and the 95 % Wilson interval straight from the tables. */
async function directAgreement(ai: string, human: string, group: string) {
  const { rows } = await testPool().query<{ key: string; k: number; n: number; low: number; high: number }>(
    `WITH g AS (SELECT ${group} AS key, count(*) FILTER (WHERE ${ai} = ${human})::float8 AS k, count(*)::float8 AS n
                  FROM call_verdicts v JOIN calls c ON c.id = v.call_id WHERE ${RANGE} GROUP BY 1)
     SELECT key, k::int AS k, n::int AS n,
            ((k/n + $1^2/(2*n)) - $1 * sqrt((k/n)*(1-k/n)/n + $1^2/(4*n*n))) / (1 + $1^2/n) AS low,
            ((k/n + $1^2/(2*n)) + $1 * sqrt((k/n)*(1-k/n)/n + $1^2/(4*n*n))) / (1 + $1^2/n) AS high
       FROM g ORDER BY key`,
    [Z95],
  );
  return rows;
}

function expectSameGroups(
  actual: { key: string; k: number; n: number; low: number | null; high: number | null }[],
  expected: Awaited<ReturnType<typeof directAgreement>>,
) {
  expect(actual.map((g) => [g.key, g.k, g.n]).sort()).toEqual(expected.map((g) => [g.key, g.k, g.n]).sort());
  for (const e of expected) {
    const a = actual.find((g) => g.key === e.key)!;
    expect(a.low!).toBeCloseTo(Math.max(0, e.low), 9);
    expect(a.high!).toBeCloseTo(Math.min(1, e.high), 9);
  }
}

describe("AI accuracy", () => {
  it("agreement per outcome, per portfolio and overall equals a direct count, with the Wilson interval", async () => {
    const result = await asManager(() => getAiAccuracy(q({ granularity: "week" }), "outcome"));
    const ai = "coalesce(v.ai_outcome, '')";
    const human = "coalesce(v.outcome, v.ai_outcome, '')";
    expect(result.overall.n).toBeGreaterThan(30);
    expect(result.overall.k).toBeLessThan(result.overall.n);
    expectSameGroups([{ ...result.overall, key: "" }], await directAgreement(ai, human, "''"));
    expectSameGroups(result.byValue, await directAgreement(ai, human, ai));
    expectSameGroups(result.byPortfolio, await directAgreement(ai, human, "coalesce(c.project_id, '')"));
    expectSameGroups(result.trend, await directAgreement(ai, human, "date_trunc('week', c.received_at AT TIME ZONE 'UTC')::date::text"));
    const { rows: cells } = await testPool().query<{ ai: string; human: string; calls: number }>(
      `SELECT ${ai} AS ai, ${human} AS human, count(*)::int AS calls FROM call_verdicts v JOIN calls c ON c.id = v.call_id WHERE ${RANGE} GROUP BY 1, 2`,
    );
    const key = (c: { ai: string; human: string; calls: number }) => `${c.ai}|${c.human}|${c.calls}`;
    expect(result.matrix.map(key).sort()).toEqual(cells.map(key).sort());
  });

  it("the same for sentiment, and a portfolio filter narrows it", async () => {
    const result = await asManager(() => getAiAccuracy(q({ project: ["p-alpha"] }), "sentiment"));
    const ai = "coalesce(v.ai_sentiment, '')";
    const human = "coalesce(v.sentiment, v.ai_sentiment, '')";
    const direct = await directAgreement(ai, `${human} AND c.project_id = 'p-alpha'`, "''");
    const { rows } = await testPool().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM call_verdicts v JOIN calls c ON c.id = v.call_id WHERE ${RANGE} AND c.project_id = 'p-alpha'`,
    );
    expect(result.overall.n).toBe(rows[0]!.n);
    expect(result.overall.k).toBe(direct[0]!.k);
  });
});

describe("the accuracy panels", () => {
  it("read both dimensions in one statement and equal each dimension read on its own", async () => {
    for (const query of [q({ granularity: "week" }), q({ project: ["p-alpha"] })]) {
      // The matrix's cells come in the statement's row order (unordered, as before); compare them as a set.
      const sorted = (r: Awaited<ReturnType<typeof getAiAccuracy>>) => ({
        ...r,
        matrix: [...r.matrix].sort((a, b) => `${a.ai}|${a.human}`.localeCompare(`${b.ai}|${b.human}`)),
      });
      const panels = await asManager(() => getAccuracyPanels(query));
      expect(panels.outcome.overall.n).toBeGreaterThan(0);
      expect(sorted(panels.outcome)).toEqual(sorted(await asManager(() => getAiAccuracy(query, "outcome"))));
      expect(sorted(panels.sentiment)).toEqual(sorted(await asManager(() => getAiAccuracy(query, "sentiment"))));
    }
  });
});

describe("corrected and AI analytics views", () => {
  const distribution = async (values?: "ai") =>
    Object.fromEntries((await asManager(() => getOutcomeDistribution(q(values ? { values } : {})))).map((r) => [r.value, r.calls]));
  const direct = async (column: string) => {
    const { rows } = await testPool().query<{ value: string; calls: number }>(
      `SELECT coalesce(${column}, '') AS value, count(*)::int AS calls FROM calls c LEFT JOIN call_verdicts v ON v.call_id = c.id WHERE ${RANGE} GROUP BY 1`,
    );
    return Object.fromEntries(rows.filter((r) => r.calls !== 0).map((r) => [r.value, r.calls]));
  };

  it("the corrected view counts people's outcomes, the AI view the AI's", async () => {
    expect(await distribution()).toEqual(await direct("coalesce(v.outcome, c.call_output)"));
    expect(await distribution("ai")).toEqual(await direct("c.call_output"));
  });

  it("an override changes the corrected view and not the AI view", async () => {
    const { rows } = await testPool().query<{ id: string }>(
      `SELECT c.id FROM calls c WHERE ${RANGE} AND c.call_output = 'PAYMENT PROMISE' AND NOT EXISTS (SELECT 1 FROM call_verdicts v WHERE v.call_id = c.id) LIMIT 1`,
    );
    const before = { corrected: await distribution(), ai: await distribution("ai") };
    const sentimentBefore = await asManager(() => getSentimentTrend(q({ values: "ai" })));
    await asManager(() => setCallVerdict({ callId: rows[0]!.id, outcome: "NOT INTERESTED", sentiment: "NEGATIVE", reason: "Refused." }));
    expect(await distribution("ai")).toEqual(before.ai);
    expect(await asManager(() => getSentimentTrend(q({ values: "ai" })))).toEqual(sentimentBefore);
    const after = await distribution();
    expect(after["PAYMENT PROMISE"]).toBe(before.corrected["PAYMENT PROMISE"]! - 1);
    expect(after["NOT INTERESTED"]).toBe((before.corrected["NOT INTERESTED"] ?? 0) + 1);
    expect(after).toEqual(await direct("coalesce(v.outcome, c.call_output)"));
  });
});
