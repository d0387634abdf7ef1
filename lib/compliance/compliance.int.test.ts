import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as webhook } from "@/app/api/webhooks/levers/route";
import { importCalls } from "@/lib/accounts/import";
import { drainAccountJobs } from "@/lib/accounts/test-worker";
import { getPrisma } from "@/lib/db/client";
import { useTestDatabase } from "@/lib/testing/database";
import { buildPayload } from "@/lib/testing/payload-factory";
import { generateTestSecret, signedWebhookRequest } from "@/lib/testing/svix";

/**
 * The guard end to end on a real PostgreSQL: history imported with past
 * times and a live webhook delivery, the accounts worker's real queue, and
 * the flags and next calls it stores.
 */
const db = useTestDatabase();
const SECRET = generateTestSecret();
const DAY = 86_400_000;
/** Chicago (312): 10:00 CST is 16:00Z in November. One number per account key, unless a test shares one on purpose. */
const numbers = new Map<string, string>();
function numberFor(account: string): string {
  if (!numbers.has(account)) numbers.set(account, `+1312555${String(1000 + numbers.size).padStart(4, "0")}`);
  return numbers.get(account)!;
}
/** An AI turn only: connected, but no conversation (cmt 14(b)(2)(i)-1 counts placed calls, conversations start prong B). */
const NO_ANSWER = "AI: Hello, this is Ava from Acme Recovery, please call us back.";

let seq = 0;
function line(account: string, receivedAt: Date, fields: Record<string, unknown> = {}): string {
  seq += 1;
  const payload = buildPayload({
    providerCallId: `${account}-c${seq}`,
    numberTo: numberFor(account),
    duration: 30,
    callOutput: "NO ANSWER",
    transcription: NO_ANSWER,
    metadata: { requestMetadata: { account_id: account, project_id: "proj_credit_cards" } },
    ...fields,
  });
  return JSON.stringify({ ...payload, receivedAt: receivedAt.toISOString() });
}

const drain = drainAccountJobs;

async function flagsOf(key: string) {
  const prisma = getPrisma();
  const account = await prisma.crmAccount.findUniqueOrThrow({ where: { key: `account_id:${key}` } });
  const flags = await prisma.complianceFlag.findMany({ where: { accountId: account.id }, orderBy: [{ placedAt: "asc" }, { rule: "asc" }] });
  const next = await prisma.complianceNextCall.findMany({ where: { accountId: account.id } });
  return { account, flags, next };
}

/** 16:00Z = 10:00 in Chicago (CST), well inside calling hours. */
function daysAgoAt16(n: number): Date {
  const d = new Date(Date.now() - n * DAY);
  d.setUTCHours(16, 0, 0, 0);
  return d;
}

beforeAll(() => {
  process.env.LEVERS_WEBHOOK_SECRET = SECRET;
});

describe("flags stored from imported history (12 CFR 1006.14(b)(2)(i)(A))", () => {
  it("an 8th placed call in 7 days raises R1 on that call with its citation; the 7 before it do not", async () => {
    // Two calls on 2026-11-02, then one a day to 11-08: the 8th falls inside the 7 days 11-02..11-08.
    const times = [Date.parse("2026-11-02T15:00:00Z"), Date.parse("2026-11-02T18:00:00Z")];
    for (let d = 3; d <= 8; d++) times.push(Date.parse(`2026-11-0${d}T16:00:00Z`));
    await importCalls(getPrisma(), Readable.from([times.map((t) => line("F1", new Date(t))).join("\n")]));
    await drain(db.url());
    const { flags } = await flagsOf("F1");
    const r1 = flags.filter((f) => f.rule === "R1");
    expect(r1).toHaveLength(1);
    expect(r1[0]).toMatchObject({
      citation: "12 CFR 1006.14(b)(2)(i)(A)",
      severity: "violation",
      status: "open",
      portfolio: "proj_credit_cards",
      rulesVersion: expect.any(String),
    });
    expect(r1[0]!.message).toContain("8th call in 7 days");
    expect(r1[0]!.message).toContain("proj_credit_cards");
    expect(r1[0]!.placedAt.toISOString().slice(0, 10)).toBe("2026-11-08");
  });

  it("7 calls in 7 days then one on the 8th day raise no frequency flag (cmt 14(b)(2)(i)-1, the Apr 1-8 example)", async () => {
    const lines = [];
    for (let d = 2; d <= 9; d++) lines.push(line("F2", new Date(`2026-11-${String(d).padStart(2, "0")}T16:00:00Z`)));
    await importCalls(getPrisma(), Readable.from([lines.join("\n")]));
    await drain(db.url());
    const { flags } = await flagsOf("F2");
    expect(flags.filter((f) => f.rule === "R1")).toEqual([]);
  });
});

describe("evaluation on a live delivery (the webhook queues, the worker evaluates)", () => {
  it("7 imported calls in the last 6 days plus one delivered now: the delivered call carries R1, the account's next call moves out", async () => {
    const lines = [];
    for (let n = 6; n >= 1; n--) lines.push(line("W1", daysAgoAt16(n)));
    lines.push(line("W1", new Date(daysAgoAt16(1).getTime() + 3_600_000)));
    await importCalls(getPrisma(), Readable.from([lines.join("\n")]));
    await drain(db.url());
    expect((await flagsOf("W1")).flags.filter((f) => f.rule === "R1")).toEqual([]);

    const payload = buildPayload({
      providerCallId: "W1-live",
      numberTo: numberFor("W1"),
      duration: 30,
      callOutput: "NO ANSWER",
      transcription: NO_ANSWER,
      metadata: { requestMetadata: { account_id: "W1", project_id: "proj_credit_cards" } },
    });
    const { request } = signedWebhookRequest(payload, { secret: SECRET });
    const response = await webhook(request);
    expect(response.status).toBe(200);
    // The answer did not wait for the guard: nothing is flagged until the worker runs.
    const live = await getPrisma().call.findFirstOrThrow({ where: { providerCallId: "W1-live" } });
    expect(await getPrisma().complianceFlag.count({ where: { callId: live.id } })).toBe(0);

    await drain(db.url());
    const { account, flags, next } = await flagsOf("W1");
    const r1 = flags.filter((f) => f.rule === "R1");
    expect(r1.map((f) => [f.callId, f.citation])).toEqual([[live.id, "12 CFR 1006.14(b)(2)(i)(A)"]]);
    const debt = next.find((n) => n.debtKey === "proj_credit_cards")!;
    // The oldest of the 8 leaves the 7 days only tomorrow (local calendar days, cmt 14(b)(2)(i)-1).
    expect(debt.nextAt!.getTime()).toBeGreaterThan(Date.now());
    expect(debt.reason).toMatch(/1006\.14\(b\)\(2\)\(i\)\(A\)|7 days/);
    expect(account.nextCallAt?.getTime()).toBe(debt.nextAt!.getTime());
    expect(account.nextCallReason).toContain("proj_credit_cards");
  });
});

describe("a number two accounts share (1006.14(b)(2): never fewer calls than the number received)", () => {
  const SHARED = "+13125559000";
  const shared = (account: string, at: string) => line(account, new Date(at), { numberTo: SHARED });
  // Four calls to each of two account keys on one number, 2026-11-02..11-05 (Chicago, 10:00 local).
  const times = (from: number) => [0, 1, 2, 3].map((d) => `2026-11-0${from + d}T16:00:00Z`);

  async function r1(key: string) {
    const { flags } = await flagsOf(key);
    const calls = await getPrisma().call.findMany({ where: { id: { in: flags.map((f) => f.callId) } } });
    return flags.filter((f) => f.rule === "R1").map((f) => calls.find((c) => c.id === f.callId)!.receivedAt.toISOString());
  }

  it("the 8th call to the number in 7 days is flagged on its own account, though each account had only 4", async () => {
    const a = times(2).map((t) => shared("S1", t));
    // S2's calls land an hour later each day: its 4th (11-05 17:00Z) is the number's 8th.
    const b = times(2).map((t) => shared("S2", t.replace("T16", "T17")));
    await importCalls(getPrisma(), Readable.from([a.join("\n")]));
    await drain(db.url());
    await importCalls(getPrisma(), Readable.from([b.join("\n")]));
    await drain(db.url());
    expect(await r1("S1")).toEqual([]);
    expect(await r1("S2")).toEqual(["2026-11-05T17:00:00.000Z"]);
  });

  it("the same flags whichever account's calls arrive first: the other account is re-derived when the number gets a call", async () => {
    // Mirror of the test above with the later account imported first.
    const a = times(2).map((t) => shared("S3", t));
    const b = times(2).map((t) => shared("S4", t.replace("T16", "T17")));
    // Another shared number: the first one already holds S1's and S2's calls.
    const other = (l: string) => l.replaceAll(SHARED, "+13125559001");
    await importCalls(getPrisma(), Readable.from([b.map(other).join("\n")]));
    await drain(db.url());
    expect(await r1("S4")).toEqual([]);
    await importCalls(getPrisma(), Readable.from([a.map(other).join("\n")]));
    await drain(db.url());
    expect(await r1("S3")).toEqual([]);
    expect(await r1("S4")).toEqual(["2026-11-05T17:00:00.000Z"]);
  });
});
