import { Readable } from "node:stream";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { toAnalyticsQuery } from "@/lib/analytics/query";
import { getPrisma } from "@/lib/db/client";
import { useTestDatabase } from "@/lib/testing/database";
import { buildPayload } from "@/lib/testing/payload-factory";
import { importCalls } from "./import";
import { rebuildAllAccounts } from "./rebuild";

// The role check is the auth module's (tested there); here it lets a manager through and we check it is asked.
const requireRole = vi.hoisted(() =>
  vi.fn(async (role: string) => ({ id: "u1", email: "m@example.com", name: "M", role, via: "session" })),
);
vi.mock("@/lib/auth/guard", () => ({ requireRole }));

const { getAccountKpis, getBestTimeToCall, MIN_HEATMAP_CALLS } = await import("./analytics");
const { chartCsv } = await import("@/lib/analytics/csv");

/**
 * The accounts figures on /analytics over imported past calls, derived by the
 * real rebuild, each equal to a direct count over the derived rows (and the
 * heatmap's local hours to JavaScript's own zone conversion).
 */
useTestDatabase();

const PROMISE = "AI: So that's $150 on Friday the 6th?\nUser: Yes.";
const PAID = "AI: The payment of $150.00 went through.\nUser: Thanks.";
const RPC = "AI: Hello, is this Sam?\nUser: Yes, speaking.";
const NOW = new Date("2026-04-01T12:00:00Z");

let seq = 0;
function line(account: string, receivedAt: string, fields: Record<string, unknown> = {}, project = "proj_1"): string {
  seq += 1;
  const payload = buildPayload({
    providerCallId: `${account}-c${seq}`,
    numberTo: `+1312555${String(100 + account.charCodeAt(1)).padStart(4, "0")}`,
    duration: 60,
    callOutput: "NOT INTERESTED",
    transcription: RPC,
    metadata: { requestMetadata: { account_id: account, project_id: project } },
    ...fields,
  });
  return JSON.stringify({ ...payload, receivedAt });
}

const promise = { callOutput: "PAYMENT PROMISE", transcription: PROMISE };
const paid = { callOutput: "PAYMENT COMPLETED", transcription: PAID };

beforeAll(async () => {
  const lines = [
    // Kept (paid before the due Friday the 6th), kept late, broken then reached again, broken and never reached.
    line("K1", "2026-03-02T15:00:00Z", promise),
    line("K1", "2026-03-05T16:00:00Z", paid),
    line("K3", "2026-03-02T15:30:00Z", promise),
    line("K3", "2026-03-10T16:00:00Z", paid),
    line("K2", "2026-03-02T16:00:00Z", promise),
    line("K2", "2026-03-09T15:00:00Z"),
    line("K2", "2026-03-12T15:00:00Z"),
    line("K4", "2026-03-02T17:00:00Z", promise),
    // Another portfolio: a broken promise.
    line("K6", "2026-03-02T18:00:00Z", promise, "proj_2"),
    // Not right-party contacts: a wrong number, a call that did not connect.
    line("K5", "2026-03-03T15:00:00Z", { callOutput: "WRONG NUMBER", transcription: "AI: Is this Sam?\nUser: No, wrong number." }),
    line("K5", "2026-03-03T16:00:00Z", { providerStatus: "fail", endedReason: "customer-busy", transcription: null, callOutput: null }),
    // Outside the period.
    line("K7", "2026-02-10T15:00:00Z", promise),
  ];
  // Enough calls in one hour for a judged heatmap cell, spread over Tuesdays at 15:xx UTC.
  for (let i = 0; i < MIN_HEATMAP_CALLS + 5; i++) {
    const minute = String(i % 60).padStart(2, "0");
    lines.push(line(`H${i}`, `2026-03-${i % 2 ? "17" : "24"}T15:${minute}:30Z`, i % 3 ? {} : { callOutput: "WRONG NUMBER" }));
  }
  const report = await importCalls(getPrisma(), Readable.from([lines.join("\n")]));
  expect(report.errors).toEqual([]);
  await rebuildAllAccounts(getPrisma());
  // A zone 5:30 off UTC for some calls: a local hour then straddles two UTC hours.
  await getPrisma().$executeRaw`UPDATE crm_call_links SET time_zone = 'Asia/Kolkata' 
    WHERE account_id IN (SELECT id FROM crm_accounts WHERE key NOT LIKE 'account_id:H%')`;
});

const march = (filters: { project?: string[] } = {}) =>
  toAnalyticsQuery({ from: "2026-03-01", to: "2026-03-31", tz: "UTC", ...filters }, NOW);

async function direct(project: string[] | null) {
  const prisma = getPrisma();
  const start = new Date("2026-03-01T00:00:00Z");
  const end = new Date("2026-04-01T00:00:00Z");
  const debts = await prisma.crmDebt.findMany({ select: { id: true, portfolio: true } });
  const inPortfolio = (debtId: string | null) => !project || debts.some((d) => d.id === debtId && project.includes(d.portfolio ?? ""));
  const promises = (await prisma.crmPromise.findMany()).filter((p) => inPortfolio(p.debtId));
  const links = (await prisma.crmCallLink.findMany()).filter((l) => inPortfolio(l.debtId));
  const made = promises.filter((p) => p.madeAt >= start && p.madeAt < end);
  const kept = made.filter((p) => p.status === "kept" || p.status === "kept_late").length;
  const broken = made.filter((p) => p.status === "broken").length;
  const periodLinks = links.filter((l) => l.placedAt >= start && l.placedAt < end);
  const rpc = periodLinks.filter((l) => l.rightPartyContact).length;
  const brokenNow = promises.filter((p) => p.status === "broken" && p.statusAt! >= start && p.statusAt! < end);
  const gaps = brokenNow
    .map((p) => {
      const next = links
        .filter((l) => l.accountId === p.accountId && l.rightPartyContact && l.placedAt > p.statusAt!)
        .sort((a, b) => +a.placedAt - +b.placedAt)[0];
      return next ? (+next.placedAt - +p.statusAt!) / 1000 : null;
    })
    .filter((g): g is number => g !== null)
    .sort((a, b) => a - b);
  const pct = (q: number) => {
    if (!gaps.length) return null;
    const pos = q * (gaps.length - 1);
    const lo = Math.floor(pos);
    return gaps[lo]! + (gaps[Math.min(lo + 1, gaps.length - 1)]! - gaps[lo]!) * (pos - lo);
  };
  return {
    made: made.length,
    kept,
    broken,
    keptRate: kept / (kept + broken),
    attempts: periodLinks.length,
    rpc,
    accounts: new Set(periodLinks.map((l) => l.accountId)).size,
    brokenInPeriod: brokenNow.length,
    followedUp: gaps.length,
    median: pct(0.5),
    p90: pct(0.9),
    links: periodLinks,
  };
}

describe("accounts analytics equal direct counts over the derived rows", () => {
  for (const project of [null, ["proj_1"], ["proj_2"]]) {
    it(`KPIs${project ? ` for portfolio ${project}` : ""}`, async () => {
      const k = await getAccountKpis(march(project ? { project } : {}));
      const d = await direct(project);
      expect(requireRole).toHaveBeenLastCalledWith("manager");
      expect(k).toMatchObject({
        promisesMade: d.made,
        kept: d.kept,
        broken: d.broken,
        attempts: d.attempts,
        rightPartyContacts: d.rpc,
        accountsCalled: d.accounts,
        brokenInPeriod: d.brokenInPeriod,
        followedUp: d.followedUp,
      });
      expect(k.keptRate).toBeCloseTo(d.keptRate, 9);
      expect(k.rightPartyRate).toBeCloseTo(d.rpc / d.attempts, 9);
      expect(k.attemptsPerAccount).toBeCloseTo(d.attempts / d.accounts, 9);
      expect(k.promisesPerRightPartyContact).toBeCloseTo(d.made / d.rpc, 9);
      if (d.median === null) expect(k.followUpMedianSeconds).toBeNull();
      else {
        expect(k.followUpMedianSeconds).toBeCloseTo(d.median, 3);
        expect(k.followUpP90Seconds).toBeCloseTo(d.p90!, 3);
      }
    });
  }

  it("the scenario's own figures: kept late counts as kept, broken promises and their follow-up", async () => {
    const k = await getAccountKpis(march());
    // K1 kept, K3 kept late; K2, K4, K6 broken; K7's promise was made in February.
    expect([k.kept, k.keptLate, k.broken, k.keptRate]).toEqual([2, 1, 3, 0.4]);
    // K2 broke at the end of Friday the 6th (New York) and was reached on the 9th; K4, K6 and K7
    // (made in February for "Friday the 6th" of March) never.
    expect([k.brokenInPeriod, k.followedUp]).toEqual([4, 1]);
    expect(k.followUpMedianSeconds! / 3600).toBeGreaterThan(48);
    expect(k.followUpMedianSeconds! / 3600).toBeLessThan(72);
    expect((await getAccountKpis(march({ project: ["proj_1"] }))).keptRate).toBe(0.5);
  });

  it("the best-time heatmap counts each call in its contact's local weekday and hour", async () => {
    const d = await direct(null);
    const expected = new Map<string, { calls: number; rpc: number }>();
    for (const l of d.links) {
      const parts = new Intl.DateTimeFormat("en-US", {
        timeZone: l.timeZone,
        weekday: "short",
        hour: "2-digit",
        hourCycle: "h23",
      }).formatToParts(l.placedAt);
      const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(parts.find((p) => p.type === "weekday")!.value) + 1;
      const key = `${weekday}-${Number(parts.find((p) => p.type === "hour")!.value)}`;
      const cell = expected.get(key) ?? { calls: 0, rpc: 0 };
      cell.calls += 1;
      if (l.rightPartyContact) cell.rpc += 1;
      expected.set(key, cell);
    }
    const { cells, minCalls } = await getBestTimeToCall(march());
    expect(minCalls).toBe(MIN_HEATMAP_CALLS);
    expect(Object.fromEntries(cells.map((c) => [`${c.weekday}-${c.hour}`, { calls: c.calls, rpc: c.rightPartyContacts }]))).toEqual(
      Object.fromEntries(expected),
    );
    // The K accounts' calls are in Kolkata (a local hour straddles two UTC hours); the H calls fill one judged cell.
    expect(cells.some((c) => c.calls >= MIN_HEATMAP_CALLS)).toBe(true);
  });

  it("CSV of both widgets carries the same figures", async () => {
    const k = await getAccountKpis(march());
    const csv = await chartCsv("accounts", march());
    expect(csv.body).toContain(`promise_kept_rate,0.4,${k.kept},${k.kept + k.broken}`);
    const heat = await chartCsv("best-time", march());
    const { cells } = await getBestTimeToCall(march());
    expect(heat.body.trim().split(/\r?\n/).length).toBe(cells.length + 1);
  });
});
