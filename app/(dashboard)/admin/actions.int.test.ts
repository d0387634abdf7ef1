import { beforeAll, describe, expect, it } from "vitest";
import { IDLE } from "@/lib/auth/admin/action-state";
import { generateApiKey } from "@/lib/auth/api-keys";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import type { Viewer } from "@/lib/auth/viewer";
import { prisma } from "@/lib/db/client";
import { useTestDatabase } from "@/lib/testing/database";
import { createApiKeyAction, revokeApiKeyAction } from "./api-keys/actions";
import { createUserAction, resetPasswordAction, setActiveAction, setRoleAction, unlockAction } from "./users/actions";
import { replayDeliveryAction, replayInvalidAction } from "./webhooks/actions";

/**
 * A server action is an HTTP endpoint anyone signed in (or not) can POST once
 * they know its id. Every admin action must refuse everyone but a signed-in
 * admin, and change nothing when it does.
 */
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

const ADMIN: Viewer = { id: "u-admin", email: "admin@test", name: "Admin", role: "admin", via: "session" };
const CALLERS: [string, Viewer | null][] = [
  ["anonymous", null],
  ["an agent", { id: "u-agent", email: "agent@test", name: "Agent", role: "agent", via: "session" }],
  ["a manager", { id: "u-manager", email: "manager@test", name: "Manager", role: "manager", via: "session" }],
  [
    "an admin API key",
    { id: "api_key:00000000-0000-0000-0000-000000000001", email: "lvk_x…", name: "Admin key", role: "admin", via: "apiKey" },
  ],
];

describe("admin server actions refuse everyone but a signed-in admin", () => {
  useTestDatabase();
  let keyId = "";
  let deliveryId = "";

  beforeAll(async () => {
    for (const [id, role] of [
      ["u-admin", "admin"],
      ["u-agent", "agent"],
      ["u-manager", "manager"],
    ]) {
      await prisma.user.create({ data: { id: id!, name: id!, email: `${role}@test`, role: role! } });
    }
    const { prefix, hash } = generateApiKey();
    keyId = (await prisma.apiKey.create({ data: { name: "existing", role: "agent", prefix, keyHash: hash, createdById: "u-admin" } })).id;
    await prisma.rateLimit.create({
      data: { id: "lock-agent", key: "sign-in-failures:email:agent@test", count: 9, lastRequest: BigInt(Date.now()) },
    });
    deliveryId = (
      await prisma.webhookDelivery.create({
        data: { messageId: "msg_refusals", status: "invalid", rawBody: "{}", eventType: "phone_call.ended" },
      })
    ).id;
  });

  const actions: [string, () => Promise<{ ok: boolean; message: string | null }>][] = [
    ["create a user", () => createUserAction(IDLE, form({ name: "Eve", email: "eve@test", role: "admin", password: "a-long-password-1" }))],
    ["change a role", () => setRoleAction(IDLE, form({ userId: "u-agent", role: "admin" }))],
    ["reset a password", () => resetPasswordAction(IDLE, form({ userId: "u-agent", password: "a-long-password-2" }))],
    ["deactivate a user", () => setActiveAction(IDLE, form({ userId: "u-agent", active: "false" }))],
    ["lift a sign-in lock-out", () => unlockAction(IDLE, form({ userId: "u-agent" }))],
    ["create an API key", () => createApiKeyAction(IDLE, form({ name: "child", role: "admin" }))],
    ["revoke an API key", () => revokeApiKeyAction(IDLE, form({ id: keyId }))],
    ["replay a delivery", () => replayDeliveryAction(IDLE, form({ id: deliveryId }))],
    ["replay every invalid delivery", () => replayInvalidAction(IDLE)],
  ];

  async function snapshot() {
    return {
      users: await prisma.user.findMany({ orderBy: { id: "asc" }, select: { id: true, role: true, banned: true } }),
      accounts: await prisma.account.count(),
      keys: await prisma.apiKey.findMany({ orderBy: { id: "asc" }, select: { id: true, revokedAt: true } }),
      deliveries: await prisma.webhookDelivery.findMany({ select: { id: true, status: true, attempts: true } }),
      audit: await prisma.auditEvent.count(),
      failures: await prisma.rateLimit.findMany({ select: { key: true, count: true } }),
    };
  }

  for (const [who, viewer] of CALLERS) {
    for (const [what, run] of actions) {
      it(`${who} cannot ${what}`, async () => {
        const before = await snapshot();
        const result = await runAsTrustedViewer(viewer, run);
        expect(result.ok).toBe(false);
        expect(result.message).toMatch(
          viewer === null ? /sign in/i : viewer.via === "apiKey" ? /signed in as an admin/i : /role does not allow/i,
        );
        expect(await snapshot()).toEqual(before);
      });
    }
  }

  it("an admin cannot take away their own admin role or deactivate themselves", async () => {
    const before = await snapshot();
    // The commands the actions run (outside a request there is no form post to make).
    const { deactivateUser, setUserRole } = await import("@/lib/auth/admin/users");
    await expect(runAsTrustedViewer(ADMIN, () => setUserRole(ADMIN.id, "agent", new Headers()))).rejects.toThrow(/own admin role/);
    await expect(runAsTrustedViewer(ADMIN, () => setUserRole(ADMIN.id, "manager", new Headers()))).rejects.toThrow(/own admin role/);
    await expect(runAsTrustedViewer(ADMIN, () => deactivateUser(ADMIN.id, "bye", new Headers()))).rejects.toThrow(/own account/);
    expect(await snapshot()).toEqual(before);
  });

  it("the key and user commands themselves (not only the actions) refuse an admin API key", async () => {
    const { createApiKey, revokeApiKey } = await import("@/lib/auth/admin/api-keys");
    const { createUser } = await import("@/lib/auth/admin/users");
    const key = CALLERS[3]![1];
    const before = await snapshot();
    await expect(runAsTrustedViewer(key, () => createApiKey({ name: "child", role: "admin" }))).rejects.toThrow(/signed in as an admin/);
    await expect(runAsTrustedViewer(key, () => revokeApiKey(keyId))).rejects.toThrow(/signed in as an admin/);
    await expect(
      runAsTrustedViewer(key, () =>
        createUser({ name: "Eve", email: "eve@test", role: "admin", password: "a-long-password-1" }, new Headers()),
      ),
    ).rejects.toThrow(/signed in as an admin/);
    expect(await snapshot()).toEqual(before);
  });

  it("a key minted by another key before keys needed a session (no creator) no longer authenticates", async () => {
    const { authenticateApiKey } = await import("@/lib/auth/api-keys");
    const child = generateApiKey();
    await prisma.apiKey.create({
      data: { name: "child of a key", role: "admin", prefix: child.prefix, keyHash: child.hash, createdById: null },
    });
    expect(await authenticateApiKey(child.key)).toBeNull();
    const owned = generateApiKey();
    await prisma.apiKey.create({
      data: { name: "owned", role: "agent", prefix: owned.prefix, keyHash: owned.hash, createdById: "u-admin" },
    });
    expect(await authenticateApiKey(owned.key)).toMatchObject({ name: "owned" });
  });
});
