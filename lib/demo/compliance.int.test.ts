import { Logger, runOnce } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { accountsTaskList } from "@/lib/accounts/worker";
import { getPrisma } from "@/lib/db/client";
import { useTestDatabase } from "@/lib/testing/database";
import { seedDemoData } from "./seed";

/** /compliance is not empty on first start: the demo seed's own histories raise flags once the worker has run. */
describe("demo compliance histories", () => {
  const db = useTestDatabase();

  it("raise a frequency flag, a stop-calling hold and a calling-hours flag", async () => {
    await seedDemoData(db.url(), { onlyIfEmpty: false, log: () => {}, calls: 60, now: new Date() });
    await new Promise((r) => setTimeout(r, 600));
    await runOnce({ connectionString: db.url(), taskList: accountsTaskList, logger: new Logger(() => () => {}), concurrency: 1 });
    const prisma = getPrisma();
    const rules = async (key: string) => {
      const account = await prisma.crmAccount.findUniqueOrThrow({ where: { key: `account_id:${key}` } });
      return (await prisma.complianceFlag.findMany({ where: { accountId: account.id } })).map((f) => f.rule);
    };
    expect((await rules("demo-compliance-frequency")).filter((r) => r === "R1")).toHaveLength(2);
    expect(await rules("demo-compliance-stop")).toContain("R4");
    expect(await rules("demo-compliance-late")).toContain("R3");
    expect(await prisma.call.count()).toBe(60);
  });
});
