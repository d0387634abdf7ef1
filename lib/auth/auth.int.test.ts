import { beforeAll, describe, expect, it } from "vitest";
import { POST as authRoute } from "@/app/api/auth/[...all]/route";
import { prisma } from "@/lib/db/client";
import { useTestDatabase } from "@/lib/testing/database";
import { generateApiKey } from "./api-keys";
import { recordAudit } from "./audit";
import { getAuth, resetAuthForTests } from "./auth";
import { bootstrapFirstAdmin, ensureDemoUsers } from "./bootstrap";
import { DEMO_USERS } from "./demo-users";
import type { Role } from "./roles";
import { resolveViewer } from "./viewer";

/**
 * better-auth wired to a real PostgreSQL: sign-in through its HTTP handler
 * (the same one app/api/auth/[...all] serves), then the viewer resolution
 * every guarded query uses.
 */
const ORIGIN = "http://127.0.0.1:3999";
let ipCounter = 0;

function signInRequest(email: string, password: string, init: { origin?: string; ip?: string } = {}) {
  return new Request(`${ORIGIN}/api/auth/sign-in/email`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: init.origin ?? ORIGIN,
      "x-forwarded-for": init.ip ?? `10.0.0.${++ipCounter % 250}`,
    },
    body: JSON.stringify({ email, password }),
  });
}

async function signIn(role: Role): Promise<{ cookie: string; setCookie: string; token: string }> {
  const response = await getAuth().handler(signInRequest(DEMO_USERS[role].email, DEMO_USERS[role].password));
  expect(response.status).toBe(200);
  const setCookie = response.headers.get("set-cookie") ?? "";
  const cookie = setCookie.split(";")[0]!;
  return { cookie, setCookie, token: decodeURIComponent(cookie.split("=")[1]!).split(".")[0]! };
}

const withCookie = (cookie: string) => new Headers({ cookie });

describe("sign-in and sessions (better-auth on PostgreSQL)", () => {
  useTestDatabase();

  beforeAll(async () => {
    process.env.BETTER_AUTH_SECRET = "integration-test-secret-0123456789-abcdefghij";
    process.env.BETTER_AUTH_URL = ORIGIN;
    process.env.DEMO_MODE = "1";
    resetAuthForTests();
    await ensureDemoUsers(process.env.DATABASE_URL!);
  });

  it("does not serve better-auth's admin endpoints over HTTP, so no user change escapes the audit trail", async () => {
    const admin = await signIn("admin");
    const agent = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS.agent.email } });
    const response = await authRoute(
      new Request(`${ORIGIN}/api/auth/admin/set-role`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN, cookie: admin.cookie },
        body: JSON.stringify({ userId: agent.id, role: "admin" }),
      }),
      undefined,
    );
    expect(response.status).toBe(404);
    expect((await response.json()).message).toMatch(/admin pages/);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: agent.id } })).role).toBe("agent");
    // Sign-in itself is still served by the same route.
    const signInAgain = await authRoute(signInRequest(DEMO_USERS.manager.email, DEMO_USERS.manager.password), undefined);
    expect(signInAgain.status).toBe(200);
  });

  it("signs in with a fresh session token in an HttpOnly, SameSite=Lax cookie (not Secure over http)", async () => {
    const first = await signIn("agent");
    const second = await signIn("agent");
    expect(first.setCookie).toMatch(/levers\.session_token=/);
    expect(first.setCookie).toMatch(/HttpOnly/i);
    expect(first.setCookie).toMatch(/SameSite=Lax/i);
    expect(first.setCookie).not.toMatch(/Secure/i);
    expect(first.setCookie).toMatch(/Max-Age=43200/);
    expect(second.token).not.toBe(first.token);
    const audit = await prisma.auditEvent.count({ where: { action: "sign_in", actorEmail: DEMO_USERS.agent.email } });
    expect(audit).toBeGreaterThanOrEqual(2);
  });

  it("resolves the session cookie to a viewer with the user's role", async () => {
    const { cookie } = await signIn("manager");
    await expect(resolveViewer(withCookie(cookie))).resolves.toMatchObject({
      email: DEMO_USERS.manager.email,
      role: "manager",
      via: "session",
    });
    await expect(resolveViewer(new Headers())).resolves.toBeNull();
    await expect(resolveViewer(withCookie(`${cookie}tampered`))).resolves.toBeNull();
  });

  it("refuses a sign-in posted from another site", async () => {
    const response = await getAuth().handler(
      signInRequest(DEMO_USERS.agent.email, DEMO_USERS.agent.password, { origin: "https://evil.example" }),
    );
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie") ?? "").not.toMatch(/session_token=/);
  });

  it("answers 429 after repeated failed sign-ins for one account, even with the right password, and leaves other accounts alone", async () => {
    const email = DEMO_USERS.manager.email;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await getAuth().handler(signInRequest(email, `wrong-password-${i}`))).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const blocked = await getAuth().handler(signInRequest(email, DEMO_USERS.manager.password));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await blocked.json()).code).toBe("TOO_MANY_FAILED_SIGN_INS");
    // The counter lives in PostgreSQL, shared by every app instance.
    const row = await prisma.rateLimit.findUnique({ where: { key: `sign-in-failures:email:${email}` } });
    expect(row?.count).toBe(5);
    expect((await getAuth().handler(signInRequest(DEMO_USERS.admin.email, DEMO_USERS.admin.password))).status).toBe(200);
    await prisma.rateLimit.deleteMany({ where: { key: { startsWith: "sign-in-failures:" } } });
  });

  it("ends a deactivated user's existing session on the very next request", async () => {
    const agent = await signIn("agent");
    const admin = await signIn("admin");
    expect(await resolveViewer(withCookie(agent.cookie))).not.toBeNull();
    const user = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS.agent.email } });
    await getAuth().api.banUser({ body: { userId: user.id, banReason: "left the team" }, headers: withCookie(admin.cookie) });
    await expect(resolveViewer(withCookie(agent.cookie))).resolves.toBeNull();
    const signInAgain = await getAuth().handler(signInRequest(DEMO_USERS.agent.email, DEMO_USERS.agent.password));
    expect(signInAgain.status).toBe(403);
    await getAuth().api.unbanUser({ body: { userId: user.id }, headers: withCookie(admin.cookie) });
  });

  it("also refuses a session whose user was marked deactivated by other means", async () => {
    const { cookie } = await signIn("agent");
    await prisma.user.update({ where: { email: DEMO_USERS.agent.email }, data: { banned: true } });
    await expect(resolveViewer(withCookie(cookie))).resolves.toBeNull();
    await prisma.user.update({ where: { email: DEMO_USERS.agent.email }, data: { banned: false } });
  });

  it("ends a session after 30 idle minutes and deletes it", async () => {
    const { cookie, token } = await signIn("agent");
    await prisma.session.update({ where: { token }, data: { updatedAt: new Date(Date.now() - 31 * 60_000) } });
    await expect(resolveViewer(withCookie(cookie))).resolves.toBeNull();
    expect(await prisma.session.findUnique({ where: { token } })).toBeNull();
  });

  it("ends a session 12 hours after sign-in even while it is in use", async () => {
    const { cookie, token } = await signIn("agent");
    await prisma.session.update({ where: { token }, data: { createdAt: new Date(Date.now() - 12 * 3600_000 - 1000) } });
    await expect(resolveViewer(withCookie(cookie))).resolves.toBeNull();
  });

  it("records activity so an active session stays alive, writing at most once a minute", async () => {
    const { cookie, token } = await signIn("agent");
    const twoMinutesAgo = new Date(Date.now() - 2 * 60_000);
    await prisma.session.update({ where: { token }, data: { updatedAt: twoMinutesAgo } });
    await resolveViewer(withCookie(cookie));
    const touched = await prisma.session.findUniqueOrThrow({ where: { token } });
    expect(touched.updatedAt.getTime()).toBeGreaterThan(Date.now() - 10_000);
    await resolveViewer(withCookie(cookie));
    expect((await prisma.session.findUniqueOrThrow({ where: { token } })).updatedAt).toEqual(touched.updatedAt);
    // Absolute expiry never slides.
    expect(Math.abs(touched.expiresAt.getTime() - touched.createdAt.getTime() - 12 * 3600_000)).toBeLessThan(1000);
  });

  it("accepts an API key as a Bearer token with the key's role, and stops accepting it once revoked", async () => {
    const { key, prefix, hash } = generateApiKey();
    expect(key).toMatch(/^lvk_[A-Za-z0-9_-]{43}$/);
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS.admin.email } });
    const row = await prisma.apiKey.create({ data: { name: "CRM sync", role: "manager", prefix, keyHash: hash, createdById: admin.id } });
    expect(row.keyHash).not.toContain(key.slice(4));
    const viewer = await resolveViewer(new Headers({ authorization: `Bearer ${key}` }));
    expect(viewer).toMatchObject({ role: "manager", via: "apiKey", id: `api_key:${row.id}` });
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: row.id } })).lastUsedAt).not.toBeNull();

    await recordAudit({ actorId: viewer!.id, action: "calls.export", details: { rows: 3 } });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "calls.export" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ actorId: null, actorEmail: `API key CRM sync (${prefix}…)` });

    await prisma.apiKey.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
    await expect(resolveViewer(new Headers({ authorization: `Bearer ${key}` }))).resolves.toBeNull();
  });

  it("treats a bad Bearer header as anonymous even next to a valid session cookie", async () => {
    const { cookie } = await signIn("admin");
    await expect(resolveViewer(new Headers({ cookie, authorization: "Bearer lvk_not-a-real-key" }))).resolves.toBeNull();
    await expect(resolveViewer(new Headers({ cookie, authorization: "Basic YWRtaW46YWRtaW4=" }))).resolves.toBeNull();
  });
});

describe("first admin from ADMIN_EMAIL / ADMIN_PASSWORD", () => {
  const db = useTestDatabase();

  beforeAll(() => {
    process.env.BETTER_AUTH_SECRET = "integration-test-secret-0123456789-abcdefghij";
    process.env.BETTER_AUTH_URL = ORIGIN;
    resetAuthForTests();
  });

  it("does nothing without both variables, refuses a short password, then creates an admin who can sign in", async () => {
    await expect(bootstrapFirstAdmin(db.url(), {})).resolves.toEqual({ kind: "missing-env" });
    await expect(bootstrapFirstAdmin(db.url(), { ADMIN_EMAIL: "ops@example.com", ADMIN_PASSWORD: "short" })).rejects.toThrow(/at least 10/);
    await expect(
      bootstrapFirstAdmin(db.url(), { ADMIN_EMAIL: "Ops@Example.com", ADMIN_PASSWORD: "a-long-enough-password" }),
    ).resolves.toEqual({
      kind: "created",
      email: "ops@example.com",
    });
    const response = await getAuth().handler(signInRequest("ops@example.com", "a-long-enough-password"));
    expect(response.status).toBe(200);
    expect((await response.json()).user.role).toBe("admin");
    // Once anyone exists the variables are ignored: no second admin, no password overwrite.
    await expect(
      bootstrapFirstAdmin(db.url(), { ADMIN_EMAIL: "other@example.com", ADMIN_PASSWORD: "another-long-password" }),
    ).resolves.toEqual({ kind: "users-exist" });
    expect(await prisma.user.count()).toBe(1);
  });
});
