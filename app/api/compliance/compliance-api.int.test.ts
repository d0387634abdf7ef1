import { Readable } from "node:stream";
import { Logger, runOnce } from "graphile-worker";
import { beforeAll, describe, expect, it } from "vitest";
import { importCalls } from "@/lib/accounts/import";
import { accountsTaskList } from "@/lib/accounts/worker";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import type { Viewer } from "@/lib/auth/viewer";
import { getPrisma } from "@/lib/db/client";
import { testPool, useTestDatabase } from "@/lib/testing/database";
import { buildPayload } from "@/lib/testing/payload-factory";
import { GET as check } from "./check/route";
import { PATCH as reviewFlag } from "./flags/[id]/route";
import { POST as clearHold } from "./holds/clear/route";
import { POST as addHold } from "./holds/route";
import { PUT as saveSettings } from "./settings/route";

/**
 * The compliance API on a real PostgreSQL, with history imported at past
 * times and the accounts worker run through its real queue: the dialer's
 * check, holds and clearances, flag reviews, settings, and who may do what.
 */
const db = useTestDatabase();
const quiet = new Logger(() => () => {});
const DAY = 86_400_000;
const NUMBER = "+13125550177";
const NO_ANSWER = "AI: Hello, this is Ava from Acme Recovery, please call us back.";

const AGENT: Viewer = { id: "api_key:agent", email: "agent@test", name: "Agent", role: "agent", via: "apiKey" };
const MANAGER: Viewer = { id: "u_manager", email: "manager@test", name: "Manager", role: "manager", via: "session" };
const ADMIN: Viewer = { id: "u_admin", email: "admin@test", name: "Admin", role: "admin", via: "session" };
const ADMIN_KEY: Viewer = { id: "api_key:admin", email: "admin-key@test", name: "Admin key", role: "admin", via: "apiKey" };

type Handler = (request: Request, context: never) => Promise<Response>;
async function as(viewer: Viewer | null, handler: Handler, url: string, init?: RequestInit, context?: unknown) {
  const response = await runAsTrustedViewer(viewer, () => handler(new Request(`http://localhost${url}`, init), context as never));
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read JSON answers of several shapes
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}
const json = (method: string, body: unknown): RequestInit => ({
  method,
  body: JSON.stringify(body),
  headers: { "content-type": "application/json" },
});

async function drain() {
  await new Promise((r) => setTimeout(r, 600)); // the trigger's half-second bucket closes
  await runOnce({ connectionString: db.url(), taskList: accountsTaskList, logger: quiet, concurrency: 1 });
}

function daysAgoAt16(n: number): Date {
  const d = new Date(Date.now() - n * DAY);
  d.setUTCHours(16, 0, 0, 0);
  return d;
}

function line(account: string, at: Date, i: number, number = NUMBER, fields: Record<string, unknown> = {}) {
  const payload = buildPayload({
    providerCallId: `${account}-${i}`,
    numberTo: number,
    duration: 30,
    callOutput: "NO ANSWER",
    transcription: NO_ANSWER,
    metadata: { requestMetadata: { account_id: account, project_id: "proj_credit_cards" } },
    ...fields,
  });
  return JSON.stringify({ ...payload, receivedAt: at.toISOString() });
}

let accountId = "";

beforeAll(async () => {
  await testPool().query(
    "INSERT INTO users (id, name, email, role) VALUES ('u_manager', 'Manager', 'manager@test', 'manager'), ('u_admin', 'Admin', 'admin@test', 'admin')",
  );
  // 8 calls within the last 7 days to one person about proj_credit_cards (12 CFR 1006.14(b)(2)(i)(A)).
  const lines = [];
  for (let n = 6; n >= 0; n--) lines.push(line("C1", daysAgoAt16(n + 1), n));
  lines.push(line("C1", new Date(daysAgoAt16(1).getTime() + 3_600_000), 99));
  await importCalls(getPrisma(), Readable.from([lines.join("\n")]));
  await drain();
  accountId = (await getPrisma().crmAccount.findUniqueOrThrow({ where: { key: "account_id:C1" } })).id;
});

describe("GET /api/compliance/check", () => {
  it("after 8 calls in 7 days: allowed false, the binding R1 reason with its citation, and when calling is allowed again", async () => {
    const { status, body } = await as(
      AGENT,
      check as Handler,
      `/api/compliance/check?number=${encodeURIComponent(NUMBER)}&project=proj_credit_cards`,
    );
    expect(status).toBe(200);
    expect(body.allowed).toBe(false);
    expect(body.reasons).toContainEqual(
      expect.objectContaining({ rule: "R1", citation: "12 CFR 1006.14(b)(2)(i)(A)", message: expect.stringContaining("7 days") }),
    );
    expect(Date.parse(body.nextAllowedAt)).toBeGreaterThan(Date.now());
    expect(body.accounts).toBe(1);
  });

  it("a number never called is allowed unless it is outside calling hours (12 CFR 1006.6(b)(1)(i))", async () => {
    const { status, body } = await as(AGENT, check as Handler, "/api/compliance/check?number=%2B13125550999&project=proj_credit_cards");
    expect(status).toBe(200);
    expect(body.accounts).toBe(0);
    expect(body.reasons.every((r: { rule: string }) => r.rule === "R3")).toBe(true);
    expect(body.allowed).toBe(body.reasons.length === 0);
  });

  it("a toll-free number never called has no zone: not allowed, saying so, unless the portfolio's setting allows unevaluable rules", async () => {
    const { body } = await as(AGENT, check as Handler, "/api/compliance/check?number=%2B18005550100");
    expect(body.allowed).toBe(false);
    expect(JSON.stringify(body.reasons)).toMatch(/zone unknown|unknown/i);
  });

  it("400 naming the field for a number that is not E.164, an unknown portfolio, or an unknown parameter", async () => {
    const bad = await as(AGENT, check as Handler, "/api/compliance/check?number=3125550177&project=proj_credit_cards");
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([expect.objectContaining({ path: "number" })]);
    const missing = await as(AGENT, check as Handler, "/api/compliance/check");
    expect(missing.status).toBe(400);
    expect(missing.body.issues[0].path).toBe("number");
    const portfolio = await as(AGENT, check as Handler, `/api/compliance/check?number=${encodeURIComponent(NUMBER)}&project=proj_nope`);
    expect(portfolio.status).toBe(400);
    expect(portfolio.body.issues).toEqual([expect.objectContaining({ path: "project" })]);
    const extra = await as(AGENT, check as Handler, `/api/compliance/check?number=${encodeURIComponent(NUMBER)}&dbt=1`);
    expect(extra.status).toBe(400);
    expect(extra.body.issues[0].path).toBe("dbt");
  });

  it("401 without a session or key", async () => {
    expect((await as(null, check as Handler, `/api/compliance/check?number=${encodeURIComponent(NUMBER)}`)).status).toBe(401);
  });
});

describe("holds and clearances", () => {
  it("a manual hold blocks at once; a clearance without a reason is refused; a manager's clearance with a reason unblocks", async () => {
    // A second person, called once: allowed except for calling hours.
    await importCalls(getPrisma(), Readable.from([line("H1", daysAgoAt16(3), 1, "+13125550188")]));
    await drain();
    const h1 = (await getPrisma().crmAccount.findUniqueOrThrow({ where: { key: "account_id:H1" } })).id;
    const url = "/api/compliance/check?number=%2B13125550188&project=proj_credit_cards";

    const noReason = await as(
      AGENT,
      addHold as Handler,
      "/api/compliance/holds",
      json("POST", { accountId: h1, kind: "written-cease", note: "" }),
    );
    expect(noReason.status).toBe(422);
    expect(noReason.body.issues).toEqual([expect.objectContaining({ path: "note" })]);
    expect(await getPrisma().complianceHold.count({ where: { accountId: h1 } })).toBe(0);

    const added = await as(
      AGENT,
      addHold as Handler,
      "/api/compliance/holds",
      json("POST", { accountId: h1, kind: "written-cease", note: "Letter received asking us to stop contact" }),
    );
    expect(added.status).toBe(201);
    const blocked = await as(AGENT, check as Handler, url);
    expect(blocked.body.allowed).toBe(false);
    expect(blocked.body.nextAllowedAt).toBeNull();
    expect(blocked.body.reasons).toContainEqual(expect.objectContaining({ rule: "R5", citation: "12 CFR 1006.6(c)(1)" }));

    // Agents may place holds but not clear them.
    const agentClear = await as(
      AGENT,
      clearHold as Handler,
      "/api/compliance/holds/clear",
      json("POST", { accountId: h1, holdId: added.body.id, reason: "x" }),
    );
    expect(agentClear.status).toBe(403);
    const blank = await as(
      MANAGER,
      clearHold as Handler,
      "/api/compliance/holds/clear",
      json("POST", { accountId: h1, holdId: added.body.id, reason: " " }),
    );
    expect(blank.status).toBe(422);
    expect(blank.body.issues[0].path).toBe("reason");
    expect((await as(AGENT, check as Handler, url)).body.allowed).toBe(false);

    const cleared = await as(
      MANAGER,
      clearHold as Handler,
      "/api/compliance/holds/clear",
      json("POST", { accountId: h1, holdId: added.body.id, reason: "Consumer withdrew the request in writing" }),
    );
    expect(cleared.status).toBe(201);
    const after = await as(AGENT, check as Handler, url);
    expect(after.body.reasons.filter((r: { rule: string }) => r.rule === "R5")).toEqual([]);
    const audit = await getPrisma().auditEvent.findMany({ where: { target: `account:${h1}` }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["compliance.hold_add", "compliance.hold_clear"]);

    // The worker re-evaluates: the stored next call follows the hold and its clearance.
    await drain();
    const next = await getPrisma().complianceNextCall.findFirstOrThrow({ where: { accountId: h1, debtKey: "proj_credit_cards" } });
    expect(next.rule).not.toBe("R5");
  });

  it("404 for an unknown account or hold", async () => {
    const res = await as(
      AGENT,
      addHold as Handler,
      "/api/compliance/holds",
      json("POST", { accountId: "00000000-0000-0000-0000-000000000000", kind: "written-dispute", note: "Dispute letter" }),
    );
    expect(res.status).toBe(404);
    const clear = await as(
      MANAGER,
      clearHold as Handler,
      "/api/compliance/holds/clear",
      json("POST", { accountId, holdId: "nope", reason: "whatever" }),
    );
    expect(clear.status).toBe(404);
  });
});

describe("flag reviews", () => {
  it("dismissing needs a reason, is audited, and survives re-evaluation; agents may not review", async () => {
    const flag = await getPrisma().complianceFlag.findFirstOrThrow({ where: { accountId, rule: "R1" } });
    const ctx = { params: Promise.resolve({ id: flag.id }) };
    const url = `/api/compliance/flags/${flag.id}`;
    expect((await as(AGENT, reviewFlag as Handler, url, json("PATCH", { status: "dismissed", reason: "ok" }), ctx)).status).toBe(403);
    const noReason = await as(MANAGER, reviewFlag as Handler, url, json("PATCH", { status: "dismissed" }), {
      params: Promise.resolve({ id: flag.id }),
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.issues[0].path).toBe("reason");
    const ok = await as(
      MANAGER,
      reviewFlag as Handler,
      url,
      json("PATCH", { status: "dismissed", reason: "Dialer test calls to our own line" }),
      {
        params: Promise.resolve({ id: flag.id }),
      },
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "dismissed", reason: "Dialer test calls to our own line", by: "u_manager" });
    const audit = await getPrisma().auditEvent.findFirstOrThrow({ where: { action: "compliance.flag_status" } });
    expect(audit.details).toMatchObject({ flagId: flag.id, from: "open", to: "dismissed" });

    // A re-derivation keeps the review (same flag key).
    await getPrisma()
      .$executeRaw`SELECT graphile_worker.add_job('crm_derive_accounts', json_build_object('accountIds', ARRAY[${accountId}]::text[]))`;
    await drain();
    const again = await getPrisma().complianceFlag.findUniqueOrThrow({ where: { id: flag.id } });
    expect(again).toMatchObject({ status: "dismissed", statusReason: "Dialer test calls to our own line" });
    const bad = await as(MANAGER, reviewFlag as Handler, "/api/compliance/flags/x", json("PATCH", { status: "confirmed" }), {
      params: Promise.resolve({ id: "x" }),
    });
    expect(bad.status).toBe(404);
  });
});

describe("PUT /api/compliance/settings", () => {
  it("refuses R3 off, R1 off for a debt collector, hours past 21:00 — naming each field and saving nothing; admins only, signed in", async () => {
    const bad = await as(
      ADMIN,
      saveSettings as Handler,
      "/api/compliance/settings",
      json("PUT", {
        default: { callingHours: { start: "08:00", end: "22:00" } },
        portfolios: { proj_credit_cards: { rules: { R3: false, R1: false } } },
      }),
    );
    expect(bad.status).toBe(422);
    const paths = bad.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "default.callingHours.end",
        "portfolios.proj_credit_cards.rules.R3",
        "portfolios.proj_credit_cards.rules.R1",
      ]),
    );
    expect(await getPrisma().complianceSettingsRow.count()).toBe(0);
    const settings = { default: {}, portfolios: { proj_credit_cards: { collectorType: "first-party", rules: { R1: false } } } };
    expect((await as(MANAGER, saveSettings as Handler, "/api/compliance/settings", json("PUT", settings))).status).toBe(403);
    expect((await as(ADMIN_KEY, saveSettings as Handler, "/api/compliance/settings", json("PUT", settings))).status).toBe(403);
    const ok = await as(ADMIN, saveSettings as Handler, "/api/compliance/settings", json("PUT", settings));
    expect(ok.status).toBe(200);
    expect(await getPrisma().auditEvent.count({ where: { action: "compliance.settings_update" } })).toBe(1);

    // First-party portfolio with R1 off: the re-evaluation drops the frequency block.
    await drain();
    const { body } = await as(
      AGENT,
      check as Handler,
      `/api/compliance/check?number=${encodeURIComponent(NUMBER)}&project=proj_credit_cards`,
    );
    expect(body.reasons.filter((r: { rule: string }) => r.rule === "R1")).toEqual([]);
    expect(await getPrisma().complianceFlag.count({ where: { accountId, rule: "R1" } })).toBe(0);
  });
});
