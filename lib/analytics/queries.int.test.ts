import { beforeAll, describe, expect, it, vi } from "vitest";
import { insertCalls, localInstant, makeCalls, type TestCall } from "@/lib/testing/analytics-calls";
import { parseCsv } from "@/lib/testing/csv";
import { testPool, useTestDatabase } from "@/lib/testing/database";
import type { CHART_IDS } from "./charts";
import { toAnalyticsQuery } from "./query";

// The role check itself is the auth module's (and tested there); here it only
// has to let a manager through, and we check every query asks for "manager".
const requireRole = vi.hoisted(() =>
  vi.fn(async (role: string) => ({ id: "u1", email: "m@example.com", name: "M", role, via: "session" })),
);
vi.mock("@/lib/auth/guard", () => ({ requireRole }));

const Q = await import("./queries");
const { prepareZone } = await import("./zones");
const { expectMatchesRawTable } = await import("@/lib/testing/analytics-reference");
const { chartCsv } = await import("./csv");

const NOW = new Date("2026-11-20T15:07:00Z");
const ZONES = ["America/New_York", "Asia/Kolkata", "UTC"];
const FILTERS = [{}, { outcome: ["PAYMENT PROMISE", "CALL_RESULT"] }, { sentiment: ["NEGATIVE", "NEUTRAL"], project: ["p-alpha"] }];

describe("analytics queries equal a direct count over the calls table", () => {
  useTestDatabase();

  beforeAll(async () => {
    await insertCalls(
      testPool(),
      makeCalls({ seed: 42, firstDay: "2026-08-10", days: 103, perDay: 3, zones: ["America/New_York", "Asia/Kolkata"] }),
    );
  });

  for (const tz of ZONES) {
    for (const filters of FILTERS) {
      for (const [label, params] of [
        ["30 days ending now (partial today, previous period starting mid-day)", { range: "30d" as const }],
        ["custom range, weekly", { from: "2026-09-03", to: "2026-10-30", granularity: "week" as const }],
        ["custom range, monthly", { from: "2026-08-10", to: "2026-11-19", granularity: "month" as const }],
      ] as const) {
        it(`${tz} · ${JSON.stringify(filters)} · ${label}`, async () => {
          await expectMatchesRawTable(toAnalyticsQuery({ tz, ...filters, ...params }, NOW));
        });
      }
    }
  }

  // Every exported function of queries.ts is a query a page, a CSV or the
  // benchmark calls, and each must check the role itself: found by
  // enumerating the module, so a new query without a guard fails here.
  // loadZoneState is the one exported helper (it reads which rollup days exist, no figures).
  const NOT_QUERIES = new Set(["loadZoneState"]);
  const queries = Object.entries(Q).filter(([name, value]) => typeof value === "function" && !NOT_QUERIES.has(name)) as [
    string,
    (q: ReturnType<typeof toAnalyticsQuery>) => Promise<unknown>,
  ][];

  it("finds every query by enumerating the module", () => {
    expect(queries.map(([name]) => name).sort()).toEqual(
      expect.arrayContaining([
        "getDurationByOutcome",
        "getFilterOptions",
        "getFunnel",
        "getKpis",
        "getNumberBreakdown",
        "getOutcomeDistribution",
        "getOutcomeTrend",
        "getProjectBreakdown",
        "getSentimentTrend",
      ]),
    );
  });

  for (const [name, fn] of queries) {
    it(`${name} asks for the manager role itself, and answers nothing when refused`, async () => {
      const q = toAnalyticsQuery({ tz: "UTC" }, NOW);
      requireRole.mockClear();
      await fn(q);
      expect(requireRole).toHaveBeenCalledTimes(1);
      expect(requireRole).toHaveBeenCalledWith("manager");
      requireRole.mockRejectedValueOnce(new Error("forbidden"));
      await expect(fn(q)).rejects.toThrow("forbidden");
    });
  }

  it("serves each chart's figures as CSV: the same numbers the chart draws", async () => {
    const q = toAnalyticsQuery(
      { tz: "Asia/Kolkata", from: "2026-09-01", to: "2026-10-31", granularity: "week", outcome: ["PAYMENT PROMISE", "NOT INTERESTED"] },
      NOW,
    );
    const parse = (body: string) => {
      expect(body.startsWith("\uFEFF")).toBe(true);
      const [header, ...rows] = parseCsv(body);
      return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
    };
    const kpis = await Q.getKpis(q);
    const trend = await chartCsv("outcome-trend", q);
    expect(trend.fileName).toBe("analytics-outcome-trend-2026-09-01_2026-10-31.csv");
    const weeks = parse(trend.body);
    expect(weeks.reduce((n, r) => n + Number(r.total), 0)).toBe(kpis.current.calls);
    expect(Object.keys(weeks[0]!)).toEqual(["bucket_start", "from", "to", "total", "PAYMENT PROMISE", "NOT INTERESTED"]);
    expect(weeks[0]!.from).toBe("2026-09-01");
    const funnel = parse((await chartCsv("funnel", q)).body);
    expect(funnel.map((r) => Number(r.calls))).toEqual(Object.values(await Q.getFunnel(q)));
    const kpiRows = parse((await chartCsv("kpis", q)).body);
    expect(kpiRows.find((r) => r.kpi === "calls")!.value).toBe(String(kpis.current.calls));
    const projects = parse((await chartCsv("projects", q)).body);
    expect(projects.reduce((n, r) => n + Number(r.calls), 0)).toBe(kpis.current.calls);
  });

  it("puts 23:30 and 00:30 local calls on the right local day in New York and Kolkata", async () => {
    const probeDay = "2026-11-25"; // after the seeded data, so these are the only calls that day
    const calls = ZONES.slice(0, 2).flatMap((zone) => [
      { zone, at: localInstant(probeDay, 23, 30, zone) },
      { zone, at: localInstant("2026-11-26", 0, 30, zone) },
    ]);
    await insertCalls(
      testPool(),
      calls.map((c, i) => ({
        providerCallId: `probe-${i}`,
        receivedAt: c.at,
        numberFrom: "+15550000009",
        callOutput: "PAYMENT PROMISE",
        sentimentOutput: "POSITIVE",
        projectId: "p-probe",
        deliveryStatus: "pass",
        providerStatus: "pass",
        duration: 42,
      })),
    );
    for (const zone of ["America/New_York", "Asia/Kolkata"]) {
      const q = toAnalyticsQuery({ tz: zone, from: probeDay, to: "2026-11-26", project: ["p-probe"] }, new Date("2026-12-01T00:00:00Z"));
      const trend = await Q.getOutcomeTrend(q);
      // In each zone exactly its own 23:30 call is on the 25th and its 00:30 call on the 26th;
      // the other zone's two calls fall wherever that zone's offset puts them.
      const localDays = calls.map((c) => new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(c.at));
      const expected = {
        [probeDay]: localDays.filter((d) => d === probeDay).length,
        "2026-11-26": localDays.filter((d) => d === "2026-11-26").length,
      };
      expect(Object.fromEntries(trend.buckets.map((b) => [b.key, b.total]))).toEqual(expected);
      expect(localDays[zone === "America/New_York" ? 0 : 2]).toBe(probeDay);
      expect(localDays[zone === "America/New_York" ? 1 : 3]).toBe("2026-11-26");
    }
  });

  describe("with the zone's daily rollups prepared", () => {
    beforeAll(async () => {
      for (const zone of ["America/New_York", "Asia/Kolkata"]) expect(await prepareZone(zone, { pauseMs: 0 })).toBe(true);
    });
    for (const tz of ZONES) {
      it(`${tz}: the daily tier gives the same figures`, async () => {
        for (const filters of FILTERS) {
          await expectMatchesRawTable(toAnalyticsQuery({ tz, ...filters, range: "90d" }, NOW));
          await expectMatchesRawTable(toAnalyticsQuery({ tz, ...filters, from: "2026-08-01", to: "2026-11-30", granularity: "week" }, NOW));
        }
      });
    }
  });
});

/*
 * A small fixture whose every figure is counted by hand below: ten calls in
 * the period (1–3 October 2026, UTC), five in the previous three days, and
 * one just outside each end. Rates are asserted as literals, so a rate over
 * the wrong base (negative share over all calls instead of rated ones, say)
 * fails even though every count is right.
 */
const N1 = "+15550000001";
const N2 = "+15550000002";
function fixtureCall(
  id: string,
  at: string,
  callOutput: string | null,
  sentimentOutput: string | null,
  projectId: string | null,
  numberFrom: string,
  deliveryStatus: string | null,
  providerStatus: string | null,
  duration: number,
): TestCall {
  return {
    providerCallId: `rates-${id}`,
    receivedAt: new Date(at),
    callOutput,
    sentimentOutput,
    projectId,
    numberFrom,
    deliveryStatus,
    providerStatus,
    duration,
  };
}
const FIXTURE: TestCall[] = [
  // The period: 2026-10-01T00:00Z (inclusive) to 2026-10-04T00:00Z (exclusive).
  fixtureCall("c1", "2026-10-01T00:00:00Z", "PAYMENT PROMISE", "POSITIVE", "p-a", N1, "pass", "pass", 60),
  fixtureCall("c2", "2026-10-01T11:00:00Z", "PAYMENT COMPLETED", "NEUTRAL", "p-a", N1, "pass", "pass", 120),
  fixtureCall("c3", "2026-10-01T12:00:00Z", "NOT INTERESTED", "NEGATIVE", "p-a", N2, "pass", "pass", 30),
  fixtureCall("c4", "2026-10-02T09:00:00Z", "PAYMENT EXTENSION", "NEGATIVE", "p-b", N2, "pass", "pass", 90),
  fixtureCall("c5", "2026-10-02T10:00:00Z", "CALL BACK REQUESTED", null, "p-b", N1, "pass", "pass", 15),
  fixtureCall("c6", "2026-10-02T11:00:00Z", "WRONG NUMBER", "NEGATIVE", null, N2, "pass", "fail", 10),
  fixtureCall("c7", "2026-10-03T08:00:00Z", null, null, "p-b", N1, "fail", null, 0),
  fixtureCall("c8", "2026-10-03T09:00:00Z", "PAYMENT PROMISE", "NEUTRAL", "p-a", N1, "pass", "fail", 5),
  fixtureCall("c9", "2026-10-03T10:00:00Z", "CALL_RESULT", "POSITIVE", null, N2, null, "pass", 45),
  fixtureCall("c10", "2026-10-03T23:59:59Z", "PAYMENT COMPLETED", "NEGATIVE", "p-a", N1, "pass", "pass", 300),
  // The previous period: 2026-09-28T00:00Z to 2026-10-01T00:00Z.
  fixtureCall("p1", "2026-09-28T05:00:00Z", "PAYMENT PROMISE", "NEGATIVE", "p-a", N1, "pass", "pass", 100),
  fixtureCall("p2", "2026-09-29T06:00:00Z", "WRONG NUMBER", "POSITIVE", "p-b", N2, "pass", "fail", 20),
  fixtureCall("p3", "2026-09-30T07:00:00Z", "PAYMENT COMPLETED", null, "p-a", N1, "pass", "pass", 200),
  fixtureCall("p4", "2026-09-30T08:00:00Z", "NOT INTERESTED", "NEUTRAL", null, N1, "fail", null, 0),
  fixtureCall("p5", "2026-09-30T23:59:59Z", "PAYMENT EXTENSION", "NEGATIVE", "p-b", N2, "pass", "pass", 50),
  // Outside both.
  fixtureCall("o1", "2026-09-27T23:59:59Z", "PAYMENT PROMISE", "NEGATIVE", "p-a", N1, "pass", "pass", 999),
  fixtureCall("o2", "2026-10-04T00:00:00Z", "PAYMENT COMPLETED", "NEGATIVE", "p-a", N1, "pass", "pass", 999),
];

describe("analytics rates and CSV columns on a hand-counted fixture", () => {
  useTestDatabase();
  const q = () => toAnalyticsQuery({ tz: "UTC", from: "2026-10-01", to: "2026-10-03" }, NOW);
  const csv = async (chart: (typeof CHART_IDS)[number]) => {
    const { body, fileName } = await chartCsv(chart, q());
    expect(fileName).toBe(`analytics-${chart}-2026-10-01_2026-10-03.csv`);
    expect(body.startsWith("\uFEFF")).toBe(true);
    return parseCsv(body);
  };

  beforeAll(async () => {
    await insertCalls(testPool(), FIXTURE);
  });

  for (const tier of ["15-minute rollups", "daily rollups"] as const) {
    describe(`read from the ${tier}`, () => {
      beforeAll(async () => {
        if (tier === "daily rollups") expect(await prepareZone("UTC", { pauseMs: 0 })).toBe(true);
      });

      it("counts the KPIs of the period and the previous one", async () => {
        const kpis = await Q.getKpis(q());
        expect(kpis.current).toEqual({
          calls: 10,
          delivered: 8,
          connected: 7,
          promises: 3,
          payments: 2,
          callbacks: 1,
          wrongNumbers: 1,
          connectedDuration: 660,
          negative: 4,
          rated: 8,
        });
        expect(kpis.previous).toEqual({
          calls: 5,
          delivered: 4,
          connected: 3,
          promises: 2,
          payments: 1,
          callbacks: 0,
          wrongNumbers: 1,
          connectedDuration: 350,
          negative: 2,
          rated: 4,
        });
        expect(kpis.previousRange).toEqual({ start: "2026-09-28T00:00:00.000Z", end: "2026-10-01T00:00:00.000Z" });
      });

      it("kpis.csv: every KPI value and previous value", async () => {
        const [header, ...rows] = await csv("kpis");
        expect(header).toEqual(["kpi", "label", "value", "previous_value", "unit", "basis"]);
        expect(rows.map(([kpi, , value, previous, unit]) => [kpi, value, previous, unit])).toEqual([
          ["calls", "10", "5", "calls"],
          ["deliveryRate", "0.8", "0.8", "ratio"], // 8/10, 4/5
          ["connectRate", "0.7", "0.6", "ratio"], // 7/10, 3/5
          ["promiseRate", "0.3", "0.4", "ratio"], // 3/10, 2/5
          ["paymentRate", "0.2", "0.2", "ratio"], // 2/10, 1/5
          ["callbackRate", "0.1", "0", "ratio"], // 1/10, 0/5
          ["wrongNumberRate", "0.1", "0.2", "ratio"], // 1/10, 1/5
          ["avgConnectedDuration", "94.28571428571429", "116.66666666666667", "seconds"], // 660 s / 7, 350 s / 3
          ["negativeShare", "0.5", "0.5", "ratio"], // 4 of 8 rated, 2 of 4 rated (not 4/10, 2/5)
        ]);
      });

      it("outcome-trend.csv and sentiment-trend.csv: one row per day, every series", async () => {
        expect(await csv("outcome-trend")).toEqual([
          [
            "bucket_start",
            "from",
            "to",
            "total",
            "PAYMENT COMPLETED",
            "PAYMENT PROMISE",
            "PAYMENT EXTENSION",
            "CALL BACK REQUESTED",
            "NOT INTERESTED",
            "WRONG NUMBER",
            "CALL_RESULT",
            "(none)",
          ],
          ["2026-10-01", "2026-10-01", "2026-10-01", "3", "1", "1", "0", "0", "1", "0", "0", "0"],
          ["2026-10-02", "2026-10-02", "2026-10-02", "3", "0", "0", "1", "1", "0", "1", "0", "0"],
          ["2026-10-03", "2026-10-03", "2026-10-03", "4", "1", "1", "0", "0", "0", "0", "1", "1"],
        ]);
        expect(await csv("sentiment-trend")).toEqual([
          ["bucket_start", "from", "to", "total", "POSITIVE", "NEUTRAL", "NEGATIVE", "(none)"],
          ["2026-10-01", "2026-10-01", "2026-10-01", "3", "1", "1", "1", "0"],
          ["2026-10-02", "2026-10-02", "2026-10-02", "3", "0", "0", "2", "1"],
          ["2026-10-03", "2026-10-03", "2026-10-03", "4", "1", "1", "1", "1"],
        ]);
      });

      it("outcome-distribution.csv: share of all calls in the period", async () => {
        expect(await csv("outcome-distribution")).toEqual([
          ["outcome", "label", "calls", "share"],
          ["PAYMENT COMPLETED", "Payment completed", "2", "0.2"],
          ["PAYMENT PROMISE", "Payment promise", "2", "0.2"],
          ["PAYMENT EXTENSION", "Payment extension", "1", "0.1"],
          ["CALL BACK REQUESTED", "Call back requested", "1", "0.1"],
          ["NOT INTERESTED", "Not interested", "1", "0.1"],
          ["WRONG NUMBER", "Wrong number", "1", "0.1"],
          ["CALL_RESULT", "CALL_RESULT", "1", "0.1"],
          ["(none)", "No outcome", "1", "0.1"],
        ]);
      });

      it("funnel.csv: each step's share of all calls (connected = delivered and connected)", async () => {
        expect(await csv("funnel")).toEqual([
          ["step", "label", "calls", "share_of_calls"],
          ["calls", "Calls", "10", "1"],
          ["delivered", "Delivered", "8", "0.8"],
          ["connected", "Connected", "6", "0.6"], // c9 connected but not delivered: out
          ["promise_or_extension", "Promise or extension", "2", "0.2"], // c8 promised but not connected: out
          ["payment_completed", "Payment completed", "2", "0.2"],
        ]);
      });

      it("projects.csv and numbers.csv: promise rate over calls, negative share over rated calls", async () => {
        expect(await csv("projects")).toEqual([
          ["project", "calls", "promises", "promise_rate", "negative", "rated", "negative_share"],
          ["p-a", "5", "2", "0.4", "2", "5", "0.4"],
          ["p-b", "3", "1", "0.333333", "1", "1", "1"],
          ["(none)", "2", "0", "0", "1", "2", "0.5"],
        ]);
        expect(await csv("numbers")).toEqual([
          ["levers_number", "calls", "promises", "promise_rate", "negative", "rated", "negative_share"],
          [N1, "6", "2", "0.333333", "1", "4", "0.25"],
          [N2, "4", "1", "0.25", "3", "4", "0.75"],
        ]);
      });

      it("durations.csv: average seconds over every call of the outcome, and the bands", async () => {
        expect(await csv("durations")).toEqual([
          [
            "outcome",
            "label",
            "calls",
            "average_seconds",
            "< 15 s",
            "15–30 s",
            "30–60 s",
            "1–2 min",
            "2–3 min",
            "3–5 min",
            "5–10 min",
            "10 min +",
          ],
          ["PAYMENT COMPLETED", "Payment completed", "2", "210", "0", "0", "0", "0", "1", "0", "1", "0"],
          ["PAYMENT PROMISE", "Payment promise", "2", "33", "1", "0", "0", "1", "0", "0", "0", "0"], // (60 + 5) / 2 = 32.5
          ["PAYMENT EXTENSION", "Payment extension", "1", "90", "0", "0", "0", "1", "0", "0", "0", "0"],
          ["CALL BACK REQUESTED", "Call back requested", "1", "15", "0", "1", "0", "0", "0", "0", "0", "0"],
          ["NOT INTERESTED", "Not interested", "1", "30", "0", "0", "1", "0", "0", "0", "0", "0"],
          ["WRONG NUMBER", "Wrong number", "1", "10", "1", "0", "0", "0", "0", "0", "0", "0"],
          ["CALL_RESULT", "CALL_RESULT", "1", "45", "0", "0", "1", "0", "0", "0", "0", "0"],
          ["(none)", "No outcome", "1", "0", "1", "0", "0", "0", "0", "0", "0", "0"],
        ]);
      });

      it("the raw-table reference agrees", async () => {
        await expectMatchesRawTable(q());
      });
    });
  }
});
