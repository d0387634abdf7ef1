import { beforeAll, describe, expect, it, vi } from "vitest";
import { getPool } from "@/lib/db/pool";
import { useTestDatabase } from "@/lib/testing/database";
import { toAnalyticsQuery } from "./query";
import { insertCalls, localInstant, makeCalls } from "./test-calls";

// The role check itself is the auth module's (and tested there); here it only
// has to let a manager through, and we check every query asks for "manager".
const requireRole = vi.hoisted(() => vi.fn(async (role: string) => ({ id: "u1", email: "m@example.com", name: "M", role, via: "session" })));
vi.mock("@/lib/auth/guard", () => ({ requireRole }));

const Q = await import("./queries");
const { prepareZone } = await import("./zones");
const { expectMatchesRawTable } = await import("./test-reference");
const { chartCsv } = await import("./csv");

const NOW = new Date("2026-11-20T15:07:00Z");
const ZONES = ["America/New_York", "Asia/Kolkata", "UTC"];
const FILTERS = [
  {},
  { outcome: ["PAYMENT PROMISE", "CALL_RESULT"] },
  { sentiment: ["NEGATIVE", "NEUTRAL"], project: ["p-alpha"] },
];

describe("analytics queries equal a direct count over the calls table", () => {
  useTestDatabase();

  beforeAll(async () => {
    await insertCalls(getPool(), makeCalls({ seed: 42, firstDay: "2026-08-10", days: 103, perDay: 3, zones: ["America/New_York", "Asia/Kolkata"] }));
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

  it("asks for the manager role on every query", async () => {
    requireRole.mockClear();
    const q = toAnalyticsQuery({ tz: "UTC" }, NOW);
    const fns = [Q.getKpis, Q.getOutcomeTrend, Q.getSentimentTrend, Q.getOutcomeDistribution, Q.getFunnel, Q.getProjectBreakdown, Q.getNumberBreakdown, Q.getDurationByOutcome];
    for (const fn of fns) await fn(q);
    expect(requireRole).toHaveBeenCalledTimes(fns.length);
    expect(new Set(requireRole.mock.calls.map((c) => c[0]))).toEqual(new Set(["manager"]));
  });

  it("serves each chart's figures as CSV: the same numbers the chart draws", async () => {
    const q = toAnalyticsQuery({ tz: "Asia/Kolkata", from: "2026-09-01", to: "2026-10-31", granularity: "week", outcome: ["PAYMENT PROMISE", "NOT INTERESTED"] }, NOW);
    const parse = (body: string) => {
      expect(body.startsWith("\uFEFF")).toBe(true);
      const [header, ...rows] = body.slice(1).trim().split(/\r?\n/).map((line) => line.split(","));
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

  it("does not answer when the role check fails", async () => {
    requireRole.mockRejectedValueOnce(new Error("forbidden"));
    await expect(Q.getKpis(toAnalyticsQuery({ tz: "UTC" }, NOW))).rejects.toThrow("forbidden");
  });

  it("puts 23:30 and 00:30 local calls on the right local day in New York and Kolkata", async () => {
    const probeDay = "2026-11-25"; // after the seeded data, so these are the only calls that day
    const calls = ZONES.slice(0, 2).flatMap((zone) => [
      { zone, at: localInstant(probeDay, 23, 30, zone) },
      { zone, at: localInstant("2026-11-26", 0, 30, zone) },
    ]);
    await insertCalls(
      getPool(),
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
      const expected = { [probeDay]: localDays.filter((d) => d === probeDay).length, "2026-11-26": localDays.filter((d) => d === "2026-11-26").length };
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
