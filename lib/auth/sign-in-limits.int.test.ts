import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { hashPassword } from "better-auth/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...all]/route";
import { prisma } from "@/lib/db/client";
import { installRequestGate } from "@/lib/http/request-gate";
import { useTestDatabase } from "@/lib/testing/database";
import { getAuthConfig, resetAuthForTests } from "./auth";
import { blockedFor, failureKeys, recordFailure } from "./sign-in-guard";
import { runAsTrustedViewer } from "./trusted-viewer";

/**
 * The failed sign-in limits through a real HTTP server whose requests meet the
 * request gate (as under `npm start`): the client address is the socket's,
 * chosen here by binding each client to its own loopback address (127.0.0.x),
 * whatever X-Forwarded-For / X-Real-IP the client sends.
 */
const PER_EMAIL = 5;
const PER_IP = 8;
let origin = "";
let server: http.Server;

function toFetchRequest(req: http.IncomingMessage, body: Buffer): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  return new Request(`${origin}${req.url}`, {
    method: req.method,
    headers,
    body: req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(body),
  });
}

async function send(
  path: string,
  init: { from: string; method?: string; body?: unknown; headers?: Record<string, string>; cookie?: string },
) {
  const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      `${origin}${path}`,
      {
        method: init.method ?? "POST",
        localAddress: init.from,
        headers: { "content-type": "application/json", origin, ...(init.cookie ? { cookie: init.cookie } : {}), ...init.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

const signIn = (from: string, email: string, password: string, headers: Record<string, string> = {}) =>
  send("/api/auth/sign-in/email", { from, body: { email, password }, headers });

async function createUser(email: string, password: string, options: { banned?: boolean } = {}): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await prisma.user.create({ data: { id, name: email, email, emailVerified: true, role: "agent", banned: options.banned ?? false } });
  await prisma.account.create({
    data: {
      id: randomBytes(24).toString("base64url"),
      accountId: id,
      providerId: "credential",
      userId: id,
      password: await hashPassword(password),
    },
  });
  return id;
}

const PASSWORD = "correct-horse-battery";
let nextHost = 10;
/** A fresh loopback address per test, so better-auth's raw per-IP request budget (30/min) never interferes. */
const host = () => `127.0.0.${nextHost++}`;

describe("failed sign-in limits, per account and per socket address", () => {
  useTestDatabase();

  beforeAll(async () => {
    process.env.BETTER_AUTH_SECRET = "integration-test-secret-0123456789-abcdefghij";
    process.env.DEMO_MODE = "1";
    process.env.AUTH_MAX_FAILED_SIGN_INS = String(PER_EMAIL);
    process.env.AUTH_MAX_FAILED_SIGN_INS_PER_IP = String(PER_IP);
    delete process.env.TRUSTED_PROXIES;
    installRequestGate();
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        const request = toFetchRequest(req, Buffer.concat(chunks));
        const response = await runAsTrustedViewer(undefined as never, () =>
          req.method === "GET" ? authGet(request, undefined) : authPost(request, undefined),
        );
        const headers: Record<string, string | string[]> = {};
        response.headers.forEach((v, k) => {
          headers[k] = v;
        });
        const cookies = response.headers.getSetCookie();
        if (cookies.length) headers["set-cookie"] = cookies;
        res.writeHead(response.status, headers).end(Buffer.from(await response.arrayBuffer()));
      });
    });
    await new Promise<void>((r) => server.listen(0, "0.0.0.0", r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.BETTER_AUTH_URL = origin;
    resetAuthForTests();
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
    delete process.env.AUTH_MAX_FAILED_SIGN_INS;
    delete process.env.AUTH_MAX_FAILED_SIGN_INS_PER_IP;
  });

  it("limits failures per address even when every request claims another X-Forwarded-For / X-Real-IP", async () => {
    const from = host();
    for (let i = 0; i < PER_IP; i++) {
      const spoof = `10.${i}.${i}.${i}`;
      const res = await signIn(from, `nobody-${i}@example.test`, "wrong-password", { "x-forwarded-for": spoof, "x-real-ip": spoof });
      expect(res.status).toBe(401);
    }
    const blocked = await signIn(from, "someone-else@example.test", "wrong-password", { "x-forwarded-for": "10.99.99.99" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    // The audit trail names the socket's address, not what the client claimed.
    const failed = await prisma.auditEvent.findMany({
      where: { action: "sign_in_failed", details: { path: ["email"], string_starts_with: "nobody-" } },
    });
    expect(new Set(failed.map((e) => e.ipAddress))).toEqual(new Set([from]));
  });

  it("failures sent 'as' another address do not lock out a real user at that address", async () => {
    const victim = host();
    const attacker = host();
    const email = "victim@example.test";
    await createUser(email, PASSWORD);
    for (let i = 0; i < PER_IP + 2; i++)
      await signIn(attacker, `spray-${i}@example.test`, "wrong-password", { "x-forwarded-for": victim, "x-real-ip": victim });
    const res = await signIn(victim, email, PASSWORD);
    expect(res.status).toBe(200);
    const signInRow = await prisma.auditEvent.findFirst({ where: { action: "sign_in", actorEmail: email } });
    expect(signInRow?.ipAddress).toBe(victim);
  });

  it("locks the account after the limit whatever the email's case or spacing, even with the right password, from any address", async () => {
    const email = "mixed.case@example.test";
    await createUser(email, PASSWORD);
    const spellings = [
      "Mixed.Case@Example.test",
      "mixed.CASE@example.test",
      "MIXED.CASE@EXAMPLE.TEST",
      "mixed.case@example.test",
      "Mixed.case@example.TEST",
    ];
    for (const spelling of spellings) expect((await signIn(host(), spelling, "wrong-password")).status).toBe(401);
    const res = await signIn(host(), email, PASSWORD);
    expect(res.status).toBe(429);
    expect(JSON.parse(res.body).code).toBe("TOO_MANY_FAILED_SIGN_INS");
  });

  it("a successful sign-in resets the account's count", async () => {
    const email = "resets@example.test";
    await createUser(email, PASSWORD);
    // A new address each round: the per-address count is not reset by a success (an attacker could reset it with their own account).
    for (const from of [host(), host()]) {
      for (let i = 0; i < PER_EMAIL - 1; i++) expect((await signIn(from, email, "wrong-password")).status).toBe(401);
      expect((await signIn(from, email, PASSWORD)).status).toBe(200);
    }
    expect(await prisma.rateLimit.count({ where: { key: { contains: email } } })).toBe(0);
  });

  it("attempts on a deactivated account count as failures and never sign in", async () => {
    const email = "deactivated@example.test";
    await createUser(email, PASSWORD, { banned: true });
    const from = host();
    for (let i = 0; i < PER_EMAIL; i++) expect((await signIn(from, email, PASSWORD)).status).toBe(403);
    expect((await signIn(from, email, PASSWORD)).status).toBe(429);
    expect(await prisma.session.count({ where: { user: { email } } })).toBe(0);
  });

  it("the window expires: a count older than the window no longer blocks, and the next failure starts again from one", async () => {
    const config = getAuthConfig();
    const keys = failureKeys("window@example.test", null);
    const t0 = 1_900_000_000_000;
    const windowMs = config.signInFailures.windowSeconds * 1000;
    for (let i = 0; i < PER_EMAIL; i++) await recordFailure(keys, config, t0);
    expect(await blockedFor(keys, config, t0 + windowMs - 1_000)).toBe(1);
    expect(await blockedFor(keys, config, t0 + windowMs)).toBe(0);
    await recordFailure(keys, config, t0 + windowMs);
    const row = await prisma.rateLimit.findUniqueOrThrow({ where: { key: keys[0]! } });
    expect(row.count).toBe(1);
    expect(await blockedFor(keys, config, t0 + windowMs + 1)).toBe(0);
  });

  it("a wrong current password on change-password counts against the same account limit, and a change is audited", async () => {
    const email = "changer@example.test";
    await createUser(email, PASSWORD);
    const from = host();
    const signedIn = await signIn(from, email, PASSWORD);
    expect(signedIn.status).toBe(200);
    const cookie = String(signedIn.headers["set-cookie"]).split(";")[0]!;
    const change = (currentPassword: string, newPassword = "another-long-password") =>
      send("/api/auth/change-password", { from, cookie, body: { currentPassword, newPassword } });
    for (let i = 0; i < PER_EMAIL; i++) expect((await change(`guess-${i}-wrong`)).status).toBe(400);
    // The right password no longer gets through: the oracle is closed, for sign-in too.
    expect((await change(PASSWORD)).status).toBe(429);
    expect((await signIn(host(), email, PASSWORD)).status).toBe(429);
    await prisma.rateLimit.deleteMany({ where: { key: { contains: email } } });
    expect((await change(PASSWORD)).status).toBe(200);
    const audit = await prisma.auditEvent.findFirst({ where: { action: "account.password_change", actorEmail: email } });
    expect(audit).toMatchObject({ ipAddress: from, target: expect.stringMatching(/^user:/) });
  });

  it("serves only the endpoints the app uses: verify-password, update-user, admin and sign-up answer 404", async () => {
    const email = "allowlist@example.test";
    await createUser(email, PASSWORD);
    const from = host();
    const cookie = String((await signIn(from, email, PASSWORD)).headers["set-cookie"]).split(";")[0]!;
    for (const path of [
      "/api/auth/verify-password",
      "/api/auth/update-user",
      "/api/auth/admin/set-role",
      "/api/auth/sign-up/email",
      "/api/auth/list-sessions",
      "/api/auth/ok",
    ]) {
      const res = await send(path, {
        from,
        cookie,
        body: { password: PASSWORD, name: "Renamed", email: "x@example.test", userId: "x", role: "admin" },
      });
      expect(res.status, path).toBe(404);
    }
    expect((await prisma.user.findUniqueOrThrow({ where: { email } })).name).toBe(email);
    expect((await send("/api/auth/get-session", { from, cookie, method: "GET" })).status).toBe(200);
    const wrongMethod = await send("/api/auth/sign-in/email", { from, method: "GET" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe("POST");
    const others = await send("/api/auth/revoke-other-sessions", { from, cookie, body: {} });
    expect(others.status).toBe(200);
    expect(await prisma.auditEvent.count({ where: { action: "account.sessions_revoke", actorEmail: email, ipAddress: from } })).toBe(1);
  });

  it("an admin's password reset and an explicit unlock lift the lock-out at once, and the trail says so", async () => {
    const { resetUserPassword, unlockUser, listUsers } = await import("./admin/users");
    const adminEmail = "lifter@example.test";
    const adminId = await createUser(adminEmail, PASSWORD);
    await prisma.user.update({ where: { id: adminId }, data: { role: "admin" } });
    const adminCookie = String((await signIn(host(), adminEmail, PASSWORD)).headers["set-cookie"]).split(";")[0]!;
    const admin = { id: adminId, email: adminEmail, name: adminEmail, role: "admin" as const, via: "session" as const };
    const email = "locked-out@example.test";
    const userId = await createUser(email, PASSWORD);
    const lockOut = async () => {
      for (let i = 0; i < PER_EMAIL; i++) await signIn(host(), email, "wrong-password");
      expect((await signIn(host(), email, PASSWORD)).status).toBe(429);
    };

    await lockOut();
    const listed = await runAsTrustedViewer(admin, () => listUsers());
    expect(listed.find((u) => u.id === userId)?.lockedUntil).toBeInstanceOf(Date);
    await runAsTrustedViewer(admin, () => resetUserPassword(userId, "a-brand-new-password", new Headers({ cookie: adminCookie, origin })));
    expect((await signIn(host(), email, "a-brand-new-password")).status).toBe(200);
    const reset = await prisma.auditEvent.findFirstOrThrow({ where: { action: "user.password_reset", target: `user:${userId}` } });
    expect(reset.details).toMatchObject({ email, failedSignInsCleared: PER_EMAIL });

    await lockOut();
    expect((await signIn(host(), email, "a-brand-new-password")).status).toBe(429);
    expect(await runAsTrustedViewer(admin, () => unlockUser(userId))).toEqual({ failures: expect.any(Number) });
    expect((await signIn(host(), email, "a-brand-new-password")).status).toBe(200);
    const unlock = await prisma.auditEvent.findFirstOrThrow({ where: { action: "user.unlock", target: `user:${userId}` } });
    expect(unlock).toMatchObject({ actorEmail: adminEmail, details: { email, failedSignInsCleared: expect.any(Number) } });
    expect((unlock.details as { failedSignInsCleared: number }).failedSignInsCleared).toBeGreaterThanOrEqual(PER_EMAIL);
  });
});
