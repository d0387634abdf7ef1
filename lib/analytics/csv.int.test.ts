import { beforeAll, describe, expect, it } from "vitest";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import type { Viewer } from "@/lib/auth/viewer";
import { insertCalls, makeCall, rng } from "@/lib/testing/analytics-calls";
import { parseCsv } from "@/lib/testing/csv";
import { testPool, useTestDatabase } from "@/lib/testing/database";
import { CHART_IDS } from "./charts";
import { chartCsv } from "./csv";
import { toAnalyticsQuery } from "./query";

const MANAGER: Viewer = { id: "api_key:test-manager", email: "manager@test", name: "Test manager", role: "manager", via: "apiKey" };
const NOW = new Date("2026-11-20T15:07:00Z");

describe("analytics chart CSVs: values from webhook payloads cannot become formulas", () => {
  useTestDatabase();

  beforeAll(async () => {
    const random = rng(7);
    const at = new Date("2026-11-10T12:00:00Z");
    await insertCalls(testPool(), [
      makeCall(random, at, { callOutput: "=1+1", projectId: "=1+2", numberFrom: "@SUM(A1:A9)|cmd", sentimentOutput: "+cmd|' /C calc'!A0" }),
      makeCall(random, at, { callOutput: "line\n=1+3", projectId: "\t=1+4", numberFrom: "-2+3+cmd|x", sentimentOutput: "\r=1+5" }),
    ]);
  });

  it("every cell of every chart's CSV is free of live formulas and every row has the header's width", async () => {
    const q = toAnalyticsQuery({ tz: "UTC", range: "30d" }, NOW);
    const seen = new Set<string>();
    for (const chart of CHART_IDS) {
      const { body } = await runAsTrustedViewer(MANAGER, () => chartCsv(chart, q));
      const rows = parseCsv(body);
      expect(new Set(rows.map((r) => r.length)), chart).toEqual(new Set([rows[0]!.length]));
      for (const cell of rows.flat()) {
        seen.add(cell);
        expect(
          /^[=@\t\r]/.test(cell) || (/^[+-]/.test(cell) && !/^[+-]?\d[\d\s().-]*$/.test(cell)),
          `${chart}: ${JSON.stringify(cell)}`,
        ).toBe(false);
      }
    }
    // The payload values are there, defused, not dropped.
    for (const v of ["'=1+1", "'=1+2", "'@SUM(A1:A9)|cmd", "'+cmd|' /C calc'!A0", "line\n=1+3", "'\t=1+4", "'-2+3+cmd|x", "'\r=1+5"])
      expect(seen).toContain(v);
  });
});
