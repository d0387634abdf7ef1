import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { drainAccountJobs } from "@/lib/accounts/test-worker";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import type { Viewer } from "@/lib/auth/viewer";
import { getPrisma } from "@/lib/db/client";
import { useTestDatabase } from "@/lib/testing/database";
import { buildPayload } from "@/lib/testing/payload-factory";
import { getAccountSettings, settingsFromForm, updateAccountSettings } from "./settings";
import { importUpload } from "./upload";

/** The accounts admin on a real PostgreSQL: settings validation, the history upload, round-robin ownership. */
const db = useTestDatabase();

const ADMIN: Viewer = { id: "u-admin", email: "admin@test", name: "Ada", role: "admin", via: "session" };
const AGENT: Viewer = { id: "u-a1", email: "a1@test", name: "Ann", role: "agent", via: "session" };
const ADMIN_KEY: Viewer = { id: "api_key:00000000-0000-0000-0000-000000000001", email: "k", name: "key", role: "admin", via: "apiKey" };

const VALID = {
  keyFields: ["account_id", "extra_id"],
  graceDays: 2,
  defaultTimeZone: "America/Chicago",
  defaultInstallments: 6,
  roundRobin: false,
  roundRobinUserIds: [] as string[],
};

let seq = 0;
function line(account: string, portfolio: string, receivedAt = "2026-03-02T15:00:00Z"): string {
  seq += 1;
  const payload = buildPayload({
    providerCallId: `adm-${account}-${seq}`,
    numberTo: "+13125550100",
    metadata: { requestMetadata: { account_id: account, project_id: portfolio } },
  });
  return JSON.stringify({ ...payload, receivedAt });
}

const body = (text: string) => new Response(text).body;
const upload = (text: string, viewer: Viewer | null = ADMIN) =>
  runAsTrustedViewer(viewer, () => importUpload(body(text), String(text.length)));

const drain = () => drainAccountJobs(db.url());

beforeAll(async () => {
  const prisma = getPrisma();
  for (const [id, role] of [
    ["u-admin", "admin"],
    ["u-a1", "agent"],
    ["u-a2", "agent"],
    ["u-gone", "agent"],
  ] as const)
    await prisma.user.create({ data: { id, name: id, email: `${id}@test`, role, banned: id === "u-gone" } });
});

describe("accounts settings", () => {
  it("out-of-range values are refused with the field named, and nothing is saved", async () => {
    const save = (patch: Record<string, unknown>) => runAsTrustedViewer(ADMIN, () => updateAccountSettings({ ...VALID, ...patch }));
    await expect(save({ graceDays: -1 })).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/^graceDays/) });
    await expect(save({ graceDays: 61 })).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/graceDays: at most 60/) });
    await expect(save({ defaultTimeZone: "Mars/Olympus" })).rejects.toMatchObject({ message: expect.stringMatching(/^defaultTimeZone/) });
    await expect(save({ defaultInstallments: 0 })).rejects.toMatchObject({ message: expect.stringMatching(/^defaultInstallments/) });
    await expect(save({ keyFields: [] })).rejects.toMatchObject({ message: expect.stringMatching(/^keyFields/) });
    await expect(save({ keyFields: ["a b"] })).rejects.toMatchObject({ message: expect.stringMatching(/^keyFields/) });
    await expect(save({ roundRobin: true, roundRobinUserIds: [] })).rejects.toMatchObject({
      message: expect.stringMatching(/^roundRobinUserIds/),
    });
    await expect(save({ roundRobinUserIds: ["u-gone"] })).rejects.toMatchObject({ message: expect.stringMatching(/^roundRobinUserIds/) });
    // The form's text is validated the same way ("abc" days is not a number).
    const form = new FormData();
    for (const [k, v] of Object.entries({ keyFields: "account_id", graceDays: "abc", defaultTimeZone: "UTC", defaultInstallments: "6" }))
      form.set(k, v);
    await expect(runAsTrustedViewer(ADMIN, () => updateAccountSettings(settingsFromForm(form)))).rejects.toMatchObject({
      message: expect.stringMatching(/^graceDays/),
    });
    expect(await getPrisma().crmSettings.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      graceDays: 0,
      updatedBy: null,
      roundRobin: false,
    });
  });

  it("only a signed-in admin may change them", async () => {
    await expect(runAsTrustedViewer(AGENT, () => updateAccountSettings(VALID))).rejects.toMatchObject({ status: 403 });
    await expect(runAsTrustedViewer(ADMIN_KEY, () => updateAccountSettings(VALID))).rejects.toMatchObject({ status: 403 });
    await expect(runAsTrustedViewer(AGENT, () => getAccountSettings())).rejects.toMatchObject({ status: 403 });
  });

  it("a valid change is saved, audited, and queues a re-derivation of every account", async () => {
    await upload([line("S1", "p"), line("S2", "p")].join("\n"));
    await drain();
    const change = await runAsTrustedViewer(ADMIN, () => updateAccountSettings(VALID));
    expect(change).toMatchObject({ changed: expect.arrayContaining(["graceDays", "defaultTimeZone"]), rederive: 2, rebuildNeeded: false });
    expect(await getPrisma().crmSettings.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ graceDays: 2, updatedBy: "u-admin" });
    const audit = await getPrisma().auditEvent.findFirstOrThrow({ where: { action: "accounts.settings_update" } });
    expect(audit.details).toMatchObject({ graceDays: { from: 0, to: 2 } });
    const client = new pg.Client({ connectionString: db.url() });
    await client.connect();
    const { rows } = await client.query(
      "SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'crm_derive_accounts'",
    );
    await client.end();
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
    const keys = await runAsTrustedViewer(ADMIN, () => updateAccountSettings({ ...VALID, keyFields: ["debtor_ref", "account_id"] }));
    expect(keys.rebuildNeeded).toBe(true);
    await runAsTrustedViewer(ADMIN, () => updateAccountSettings(VALID));
  });
});

describe("history upload", () => {
  it("imports good lines, reports a bad line by its number, and a re-upload is idempotent", async () => {
    const text = [line("U1", "p"), "{not json", line("U2", "p"), JSON.stringify({ type: "phone_call.ended" })].join("\n");
    const first = await upload(text);
    expect(first).toMatchObject({ lines: 4, imported: 2, alreadyKnown: 0, invalid: 2 });
    expect(first.errors.map((e) => e.line)).toEqual([2, 4]);
    expect(first.errors[0]!.message).toMatch(/not valid JSON/);
    const again = await upload(text);
    expect(again).toMatchObject({ imported: 0, alreadyKnown: 2, invalid: 2 });
    expect(await getPrisma().call.count({ where: { providerCallId: { startsWith: "adm-U" } } })).toBe(2);
    expect(await getPrisma().auditEvent.count({ where: { action: "calls.import" } })).toBeGreaterThanOrEqual(2);
  });

  it("refuses a file over the limit, an empty request, and anyone but an admin", async () => {
    await expect(runAsTrustedViewer(ADMIN, () => importUpload(body("x"), String(2 * 1024 ** 3)))).rejects.toMatchObject({ status: 413 });
    // A body longer than it said (or with no length) is cut off at the limit.
    const text = [line("U3", "p"), line("U4", "p")].join("\n");
    await expect(runAsTrustedViewer(ADMIN, () => importUpload(body(text), null, 100))).rejects.toMatchObject({ status: 413 });
    await expect(runAsTrustedViewer(ADMIN, () => importUpload(null, null))).rejects.toMatchObject({ status: 400 });
    await expect(upload(line("U5", "p"), AGENT)).rejects.toMatchObject({ status: 403 });
    await expect(upload(line("U6", "p"), null)).rejects.toMatchObject({ status: 401 });
    expect(await getPrisma().call.count({ where: { providerCallId: { startsWith: "adm-U5" } } })).toBe(0);
  });
});

describe("round-robin ownership", () => {
  it("new accounts are assigned in turn per portfolio among the chosen active agents; off leaves them unassigned", async () => {
    await runAsTrustedViewer(ADMIN, () => updateAccountSettings({ ...VALID, roundRobin: true, roundRobinUserIds: ["u-a1", "u-a2"] }));
    // A deactivated agent chosen before is skipped (chosen here behind the validation's back).
    await getPrisma().crmSettings.update({ where: { id: 1 }, data: { roundRobinUserIds: ["u-a1", "u-gone", "u-a2"] } });
    await upload(
      ["R1", "R2", "R3", "R4"]
        .map((a) => line(a, "auto"))
        .concat(["R5", "R6"].map((a) => line(a, "card")))
        .join("\n"),
    );
    await drain();
    const owners = async (keys: string[]) =>
      (
        await getPrisma().crmAccount.findMany({
          where: { key: { in: keys.map((k) => `account_id:${k}`) } },
          orderBy: { id: "asc" },
          select: { assigneeId: true },
        })
      ).map((a) => a.assigneeId);
    // In turn: each portfolio's new accounts split evenly (which account gets whom follows the order they were created in).
    expect((await owners(["R1", "R2", "R3", "R4"])).sort()).toEqual(["u-a1", "u-a1", "u-a2", "u-a2"]);
    expect((await owners(["R5", "R6"])).sort()).toEqual(["u-a1", "u-a2"]);
    // The turn carries on with the next new account of the portfolio, and an existing account keeps its owner.
    await upload([line("R7", "auto"), line("R1", "auto", "2026-03-03T15:00:00Z")].join("\n"));
    await drain();
    expect(await owners(["R7"])).toEqual(["u-a1"]);
    // Off (the agents still chosen): new accounts stay unassigned.
    await runAsTrustedViewer(ADMIN, () => updateAccountSettings({ ...VALID, roundRobinUserIds: ["u-a1", "u-a2"] }));
    await upload(line("R8", "auto"));
    await drain();
    expect(await owners(["R8"])).toEqual([null]);
  });
});
