import { Logger, runOnce } from "graphile-worker";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { accountsTaskList } from "@/lib/accounts/worker";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import { seedDemoData } from "@/lib/demo/seed";
import { useTestDatabase } from "@/lib/testing/database";
import { COMPLIANCE_TARGETS, complianceCases } from "./compliance";
import { measure, summarize } from "./stats";

/**
 * The bench's compliance cases on demo data (600 calls, derived by the
 * worker): each answers, and at this size well inside its target. The
 * figures are printed; the 1M run is npm run bench.
 */
describe("compliance bench cases", () => {
  const db = useTestDatabase();

  it("the check and the /compliance queries answer within their p95 targets on the demo data", async () => {
    await seedDemoData(db.url(), { onlyIfEmpty: false, log: () => {}, calls: 600, now: new Date() });
    const client = new pg.Client({ connectionString: db.url() });
    await client.connect();
    try {
      // The trigger's jobs run once their half-second bucket has closed.
      const { rows } = await client.query<{ wait: number | null }>(
        "SELECT (extract(epoch FROM max(run_at) - now()) * 1000)::int AS wait FROM graphile_worker.jobs",
      );
      await new Promise((r) => setTimeout(r, Math.max(0, rows[0]?.wait ?? 0) + 50));
      const errors: string[] = [];
      const logger = new Logger(() => (level, message) => {
        if (level === "error") errors.push(message);
      });
      await runOnce({ connectionString: db.url(), taskList: accountsTaskList, logger, concurrency: 1 });
      expect(errors).toEqual([]);
      const { cases } = await complianceCases(client);
      expect(cases.map((c) => c.id)).toContain("compliance.check.known");
      const viewer = { id: "api_key:bench", email: "bench@test", name: "Bench", role: "admin" as const, via: "apiKey" as const };
      for (const c of cases) {
        const s = summarize(await runAsTrustedViewer(viewer, () => measure(c.run, { warmups: 3, runs: 40 })));
        console.log(`${c.label}: p50 ${s.p50.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms (target ${c.limitMs} ms)`);
        expect(s.p95).toBeLessThan(c.limitMs * 3); // shared 2-core machine: the bound catches a regression, npm run bench holds the target
      }
      expect(COMPLIANCE_TARGETS.checkP95Ms).toBe(20);
    } finally {
      await client.end();
    }
  }, 300_000);
});
