import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/accounts/export/route";
import { GET as listRoute } from "@/app/api/accounts/route";
import { GET as oneCallRoute } from "@/app/api/calls/[id]/route";
import { GET as callsRoute } from "@/app/api/calls/route";
import type { Viewer } from "@/lib/auth/guard";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import { getPrisma } from "@/lib/db/client";
import { parseCsv } from "@/lib/testing/csv";
import { useTestDatabase } from "@/lib/testing/database";
import { buildPayload } from "@/lib/testing/payload-factory";
import { importCalls } from "../import";
import { linkAndDeriveCalls } from "../store";
import { computeAccountFacets, runListAccounts } from "./query";
import { type AccountFilters, NO_ACCOUNT_FILTERS } from "./search-params";
import type { AccountListItem } from "./types";

/**
 * The accounts list on a real PostgreSQL, over imported history with real
 * past times (lib/accounts/import.ts), derived by the production store: each
 * filter, the search, keyset paging, the API's 400s and roles, the CSV.
 */
useTestDatabase();

const AGENT: Viewer = { id: "api_key:agent", email: "agent@test", name: "Agent", role: "agent", via: "apiKey" };
const NOW = Date.now();
const DAY = 86_400_000;
const at = (offsetDays: number) => new Date(NOW + offsetDays * DAY).toISOString();
const spoken = (offsetDays: number) =>
  new Date(NOW + offsetDays * DAY).toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });
const RPC = "AI: Hello, is this Sam?\nUser: Yes, speaking.";

let seq = 0;
function line(account: string, daysAgo: number, fields: Record<string, unknown> = {}, project = "proj_1"): string {
  seq += 1;
  const payload = buildPayload({
    providerCallId: `${account}-c${seq}`,
    numberTo: "+13125550100",
    duration: 60,
    callOutput: "NOT INTERESTED",
    transcription: RPC,
    metadata: { requestMetadata: { account_id: account, project_id: project } },
    ...fields,
  });
  return JSON.stringify({ ...payload, receivedAt: at(-daysAgo) });
}

async function list(
  filters: Partial<AccountFilters> = {},
  page: { sort?: "lastCall.desc" | "lastCall.asc" | "nextCall.asc"; cursor?: string | null; limit?: number } = {},
) {
  return runListAccounts(
    getPrisma(),
    { ...NO_ACCOUNT_FILTERS, ...filters },
    { sort: page.sort ?? "lastCall.desc", cursor: page.cursor ?? null, limit: page.limit ?? 50 },
    { invalidCursor: "throw" },
  );
}
const keys = (items: AccountListItem[]) => items.map((i) => i.key.replace("account_id:", "")).sort();

beforeAll(async () => {
  const lines = [
    // BROKEN: promised 20 days ago for 15 days ago, nothing paid.
    line("BROKEN", 20, { callOutput: "PAYMENT PROMISE", transcription: `AI: So that's $150 on ${spoken(-15)}?\nUser: Yes.` }),
    // DUE: promised an hour ago for the day after tomorrow.
    line("DUE", 0.05, { callOutput: "PAYMENT PROMISE", transcription: `AI: So that's $80 on ${spoken(2)}?\nUser: Yes.` }),
    // FAR: promised for a day months away.
    line("FAR", 1, { callOutput: "PAYMENT PROMISE", transcription: `AI: So that's $60 on ${spoken(90)}?\nUser: Yes.` }),
    line("CB", 0.1, { callOutput: "CALL BACK REQUESTED", transcription: "AI: Is now okay?\nUser: Call me tomorrow after six." }),
    line("WRONG", 2, { numberTo: "+13125550199", callOutput: "WRONG NUMBER", transcription: "AI: Is this Sam?\nUser: Wrong number." }),
    // NEVER: only voicemail, 30 days ago (outside "the last 7 days").
    line("NEVER", 30, { numberTo: "+14155550123", callOutput: "VOICEMAIL", transcription: "AI: Hello, this is a message for Sam." }),
    line("PORT2", 3, {}, "proj_2"),
    line("PORT2", 1, {}, "proj_2"),
    line("PORT2", 0.5, {}, "proj_2"),
  ];
  // Enough plain accounts to page through.
  for (let i = 0; i < 40; i++) lines.push(line(`P${String(i).padStart(3, "0")}`, 4 + i * 0.25));
  const prisma = getPrisma();
  const summary = await importCalls(prisma, Readable.from([lines.join("\n")]));
  expect(summary.invalid).toBe(0);
  const ids = (await prisma.call.findMany({ select: { id: true } })).map((c) => c.id);
  await linkAndDeriveCalls(prisma, ids);
  const users = [
    { id: "u-ann", name: "Ann Agent", email: "ann@test" },
    { id: "u-bob", name: "Bob Agent", email: "bob@test" },
  ];
  for (const u of users) await prisma.user.create({ data: { ...u, role: "agent" } });
  await prisma.crmAccount.update({ where: { key: "account_id:DUE" }, data: { assigneeId: "u-ann" } });
  await prisma.crmAccount.update({ where: { key: "account_id:CB" }, data: { assigneeId: "u-bob" } });
  // The compliance guard evaluates every derived account; clear its answer on all but CB to see how
  // accounts not evaluated yet (derived before the guard ran) show and sort.
  await prisma.crmAccount.updateMany({ where: { key: { not: "account_id:CB" } }, data: { nextCallAt: null, nextCallReason: null } });
  await prisma.crmAccount.update({
    where: { key: "account_id:CB" },
    data: { nextCallAt: new Date(NOW + 3600_000), nextCallReason: "Outside calling hours" },
  });
  // Evaluated, and no time is permitted in the guard's horizon: no instant, but a reason.
  await prisma.crmAccount.update({
    where: { key: "account_id:DUE" },
    data: { nextCallAt: null, nextCallReason: "proj_1: on hold: asked not to be called — 12 CFR 1006.14(h)(1)" },
  });
});

describe("accounts list filters", () => {
  it("shows what an agent works from: numbers with status, portfolio, last call, open promise, attempts", async () => {
    const { items, total } = await list();
    expect(total).toBe(47);
    const wrong = items.find((i) => i.key === "account_id:WRONG")!;
    expect(wrong.numbers).toEqual([{ number: "+13125550199", status: "wrong_number" }]);
    expect(wrong.lastCall).toMatchObject({ outcome: "WRONG NUMBER" });
    const due = items.find((i) => i.key === "account_id:DUE")!;
    expect(due.openPromise).toMatchObject({ amountCents: 8000, dueDate: at(2).slice(0, 10), status: "pending" });
    expect(due.assignee).toEqual({ id: "u-ann", name: "Ann Agent" });
    const port2 = items.find((i) => i.key === "account_id:PORT2")!;
    expect(port2).toMatchObject({ portfolios: ["proj_2"], calls: 3, attemptsLast7Days: 3, rightPartyContacts: 3 });
    const never = items.find((i) => i.key === "account_id:NEVER")!;
    expect(never).toMatchObject({ attemptsLast7Days: 0, rightPartyContacts: 0, nextCall: null });
    expect(items.find((i) => i.key === "account_id:CB")!.nextCall).toEqual({
      at: new Date(NOW + 3600_000).toISOString(),
      reason: "Outside calling hours",
    });
    // An account the guard blocks is not "not evaluated": it keeps its reason (this was null, shown as "Not evaluated").
    expect(due.nextCall).toEqual({ at: null, reason: "proj_1: on hold: asked not to be called — 12 CFR 1006.14(h)(1)" });
  });

  it("has broken promise", async () => {
    expect(keys((await list({ broken: true })).items)).toEqual(["BROKEN"]);
    expect((await list({ broken: false })).total).toBe(46);
  });

  it("promise due within N days", async () => {
    expect(keys((await list({ dueIn: 3 })).items)).toEqual(["DUE"]);
    expect(keys((await list({ dueIn: 1 })).items)).toEqual([]);
    expect(keys((await list({ dueIn: 120 })).items)).toEqual(["DUE", "FAR"]);
  });

  it("open callback", async () => {
    const { items } = await list({ callback: true });
    expect(keys(items)).toEqual(["CB"]);
    expect(items[0]!.openCallback?.dueAt).toEqual(expect.any(String));
  });

  it("wrong number", async () => {
    expect(keys((await list({ wrongNumber: true })).items)).toEqual(["WRONG"]);
  });

  it("never reached (no right-party contact)", async () => {
    expect(keys((await list({ neverReached: true })).items)).toEqual(["NEVER", "WRONG"]);
  });

  it("portfolio", async () => {
    expect(keys((await list({ portfolio: ["proj_2"] })).items)).toEqual(["PORT2"]);
    expect((await list({ portfolio: ["proj_1", "proj_2"] })).total).toBe(47);
  });

  it("assignee, including unassigned", async () => {
    expect(keys((await list({ assignee: ["u-ann"] })).items)).toEqual(["DUE"]);
    expect(keys((await list({ assignee: ["u-ann", "u-bob"] })).items)).toEqual(["CB", "DUE"]);
    expect((await list({ assignee: ["unassigned"] })).total).toBe(45);
    expect((await list({ assignee: ["unassigned", "u-bob"] })).total).toBe(46);
  });

  it("filters combine", async () => {
    expect(keys((await list({ neverReached: true, wrongNumber: false })).items)).toEqual(["NEVER"]);
  });

  it("search by number: E.164, national digits, formatted, prefix", async () => {
    for (const q of ["+14155550123", "4155550123", "(415) 555-0123", "1415555", "+1415"]) {
      expect(keys((await list({ q })).items), q).toEqual(["NEVER"]);
    }
  });

  it("search by account key prefix, case-insensitive; LIKE wildcards are literal", async () => {
    expect(keys((await list({ q: "port" })).items)).toEqual(["PORT2"]);
    expect(keys((await list({ q: "account_id:WRO" })).items)).toEqual(["WRONG"]);
    expect((await list({ q: "P0" })).total).toBe(40);
    expect((await list({ q: "%" })).total).toBe(0);
    expect((await list({ q: "_" })).total).toBe(0);
  });
});

describe("accounts list facet counts", () => {
  it("count each option with every other filter applied but its own", async () => {
    const all = await computeAccountFacets(getPrisma(), NO_ACCOUNT_FILTERS);
    expect(all).toEqual({
      flags: { broken: 1, callback: 1, wrongNumber: 1, neverReached: 2 },
      portfolio: [
        { value: "proj_1", label: "proj_1", count: 46 },
        { value: "proj_2", label: "proj_2", count: 1 },
      ],
      assignee: [
        { value: "unassigned", label: "Unassigned", count: 45 },
        { value: "u-ann", label: "Ann Agent", count: 1 },
        { value: "u-bob", label: "Bob Agent", count: 1 },
      ],
    });
    const unreached = await computeAccountFacets(getPrisma(), { ...NO_ACCOUNT_FILTERS, neverReached: true, portfolio: ["proj_2"] });
    expect(unreached?.flags).toEqual({ broken: 0, callback: 0, wrongNumber: 0, neverReached: 0 });
    expect(unreached?.portfolio).toEqual([{ value: "proj_1", label: "proj_1", count: 2 }]);
  });
});

describe("accounts list keyset paging", () => {
  it("walks every account exactly once, in order, and back again", async () => {
    for (const sort of ["lastCall.desc", "lastCall.asc", "nextCall.asc"] as const) {
      const pages: AccountListItem[][] = [];
      let cursor: string | null = null;
      do {
        const page = await list({}, { sort, cursor, limit: 7 });
        pages.push(page.items);
        cursor = page.nextCursor;
      } while (cursor);
      const walked = pages.flat().map((i) => i.id);
      expect(new Set(walked).size, sort).toBe(47);
      // Back from the last page: the previous page is exactly the one before it.
      const last = await list({}, { sort, cursor: null, limit: 7 });
      const second = await list({}, { sort, cursor: last.nextCursor, limit: 7 });
      const back = await list({}, { sort, cursor: second.prevCursor, limit: 7 });
      expect(back.items.map((i) => i.id)).toEqual(last.items.map((i) => i.id));
    }
    const desc = (await list({}, { limit: 50 })).items.map((i) => i.lastCall?.at ?? "");
    expect(desc).toEqual([...desc].sort().reverse());
    const next = (await list({}, { sort: "nextCall.asc", limit: 2 })).items;
    expect(next[0]!.key).toBe("account_id:CB"); // the only evaluated one first, not-evaluated after
  });

  it("a new account between two requests neither duplicates nor skips a row", async () => {
    const first = await list({ q: "P0" }, { limit: 10 });
    const prisma = getPrisma();
    await importCalls(prisma, Readable.from([line("P0NEW", 0)]));
    const id = (await prisma.call.findFirstOrThrow({ where: { providerCallId: { startsWith: "P0NEW" } } })).id;
    await linkAndDeriveCalls(prisma, [id]);
    const rest: AccountListItem[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await list({ q: "P0" }, { limit: 10, cursor });
      rest.push(...page.items);
      cursor = page.nextCursor;
    }
    const all = [...first.items, ...rest].map((i) => i.key);
    expect(all).toHaveLength(40);
    expect(new Set(all).size).toBe(40);
    expect(all).not.toContain("account_id:P0NEW");
  });
});

const get = (url: string, viewer: Viewer | null = AGENT, handler = listRoute) =>
  runAsTrustedViewer(viewer, () => handler(new Request(`http://localhost${url}`), undefined));

describe("GET /api/accounts", () => {
  it("answers {items, nextCursor, total} with the page's filters", async () => {
    const res = await get("/api/accounts?neverReached=true&limit=1");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: AccountListItem[]; nextCursor: string; total: number };
    expect(body.total).toBe(2);
    expect(body.items).toHaveLength(1);
    const next = (await (await get(`/api/accounts?neverReached=true&limit=1&cursor=${body.nextCursor}`)).json()) as typeof body;
    expect(next.items[0]!.id).not.toBe(body.items[0]!.id);
    expect(next.nextCursor).toBeNull();
  });

  it.each([
    ["/api/accounts?broken=yes", "broken"],
    ["/api/accounts?dueIn=-1", "dueIn"],
    ["/api/accounts?dueIn=999", "dueIn"],
    ["/api/accounts?limit=0", "limit"],
    ["/api/accounts?sort=key", "sort"],
    ["/api/accounts?cursor=bad!", "cursor"],
    ["/api/accounts?cursor=eyJ2IjoxfQ", "cursor"],
    ["/api/accounts?colour=red", "colour"],
    ["/api/accounts?q=a&q=b", "q"],
    ["/api/accounts?portfolio=", "portfolio"],
  ])("%s → 400 naming %s", async (url, field) => {
    const res = await get(url);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string } };
    expect(JSON.stringify(body)).toContain(field);
  });

  it("a cursor made for another order is a 400 that says so", async () => {
    const { nextCursor } = await list({}, { limit: 2 });
    const res = await get(`/api/accounts?sort=nextCall.asc&cursor=${nextCursor}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("sort=lastCall.desc");
  });

  it("needs a signed-in agent or an API key", async () => {
    expect((await get("/api/accounts", null)).status).toBe(401);
    expect((await get("/api/accounts/export", null, exportRoute)).status).toBe(401);
    for (const role of ["agent", "manager", "admin"] as const) {
      expect((await get("/api/accounts", { ...AGENT, role })).status).toBe(200);
    }
  });
});

describe("GET /api/accounts/export", () => {
  it("every matching account as CSV, in the list's order, paging keys ignored", async () => {
    const res = await get("/api/accounts/export?neverReached=true&limit=1&cursor=abc", AGENT, exportRoute);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain("accounts_never-reached_");
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ""));
    expect(rows[0]).toContain("openPromiseDue");
    const keyCol = rows[0]!.indexOf("key");
    expect(rows.slice(1).map((r) => r[keyCol])).toEqual(["account_id:WRONG", "account_id:NEVER"]);
    const numbersCol = rows[0]!.indexOf("numbers");
    expect(rows[1]![numbersCol]).toBe("wrong_number +13125550199");
  });

  it("bad filters are a 400, not a file", async () => {
    expect((await get("/api/accounts/export?wrongNumber=maybe", AGENT, exportRoute)).status).toBe(400);
  });
});

describe("each call's JSON carries its accountId", () => {
  it("in GET /api/calls and GET /api/calls/{id}; null while the call is not derived yet", async () => {
    const prisma = getPrisma();
    const account = await prisma.crmAccount.findUniqueOrThrow({ where: { key: "account_id:WRONG" } });
    const call = await prisma.call.findFirstOrThrow({ where: { providerCallId: { startsWith: "WRONG-" } } });
    const listed = (await (await get("/api/calls?outcome=WRONG%20NUMBER", AGENT, callsRoute)).json()) as {
      items: { id: string; accountId: string | null }[];
    };
    expect(listed.items.find((i) => i.id === call.id)?.accountId).toBe(account.id);
    const one = await runAsTrustedViewer(AGENT, () =>
      oneCallRoute(new Request(`http://localhost/api/calls/${call.id}`), { params: Promise.resolve({ id: call.id }) }),
    );
    expect(((await one.json()) as { accountId: string | null }).accountId).toBe(account.id);

    await importCalls(prisma, Readable.from([line("UNDERIVED", 0)]));
    const fresh = await prisma.call.findFirstOrThrow({ where: { providerCallId: { startsWith: "UNDERIVED-" } } });
    const before = await runAsTrustedViewer(AGENT, () =>
      oneCallRoute(new Request(`http://localhost/api/calls/${fresh.id}`), { params: Promise.resolve({ id: fresh.id }) }),
    );
    expect(((await before.json()) as { accountId: string | null }).accountId).toBeNull();
  });
});

describe("the total of a large set", () => {
  it("is exact up to 10,000 matches, then the planner's estimate, flagged", async () => {
    const prisma = getPrisma();
    await prisma.$executeRaw`
      INSERT INTO crm_accounts (key, key_source, last_call_at, derived_at)
      SELECT 'account_id:BULK' || i, 'metadata', now() - i * interval '1 minute', now() FROM generate_series(1, 12000) i`;
    await prisma.$executeRaw`ANALYZE crm_accounts`;
    const bulk = await list({ q: "bulk" }, { limit: 5 });
    expect(bulk.totalIsEstimate).toBe(true);
    expect(bulk.total).toBeGreaterThan(10_000);
    expect(bulk.total).toBeLessThan(20_000);
    const exact = await list({ q: "bulk1" }, { limit: 5 });
    expect(exact).toMatchObject({ total: 1 + 10 + 100 + 1000 + 2001, totalIsEstimate: false });
  });
});

describe("facet counts of a large set", () => {
  it("are the planner's estimates, flagged, when the set is too big to count; a small set is still counted", async () => {
    const prisma = getPrisma();
    await prisma.$executeRaw`
      INSERT INTO crm_accounts (key, key_source, last_call_at, derived_at, right_party_contacts, portfolios)
      SELECT 'account_id:MORE' || i, 'metadata', now() - i * interval '1 minute', now(), 1, ARRAY['proj_3'] FROM generate_series(1, 15000) i`;
    await prisma.$executeRaw`ANALYZE crm_accounts`;
    const all = (await computeAccountFacets(prisma, NO_ACCOUNT_FILTERS))!;
    expect(all.estimatedFlags).toEqual(["broken", "callback", "wrongNumber", "neverReached"]);
    // The 12,000 bulk accounts above have no right-party contact.
    expect(all.flags.neverReached).toBeGreaterThan(10_000);
    expect(all.flags.neverReached).toBeLessThan(14_500);
    expect(all.portfolio[0]).toMatchObject({ value: "proj_3", label: "proj_3", estimated: true });
    expect(all.portfolio[0]!.count).toBeGreaterThan(13_000);
    expect(all.portfolio[0]!.count).toBeLessThan(17_000);
    expect(all.assignee[0]).toMatchObject({ value: "unassigned", label: "Unassigned", estimated: true });

    const port2 = await computeAccountFacets(prisma, { ...NO_ACCOUNT_FILTERS, q: "PORT2" });
    expect(port2).toEqual({
      flags: { broken: 0, callback: 0, wrongNumber: 0, neverReached: 0 },
      portfolio: [{ value: "proj_2", label: "proj_2", count: 1 }],
      assignee: [{ value: "unassigned", label: "Unassigned", count: 1 }],
    });
    expect(port2?.estimatedFlags).toBeUndefined();
  });
});
