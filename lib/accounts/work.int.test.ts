import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { drainAccountJobs } from "@/lib/accounts/test-worker";
import { generateApiKey } from "@/lib/auth/api-keys";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import type { Viewer } from "@/lib/auth/viewer";
import { getPrisma } from "@/lib/db/client";
import { useTestDatabase } from "@/lib/testing/database";
import { buildPayload } from "@/lib/testing/payload-factory";
import { addDays, localDateOf, toLocal, zonedToInstant } from "@/lib/time/zones";
import { importCalls } from "./import";
import { rebuildAllAccounts } from "./rebuild";
import { getWork, getWorkCount, type QueueName } from "./work";
import { markWorkDone, snoozeWorkItem } from "./work-actions";
import { countAgentSummary, readAgentSummary, SUMMARY_MAX_AGE_MS } from "./work-summary";
import { accountsTaskList, WORK_SUMMARY_TASK } from "./worker";

/**
 * My work on a real PostgreSQL, from imported history with real past times
 * (relative to now), derived by the real worker tasks.
 */
const db = useTestDatabase();

const AGENT: Viewer = { id: "u-agent", email: "agent@test", name: "Agnes Agent", role: "agent", via: "session" };
const OTHER: Viewer = { id: "u-other", email: "other@test", name: "Otto Other", role: "agent", via: "session" };
const MANAGER: Viewer = { id: "u-manager", email: "manager@test", name: "Mona Manager", role: "manager", via: "session" };

/** A zone where it is between 04:00 and 22:00 now, so "today" has a passed hour and a coming one. */
const ZONE = ["America/New_York", "Europe/London", "Asia/Tokyo", "Pacific/Auckland", "America/Los_Angeles", "Asia/Kolkata"].find((z) => {
  const h = toLocal(new Date(), z).hour;
  return h >= 4 && h <= 21;
})!;

let seq = 0;
function line(account: string, receivedAt: Date, fields: Record<string, unknown> = {}): string {
  seq += 1;
  const payload = buildPayload({
    providerCallId: `${account}-w${seq}`,
    numberTo: "+13125550100",
    duration: 60,
    callOutput: "NOT INTERESTED",
    transcription: "AI: Hello, is this Sam?\nUser: Yes, speaking.",
    metadata: { requestMetadata: { account_id: account, project_id: "proj_1" } },
    ...fields,
  });
  return JSON.stringify({ ...payload, receivedAt: receivedAt.toISOString() });
}

const drain = () => drainAccountJobs(db.url());

async function load(lines: string[]) {
  const summary = await importCalls(getPrisma(), Readable.from([lines.join("\n")]));
  expect(summary.invalid).toBe(0);
  await drain();
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/** "December 3, 2026" for an ISO date. */
function spoken(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}
const promiseOn = (iso: string) => `AI: So that's $150 on ${spoken(iso)}?\nUser: Yes.`;
const localNoon = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return zonedToInstant(y, m, d, 12, 0, ZONE);
};

async function accountId(key: string): Promise<string> {
  return (await getPrisma().crmAccount.findUniqueOrThrow({ where: { key: `account_id:${key}` } })).id;
}

async function queue(viewer: Viewer, name: QueueName, agent?: string) {
  const view = await runAsTrustedViewer(viewer, () => getWork({ queue: name, agent }));
  return view.queues[0]!;
}
const keysIn = async (viewer: Viewer, name: QueueName, agent?: string) => (await queue(viewer, name, agent)).items.map((i) => i.accountKey);

const today = () => localDateOf(new Date(), ZONE);

beforeAll(async () => {
  const prisma = getPrisma();
  for (const v of [AGENT, OTHER, MANAGER]) await prisma.user.create({ data: { id: v.id, name: v.name, email: v.email, role: v.role } });
  // Every contact in this file lives in ZONE (no call carries its own zone, so the default applies).
  await prisma.crmSettings.upsert({ where: { id: 1 }, update: { defaultTimeZone: ZONE }, create: { id: 1, defaultTimeZone: ZONE } });
  const t = today();
  await load([
    // A promise for five days ago, no payment since: broken.
    line("W-BROKEN", localNoon(addDays(t, -9)), { callOutput: "PAYMENT PROMISE", transcription: promiseOn(addDays(t, -5)) }),
    // Due today and tomorrow in the contact's zone; one the day after is not in the queue yet.
    line("W-TODAY", localNoon(addDays(t, -3)), { callOutput: "PAYMENT PROMISE", transcription: promiseOn(t) }),
    line("W-TOMORROW", localNoon(addDays(t, -3)), { callOutput: "PAYMENT PROMISE", transcription: promiseOn(addDays(t, 1)) }),
    line("W-LATER", localNoon(addDays(t, -3)), { callOutput: "PAYMENT PROMISE", transcription: promiseOn(addDays(t, 2)) }),
    // Callbacks, asked for yesterday (noon local) "tomorrow at" an hour already passed today / still to come; and one two days overdue.
    line("W-CB-NOW", localNoon(addDays(t, -1)), {
      callOutput: "CALL BACK REQUESTED",
      transcription: `AI: Is now okay?\nUser: Call me tomorrow at ${hour12(toLocal(new Date(), ZONE).hour - 2)}.`,
    }),
    line("W-CB-LATER", localNoon(addDays(t, -1)), {
      callOutput: "CALL BACK REQUESTED",
      transcription: `AI: Is now okay?\nUser: Call me tomorrow at ${hour12(toLocal(new Date(), ZONE).hour + 2)}.`,
    }),
    line("W-CB-OVERDUE", localNoon(addDays(t, -4)), {
      callOutput: "CALL BACK REQUESTED",
      transcription: "AI: Is now okay?\nUser: Call me tomorrow at 6pm.",
    }),
    // A wrong number and a promise with no date (Needs review).
    line("W-WRONG", localNoon(addDays(t, -2)), { callOutput: "WRONG NUMBER", transcription: "AI: Is this Sam?\nUser: Wrong number." }),
    line("W-REVIEW", localNoon(addDays(t, -2)), {
      callOutput: "PAYMENT PROMISE",
      transcription: "AI: Can you pay?\nUser: I'll pay you $80 soon.",
    }),
  ]);
});

function hour12(h: number): string {
  return h === 0 ? "12am" : h < 12 ? `${h}am` : h === 12 ? "12pm" : `${h - 12}pm`;
}

describe("My work queues", () => {
  it("a broken promise, past due with no payment, is in My work; the navigation counts it", async () => {
    const broken = await queue(AGENT, "broken");
    expect(broken.items.map((i) => i.accountKey)).toContain("account_id:W-BROKEN");
    expect(broken.items.find((i) => i.accountKey === "account_id:W-BROKEN")!.title).toMatch(/\$150\.00 due .* broken/);
    expect((await runAsTrustedViewer(AGENT, () => getWorkCount())).count).toBeGreaterThanOrEqual(1);
  });

  it("promises due today and tomorrow in the contact's zone, soonest first", async () => {
    const due = await queue(AGENT, "due");
    expect(due.items.map((i) => [i.accountKey, i.when])).toEqual([
      ["account_id:W-TODAY", "today"],
      ["account_id:W-TOMORROW", "tomorrow"],
    ]);
  });

  it("callbacks due now in the contact's local time, and overdue ones; not one whose time is still to come", async () => {
    expect(await keysIn(AGENT, "callbacks_due")).toEqual(["account_id:W-CB-NOW"]);
    expect(await keysIn(AGENT, "callbacks_overdue")).toEqual(["account_id:W-CB-OVERDUE"]);
  });

  it("needs review and wrong numbers", async () => {
    expect(await keysIn(AGENT, "review")).toContain("account_id:W-REVIEW");
    const numbers = await queue(AGENT, "numbers");
    expect(numbers.items.map((i) => [i.accountKey, i.number])).toEqual([["account_id:W-WRONG", "+13125550100"]]);
  });

  it("snooze hides an item until its time passes (default: tomorrow 09:00 contact time); done removes it, through a rebuild", async () => {
    const item = (await queue(AGENT, "due")).items.find((i) => i.accountKey === "account_id:W-TODAY")!.item;
    const { until } = await runAsTrustedViewer(AGENT, () => snoozeWorkItem({ item }));
    const [y, m, d] = addDays(today(), 1).split("-").map(Number) as [number, number, number];
    expect(until).toEqual(zonedToInstant(y, m, d, 9, 0, ZONE));
    expect(await keysIn(AGENT, "due")).toEqual(["account_id:W-TOMORROW"]);
    const snooze = await getPrisma().crmAccountEvent.findFirstOrThrow({ where: { kind: "work_snooze" } });
    expect(snooze).toMatchObject({ by: AGENT.id, accountId: await accountId("W-TODAY") });
    // Time passes: the snooze's until is behind us, and the item is back.
    await getPrisma().crmAccountEvent.update({
      where: { id: snooze.id },
      data: { payload: { item, until: new Date(Date.now() - 1000).toISOString() } },
    });
    expect(await keysIn(AGENT, "due")).toContain("account_id:W-TODAY");

    const brokenItem = (await queue(AGENT, "broken")).items.find((i) => i.accountKey === "account_id:W-BROKEN")!.item;
    await runAsTrustedViewer(AGENT, () => markWorkDone({ item: brokenItem }));
    expect(await keysIn(AGENT, "broken")).not.toContain("account_id:W-BROKEN");
    await rebuildAllAccounts(getPrisma(), { log: () => {} });
    expect(await keysIn(AGENT, "broken")).not.toContain("account_id:W-BROKEN");
  });

  it("done on a callback closes it on the account too", async () => {
    const item = (await queue(AGENT, "callbacks_overdue")).items[0]!.item;
    await runAsTrustedViewer(AGENT, () => markWorkDone({ item }));
    await drain();
    const cb = await getPrisma().crmCallback.findFirstOrThrow({ where: { accountId: await accountId("W-CB-OVERDUE") } });
    expect(cb.status).toBe("done");
    expect(await keysIn(AGENT, "callbacks_overdue")).toEqual([]);
  });

  it("ownership: an agent sees their own and the unassigned accounts; managers filter by agent and see each agent's open work", async () => {
    await getPrisma().crmAccount.update({ where: { key: "account_id:W-TOMORROW" }, data: { assigneeId: OTHER.id } });
    expect(await keysIn(AGENT, "due")).not.toContain("account_id:W-TOMORROW");
    expect(await keysIn(OTHER, "due")).toContain("account_id:W-TOMORROW");
    expect(await keysIn(MANAGER, "due", OTHER.id)).toEqual(["account_id:W-TOMORROW"]);
    expect(await keysIn(MANAGER, "due", AGENT.id)).toEqual([]);
    expect(await keysIn(MANAGER, "due", "unassigned")).toContain("account_id:W-TODAY");
    expect(await keysIn(MANAGER, "due")).toEqual(expect.arrayContaining(["account_id:W-TODAY", "account_id:W-TOMORROW"]));
    const agents = await countAgentSummary(getPrisma());
    expect(agents.find((a) => a.assigneeId === OTHER.id)).toMatchObject({ name: OTHER.name, open: 1, byQueue: { due: 1 } });
    // Another agent's account is not this agent's to snooze.
    const item = (await queue(OTHER, "due")).items.find((i) => i.accountKey === "account_id:W-TOMORROW")!.item;
    await expect(runAsTrustedViewer(AGENT, () => snoozeWorkItem({ item }))).rejects.toMatchObject({ status: 403 });
    expect(await getPrisma().crmAccountEvent.count({ where: { payload: { path: ["item"], equals: item } } })).toBe(0);
  });

  it("an API key sees the queues of the admin who created it", async () => {
    const prisma = getPrisma();
    await prisma.user.create({ data: { id: "u-admin", name: "Ada Admin", email: "admin@test", role: "admin" } });
    const { prefix, hash } = generateApiKey();
    const key = await prisma.apiKey.create({ data: { name: "k", role: "agent", prefix, keyHash: hash, createdById: "u-admin" } });
    const viewer: Viewer = { id: `api_key:${key.id}`, email: "k", name: "key", role: "agent", via: "apiKey" };
    const view = await runAsTrustedViewer(viewer, () => getWork({ queue: "due" }));
    expect(view.scope).toEqual({ kind: "mine", userId: "u-admin" });
    expect(view.queues[0]!.items.map((i) => i.accountKey)).not.toContain("account_id:W-TOMORROW");
  });

  it("bad input: an unknown queue, a malformed item, an unknown item", async () => {
    const { parseWorkQuery } = await import("./work");
    expect(() => parseWorkQuery(new URLSearchParams("queue=nope"))).toThrow(/queue: one of/);
    await expect(runAsTrustedViewer(AGENT, () => markWorkDone({ item: "nope" }))).rejects.toMatchObject({ status: 422 });
    await expect(runAsTrustedViewer(AGENT, () => markWorkDone({ item: "broken:missing" }))).rejects.toMatchObject({ status: 404 });
    await expect(runAsTrustedViewer(null, () => getWork())).rejects.toMatchObject({ status: 401 });
  });
});

describe("counts past the cap", () => {
  it("a queue counts to 1,000 and says more; the navigation counts every queue together to 1,000+; the page keeps its order", async () => {
    const prisma = getPrisma();
    const account = await accountId("W-WRONG");
    const before = (await runAsTrustedViewer(AGENT, () => getWorkCount())).count;
    expect(before).toBeLessThan(100);
    // 1,100 more wrong numbers on one account, marked one minute apart (the oldest first in the queue).
    await prisma.$executeRaw`
      INSERT INTO crm_account_numbers (account_id, number, status, since, status_call_id, calls, last_call_at)
      SELECT ${account}::uuid, '+1555' || lpad(g::text, 7, '0'), 'wrong_number', now() - interval '30 days' + g * interval '1 minute',
             gen_random_uuid(), 1, now()
        FROM generate_series(1, 1100) g`;
    try {
      const numbers = await queue(AGENT, "numbers");
      expect(numbers).toMatchObject({ count: 1000, countCapped: true });
      expect(numbers.items).toHaveLength(50);
      expect(numbers.items.slice(0, 3).map((i) => i.number)).toEqual(["+15550000001", "+15550000002", "+15550000003"]);
      const at = numbers.items.map((i) => i.at!.getTime());
      expect(at).toEqual([...at].sort((a, b) => a - b));
      expect(await runAsTrustedViewer(AGENT, () => getWorkCount())).toEqual({ count: 1000, capped: true });
      // The other agent does not own this unassigned account's numbers any less: unassigned work is everyone's.
      expect(await runAsTrustedViewer(OTHER, () => getWorkCount())).toEqual({ count: 1000, capped: true });
      // A manager filtering by an agent with none of them sees none of them.
      expect((await queue(MANAGER, "numbers", OTHER.id)).count).toBe(0);
      // The per-agent summary is exact.
      expect((await countAgentSummary(prisma)).find((a) => a.assigneeId === null)!.byQueue.numbers).toBe(1101);
    } finally {
      await prisma.$executeRaw`DELETE FROM crm_account_numbers WHERE account_id = ${account}::uuid AND number LIKE '+1555%'`;
    }
    expect((await runAsTrustedViewer(AGENT, () => getWorkCount())).count).toBe(before);
  });
});

describe("a callback's own assignee", () => {
  it("a callback assigned to someone follows its assignee, not the account's owner, in every scope and in the summary", async () => {
    const prisma = getPrisma();
    const account = await accountId("W-CB-NOW");
    await prisma.crmAccount.update({ where: { id: account }, data: { assigneeId: AGENT.id } });
    await prisma.crmCallback.updateMany({ where: { accountId: account }, data: { assignee: OTHER.id } });
    try {
      expect(await keysIn(AGENT, "callbacks_due")).not.toContain("account_id:W-CB-NOW");
      expect(await keysIn(OTHER, "callbacks_due")).toEqual(["account_id:W-CB-NOW"]);
      expect(await keysIn(MANAGER, "callbacks_due", OTHER.id)).toEqual(["account_id:W-CB-NOW"]);
      expect(await keysIn(MANAGER, "callbacks_due", AGENT.id)).toEqual([]);
      expect(await keysIn(MANAGER, "callbacks_due", "unassigned")).toEqual([]);
      const agents = await countAgentSummary(prisma);
      expect(agents.find((a) => a.assigneeId === OTHER.id)!.byQueue.callbacks_due).toBe(1);
      expect(agents.find((a) => a.assigneeId === AGENT.id)?.byQueue.callbacks_due ?? 0).toBe(0);
      // Unassigned again: the account's owner decides.
      await prisma.crmCallback.updateMany({ where: { accountId: account }, data: { assignee: null } });
      expect(await keysIn(AGENT, "callbacks_due")).toEqual(["account_id:W-CB-NOW"]);
      expect(await keysIn(MANAGER, "callbacks_due", AGENT.id)).toEqual(["account_id:W-CB-NOW"]);
      expect(await keysIn(OTHER, "callbacks_due")).toEqual([]);
    } finally {
      await prisma.crmCallback.updateMany({ where: { accountId: account }, data: { assignee: null } });
      await prisma.crmAccount.update({ where: { id: account }, data: { assigneeId: null } });
    }
  });
});

describe("the managers' per-agent summary as last counted", () => {
  it("the page shows the stored count and when it was taken; an old count is recounted; the worker's task recounts", async () => {
    const prisma = getPrisma();
    const account = await accountId("W-WRONG");
    const unassignedNumbers = async (summary: { assigneeId: string | null; byQueue: Partial<Record<QueueName, number>> }[]) =>
      summary.find((a) => a.assigneeId === null)?.byQueue.numbers ?? 0;
    const first = await runAsTrustedViewer(MANAGER, () => getWork({}, { summary: true }));
    expect(first.agents!.rows).toEqual(await countAgentSummary(prisma));
    const before = await unassignedNumbers(first.agents!.rows);
    // Work added after the count: the page keeps showing the count it has, with its time, until it is recounted.
    await prisma.$executeRaw`
      INSERT INTO crm_account_numbers (account_id, number, status, since, status_call_id, calls, last_call_at)
      SELECT ${account}::uuid, '+1556' || lpad(g::text, 7, '0'), 'wrong_number', now() - interval '1 day', gen_random_uuid(), 1, now()
        FROM generate_series(1, 3) g`;
    try {
      const again = await runAsTrustedViewer(MANAGER, () => getWork({}, { summary: true }));
      expect(again.agents!.countedAt).toEqual(first.agents!.countedAt);
      expect(await unassignedNumbers(again.agents!.rows)).toBe(before);
      // The worker's minute task recounts (and a newer count is never replaced by an older one).
      await accountsTaskList[WORK_SUMMARY_TASK]!({}, {} as never);
      const recounted = await runAsTrustedViewer(MANAGER, () => getWork({}, { summary: true }));
      expect(recounted.agents!.countedAt.getTime()).toBeGreaterThan(first.agents!.countedAt.getTime());
      expect(await unassignedNumbers(recounted.agents!.rows)).toBe(before + 3);
      // With no recount for longer than the limit (no worker running), the reader counts itself.
      await prisma.$executeRaw`
        INSERT INTO crm_account_numbers (account_id, number, status, since, status_call_id, calls, last_call_at)
        VALUES (${account}::uuid, '+15569999999', 'wrong_number', now() - interval '1 day', gen_random_uuid(), 1, now())`;
      const later = new Date(recounted.agents!.countedAt.getTime() + SUMMARY_MAX_AGE_MS + 1);
      const stale = await readAgentSummary(prisma, { now: later });
      expect(stale.countedAt).toEqual(later);
      expect(await unassignedNumbers(stale.rows)).toBe(before + 4);
      expect((await readAgentSummary(prisma, { now: new Date(later.getTime() + 1000) })).countedAt).toEqual(later);
    } finally {
      await prisma.$executeRaw`DELETE FROM crm_account_numbers WHERE account_id = ${account}::uuid AND number LIKE '+1556%'`;
    }
  });
});
