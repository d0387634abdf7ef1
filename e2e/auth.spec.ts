import { readdirSync, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { DEMO_USERS, E2E_ORIGIN, type Role, signIn, signOut } from "./fixtures/auth";

/**
 * Sign-in, roles and hardening against the production build (lib/cli/e2e-server.ts,
 * demo data, demo users). Requests go over real HTTP to the real server code:
 * proxy.ts, the pages, the route handlers, better-auth.
 */

// Browser flows sign in through scrypt-hashed passwords; on a busy 2-core machine that takes a while.
test.describe.configure({ timeout: 180_000 });

type Who = "anonymous" | Role;
const WHO: Who[] = ["anonymous", "agent", "manager", "admin"];
const ROLES: Role[] = ["agent", "manager", "admin"];

// ---------------------------------------------------------------------------
// Plain HTTP probes with a session cookie (no redirects followed).
// ---------------------------------------------------------------------------

interface Probe {
  status: number;
  headers: Headers;
  body: string;
}

const cookies = new Map<Role, string>();

async function apiSignIn(email: string, password: string): Promise<{ status: number; cookie: string | null; body: string }> {
  const response = await fetch(`${E2E_ORIGIN}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: E2E_ORIGIN },
    body: JSON.stringify({ email, password }),
  });
  const setCookie = response.headers.get("set-cookie");
  return { status: response.status, cookie: setCookie ? setCookie.split(";")[0]! : null, body: await response.text() };
}

async function cookieFor(role: Role): Promise<string> {
  let cookie = cookies.get(role);
  if (!cookie) {
    const result = await apiSignIn(DEMO_USERS[role].email, DEMO_USERS[role].password);
    expect(result.status, result.body).toBe(200);
    cookie = result.cookie!;
    cookies.set(role, cookie);
  }
  return cookie;
}

async function probe(
  who: Who,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Probe> {
  const headers: Record<string, string> = { ...init.headers };
  if (who !== "anonymous") headers.cookie = await cookieFor(who);
  const controller = new AbortController();
  const response = await fetch(`${E2E_ORIGIN}${url}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body,
    redirect: "manual",
    signal: controller.signal,
  });
  let body = "";
  if (response.headers.get("content-type")?.includes("text/event-stream")) {
    controller.abort(); // a live stream never ends; its headers are what matters here
  } else {
    body = Buffer.from(await response.arrayBuffer()).toString("utf8");
  }
  return { status: response.status, headers: response.headers, body };
}

// ---------------------------------------------------------------------------
// The route × role matrix: every page and route handler in app/.
// ---------------------------------------------------------------------------

/** Every page.tsx and route.ts under app/, as its URL pattern ("/calls/[id]", "/api/auth/[...all]"). */
function appRoutes(): string[] {
  const root = path.resolve("app");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (/^(page|route)\.(tsx?|jsx?)$/.test(entry)) {
        const segments = path
          .relative(root, dir)
          .split(path.sep)
          .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith("@"));
        found.push(`/${segments.join("/")}`);
      }
    }
  };
  walk(root);
  return [...new Set(found)].sort();
}

interface Expectation {
  status: number | number[];
  /** Text the body must contain (status and content: "exactly what its role allows"). */
  contains?: string | RegExp;
  location?: RegExp;
  contentType?: RegExp;
}

interface RouteCase {
  route: string;
  /** Shown in the test title when one route has several rows (the better-auth endpoints). */
  label?: string;
  /** The request ends the role's session: sign in afresh for the rows after it. */
  signsOut?: boolean;
  method?: string;
  url: () => string;
  body?: string;
  headers?: Record<string, string>;
  expect: Record<Who, Expectation>;
}

const TO_LOGIN: Expectation = { status: 307, location: /^\/login(\?next=|$)/ };
const API_401: Expectation = { status: 401, contains: '"error":"unauthenticated"', contentType: /application\/json/ };
const PAGE_403: Expectation = { status: 403, contains: "Your role cannot open this page" };
const everyRole = (e: Expectation) => ({ agent: e, manager: e, admin: e });
const NOT_SERVED: Expectation = { status: 404, contains: '"error":"not_found"' };
const AUTH_POST = { "content-type": "application/json", origin: E2E_ORIGIN };

const calls = { xss: "", recording: "", providerCallId: "" };
const account = { demo: "" };
const NO_NOTE = "00000000-0000-4000-8000-000000000000";

const MATRIX: RouteCase[] = [
  {
    route: "/",
    url: () => "/",
    // Each role's landing page: agents work their queues, managers and admins start at the calls.
    expect: {
      anonymous: TO_LOGIN,
      agent: { status: 307, location: /^\/work$/ },
      manager: { status: 307, location: /^\/calls$/ },
      admin: { status: 307, location: /^\/calls$/ },
    },
  },
  {
    route: "/work",
    url: () => "/work",
    expect: { anonymous: TO_LOGIN, ...everyRole({ status: 200, contains: "Broken promises" }) },
  },
  {
    route: "/admin/accounts",
    url: () => "/admin/accounts",
    expect: { anonymous: TO_LOGIN, agent: PAGE_403, manager: PAGE_403, admin: { status: 200, contains: "Account key fields" } },
  },
  {
    route: "/admin/import",
    url: () => "/admin/import",
    expect: { anonymous: TO_LOGIN, agent: PAGE_403, manager: PAGE_403, admin: { status: 200, contains: "Import call history" } },
  },
  {
    route: "/api/work",
    url: () => "/api/work?limit=5",
    expect: { anonymous: API_401, ...everyRole({ status: 200, contains: '"queues":[', contentType: /application\/json/ }) },
  },
  {
    route: "/api/work",
    label: "(bad query)",
    url: () => "/api/work?queue=nope",
    expect: { anonymous: API_401, ...everyRole({ status: 422, contains: "queue: one of" }) },
  },
  {
    route: "/api/admin/import",
    method: "POST",
    url: () => "/api/admin/import",
    body: "{not json\n",
    headers: { "content-type": "application/x-ndjson", origin: E2E_ORIGIN },
    expect: {
      anonymous: API_401,
      agent: { status: 403, contains: '"error":"forbidden"' },
      manager: { status: 403, contains: '"error":"forbidden"' },
      admin: { status: 200, contains: '"errors":[{"line":1' },
    },
  },
  {
    route: "/login",
    url: () => "/login",
    expect: {
      anonymous: { status: 200, contains: "Use the email and password your admin gave you." },
      ...everyRole({ status: 307, location: /^\/$/ }),
    },
  },
  {
    route: "/calls",
    url: () => "/calls",
    expect: { anonymous: TO_LOGIN, ...everyRole({ status: 200, contains: "<title>Calls · Levers Calls</title>" }) },
  },
  {
    route: "/accounts",
    url: () => "/accounts",
    expect: { anonymous: TO_LOGIN, ...everyRole({ status: 200, contains: "<title>Accounts · Levers Calls</title>" }) },
  },
  {
    route: "/api/accounts",
    url: () => "/api/accounts?limit=5",
    expect: { anonymous: API_401, ...everyRole({ status: 200, contains: '"items":[', contentType: /application\/json/ }) },
  },
  {
    route: "/api/accounts/export",
    url: () => "/api/accounts/export?neverReached=true",
    expect: { anonymous: API_401, ...everyRole({ status: 200, contentType: /text\/csv/ }) },
  },
  {
    route: "/calls/[id]",
    url: () => `/calls/${calls.xss}`,
    expect: { anonymous: TO_LOGIN, ...everyRole({ status: 200, contains: "Why this outcome" }) },
  },
  {
    route: "/analytics",
    url: () => "/analytics",
    expect: {
      anonymous: TO_LOGIN,
      agent: PAGE_403,
      manager: { status: 200, contains: /Analytics · Levers Calls/ },
      admin: { status: 200, contains: /Analytics · Levers Calls/ },
    },
  },
  {
    route: "/admin",
    url: () => "/admin",
    expect: { anonymous: TO_LOGIN, agent: PAGE_403, manager: PAGE_403, admin: { status: 307, location: /^\/admin\/users$/ } },
  },
  {
    route: "/admin/users",
    url: () => "/admin/users",
    expect: { anonymous: TO_LOGIN, agent: PAGE_403, manager: PAGE_403, admin: { status: 200, contains: DEMO_USERS.manager.email } },
  },
  {
    route: "/admin/api-keys",
    url: () => "/admin/api-keys",
    expect: { anonymous: TO_LOGIN, agent: PAGE_403, manager: PAGE_403, admin: { status: 200, contains: "Create an API key" } },
  },
  {
    route: "/admin/webhooks",
    url: () => "/admin/webhooks",
    expect: { anonymous: TO_LOGIN, agent: PAGE_403, manager: PAGE_403, admin: { status: 200, contains: "Filter by status" } },
  },
  {
    route: "/review",
    url: () => "/review",
    expect: {
      anonymous: TO_LOGIN,
      agent: PAGE_403,
      manager: { status: 200, contains: "Review queue" },
      admin: { status: 200, contains: "Review queue" },
    },
  },
  {
    route: "/review/[callId]",
    url: () => `/review/${calls.xss}`,
    expect: {
      anonymous: TO_LOGIN,
      agent: PAGE_403,
      manager: { status: 200, contains: "Score a call" },
      admin: { status: 200, contains: "Score a call" },
    },
  },
  {
    route: "/admin/scorecards",
    url: () => "/admin/scorecards",
    expect: { anonymous: TO_LOGIN, agent: PAGE_403, manager: PAGE_403, admin: { status: 200, contains: "Publish version" } },
  },
  {
    route: "/api/review/queue",
    url: () => "/api/review/queue",
    expect: {
      anonymous: API_401,
      agent: { status: 403, contains: '"error":"forbidden"', contentType: /application\/json/ },
      manager: { status: 200, contains: '"items"', contentType: /application\/json/ },
      admin: { status: 200, contains: '"items"', contentType: /application\/json/ },
    },
  },
  {
    route: "/api/calls/[id]/reviews",
    url: () => `/api/calls/${calls.xss}/reviews`,
    expect: {
      anonymous: API_401,
      agent: { status: 403, contains: '"error":"forbidden"', contentType: /application\/json/ },
      manager: { status: 200, contains: '"reviews"', contentType: /application\/json/ },
      admin: { status: 200, contains: '"reviews"', contentType: /application\/json/ },
    },
  },
  {
    route: "/admin/audit",
    url: () => "/admin/audit",
    expect: { anonymous: TO_LOGIN, agent: PAGE_403, manager: PAGE_403, admin: { status: 200, contains: "Signed in" } },
  },
  {
    route: "/api/analytics/[chart]",
    url: () => "/api/analytics/outcome-distribution",
    expect: {
      anonymous: API_401,
      agent: { status: 403, contains: '"error":"forbidden"', contentType: /application\/json/ },
      manager: { status: 200, contentType: /text\/csv/ },
      admin: { status: 200, contentType: /text\/csv/ },
    },
  },
  {
    route: "/compliance",
    url: () => "/compliance",
    expect: {
      anonymous: TO_LOGIN,
      agent: PAGE_403,
      manager: { status: 200, contains: /Compliance · Levers Calls/ },
      admin: { status: 200, contains: /Compliance · Levers Calls/ },
    },
  },
  {
    route: "/admin/compliance",
    url: () => "/admin/compliance",
    expect: { anonymous: TO_LOGIN, agent: PAGE_403, manager: PAGE_403, admin: { status: 200, contains: "Compliance rules" } },
  },
  {
    route: "/api/compliance/check",
    url: () => "/api/compliance/check?number=%2B13125550160",
    expect: { anonymous: API_401, ...everyRole({ status: 200, contains: '"allowed":', contentType: /application\/json/ }) },
  },
  {
    route: "/api/compliance/flags/export",
    url: () => "/api/compliance/flags/export?days=30",
    expect: {
      anonymous: API_401,
      agent: { status: 403, contains: '"error":"forbidden"' },
      manager: { status: 200, contentType: /text\/csv/ },
      admin: { status: 200, contentType: /text\/csv/ },
    },
  },
  {
    route: "/api/compliance/holds",
    method: "POST",
    url: () => "/api/compliance/holds",
    headers: AUTH_POST,
    body: JSON.stringify({ kind: "written-cease", note: "" }),
    expect: { anonymous: API_401, ...everyRole({ status: 422, contains: '"path":"note"' }) },
  },
  {
    route: "/api/compliance/holds/clear",
    method: "POST",
    url: () => "/api/compliance/holds/clear",
    headers: AUTH_POST,
    body: JSON.stringify({ holdId: "x", reason: "" }),
    expect: {
      anonymous: API_401,
      agent: { status: 403, contains: '"error":"forbidden"' },
      manager: { status: 422, contains: '"path":"reason"' },
      admin: { status: 422, contains: '"path":"reason"' },
    },
  },
  {
    route: "/api/compliance/flags/[id]",
    method: "PATCH",
    url: () => "/api/compliance/flags/00000000-0000-0000-0000-000000000000",
    headers: AUTH_POST,
    body: JSON.stringify({ status: "dismissed" }),
    expect: {
      anonymous: API_401,
      agent: { status: 403, contains: '"error":"forbidden"' },
      manager: { status: 422, contains: '"path":"reason"' },
      admin: { status: 422, contains: '"path":"reason"' },
    },
  },
  {
    route: "/api/compliance/settings",
    method: "PUT",
    url: () => "/api/compliance/settings",
    headers: AUTH_POST,
    body: JSON.stringify({ default: { rules: { R3: false } } }),
    expect: {
      anonymous: API_401,
      agent: { status: 403, contains: '"error":"forbidden"' },
      manager: { status: 403, contains: '"error":"forbidden"' },
      admin: { status: 422, contains: "default.rules.R3" },
    },
  },
  {
    route: "/api/health",
    url: () => "/api/health",
    expect: { anonymous: { status: 200, contains: '"status":"ok"' }, ...everyRole({ status: 200, contains: '"status":"ok"' }) },
  },
  // better-auth's endpoints: the allow-list (lib/auth/served-endpoints.ts) is served, everything else is 404 by design.
  {
    route: "/api/auth/[...all]",
    label: "get-session",
    url: () => "/api/auth/get-session",
    expect: {
      anonymous: { status: 200, contains: /^null$/ },
      agent: { status: 200, contains: DEMO_USERS.agent.email },
      manager: { status: 200, contains: DEMO_USERS.manager.email },
      admin: { status: 200, contains: DEMO_USERS.admin.email },
    },
  },
  {
    route: "/api/auth/[...all]",
    label: "sign-in/email (wrong password)",
    method: "POST",
    url: () => "/api/auth/sign-in/email",
    headers: AUTH_POST,
    body: JSON.stringify({ email: "matrix-nobody@example.com", password: "not-a-real-password" }),
    expect: { anonymous: { status: 401 }, ...everyRole({ status: 401 }) },
  },
  {
    route: "/api/auth/[...all]",
    label: "change-password (wrong current password)",
    method: "POST",
    url: () => "/api/auth/change-password",
    headers: AUTH_POST,
    body: JSON.stringify({ currentPassword: "not-the-current-one", newPassword: "a-new-long-password" }),
    expect: { anonymous: { status: 401 }, ...everyRole({ status: 400, contains: "INVALID_PASSWORD" }) },
  },
  {
    route: "/api/auth/[...all]",
    label: "revoke-other-sessions",
    method: "POST",
    url: () => "/api/auth/revoke-other-sessions",
    headers: AUTH_POST,
    body: "{}",
    expect: { anonymous: { status: 401 }, ...everyRole({ status: 200 }) },
  },
  {
    route: "/api/auth/[...all]",
    label: "sign-out",
    signsOut: true,
    method: "POST",
    url: () => "/api/auth/sign-out",
    headers: AUTH_POST,
    body: "{}",
    expect: { anonymous: { status: [200, 400, 401] }, ...everyRole({ status: 200 }) },
  },
  ...[
    ["POST", "verify-password"],
    ["POST", "update-user"],
    ["POST", "sign-up/email"],
    ["POST", "admin/set-role"],
    ["GET", "admin/list-users"],
    ["GET", "list-sessions"],
    ["POST", "request-password-reset"],
    ["GET", "ok"],
  ].map(
    ([method, endpoint]): RouteCase => ({
      route: "/api/auth/[...all]",
      label: `${endpoint} (not served)`,
      method,
      url: () => `/api/auth/${endpoint}`,
      headers: method === "POST" ? AUTH_POST : undefined,
      body:
        method === "POST"
          ? JSON.stringify({ password: "x", name: "Renamed", email: "x@example.com", userId: "x", role: "admin" })
          : undefined,
      expect: { anonymous: NOT_SERVED, ...everyRole(NOT_SERVED) },
    }),
  ),
  {
    route: "/api/admin/deliveries/[id]",
    url: () => "/api/admin/deliveries/00000000-0000-4000-8000-000000000000",
    expect: {
      anonymous: API_401,
      agent: { status: 403, contains: '"error":"forbidden"' },
      manager: { status: 403, contains: '"error":"forbidden"' },
      admin: { status: 404, contains: "No stored delivery" },
    },
  },
  {
    route: "/api/calls",
    url: () => "/api/calls?limit=5",
    expect: { anonymous: API_401, ...everyRole({ status: 200, contains: '"items":[', contentType: /application\/json/ }) },
  },
  {
    route: "/api/calls/[id]",
    url: () => `/api/calls/${calls.xss}`,
    expect: { anonymous: API_401, ...everyRole({ status: 200, contains: '"providerCallId":"01a1f0c9-cb18-7197-9cfd-ddd86fcf1b68"' }) },
  },
  {
    route: "/api/calls/[id]/recording",
    url: () => `/api/calls/${calls.recording}/recording`,
    headers: { range: "bytes=0-1023" },
    expect: { anonymous: API_401, ...everyRole({ status: [200, 206], contentType: /^audio\// }) },
  },
  {
    // Every role may correct a call; a bad value is refused naming the field, so the matrix changes no data.
    route: "/api/calls/[id]/override",
    method: "POST",
    url: () => `/api/calls/${calls.xss}/override`,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ outcome: "MAYBE", reason: "matrix" }),
    expect: { anonymous: API_401, ...everyRole({ status: 400, contains: '"path":"outcome"' }) },
  },
  {
    route: "/api/calls/[id]/override",
    label: "unknown call",
    method: "POST",
    url: () => "/api/calls/00000000-0000-4000-8000-000000000000/override",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ outcome: "NOT INTERESTED", reason: "matrix" }),
    expect: { anonymous: API_401, ...everyRole({ status: 404, contains: '"error":"not_found"' }) },
  },
  {
    route: "/api/calls/export",
    url: () => "/api/calls/export?outcome=PAYMENT+PROMISE",
    expect: { anonymous: API_401, ...everyRole({ status: 200, contentType: /text\/csv/ }) },
  },
  {
    route: "/api/calls/stream",
    url: () => "/api/calls/stream",
    expect: { anonymous: API_401, ...everyRole({ status: 200, contentType: /text\/event-stream/ }) },
  },
  {
    route: "/accounts/[id]",
    url: () => `/accounts/${account.demo}`,
    expect: { anonymous: TO_LOGIN, ...everyRole({ status: 200, contains: "Promise ledger" }) },
  },
  {
    route: "/api/accounts/[id]",
    url: () => `/api/accounts/${account.demo}`,
    expect: { anonymous: API_401, ...everyRole({ status: 200, contains: '"account":{', contentType: /application\/json/ }) },
  },
  {
    route: "/api/accounts/[id]/notes",
    url: () => `/api/accounts/${account.demo}/notes`,
    expect: { anonymous: API_401, ...everyRole({ status: 200, contains: '"items":[' }) },
  },
  {
    route: "/api/accounts/[id]/notes",
    label: "history (admins only)",
    url: () => `/api/accounts/${account.demo}/notes?history=1`,
    expect: {
      anonymous: API_401,
      agent: { status: 403, contains: '"error":"forbidden"' },
      manager: { status: 403, contains: '"error":"forbidden"' },
      admin: { status: 200, contains: '"items":[' },
    },
  },
  {
    route: "/api/accounts/[id]/notes",
    label: "POST over the limit",
    method: "POST",
    url: () => `/api/accounts/${account.demo}/notes`,
    body: JSON.stringify({ body: "x".repeat(10_001) }),
    headers: { "content-type": "application/json" },
    expect: { anonymous: API_401, ...everyRole({ status: 400, contains: "the limit is 10,000" }) },
  },
  {
    route: "/api/accounts/[id]/edits",
    label: "assign the account (managers and admins)",
    method: "POST",
    url: () => `/api/accounts/${account.demo}/edits`,
    body: JSON.stringify({ kind: "account_assign", assignee: null }),
    headers: { "content-type": "application/json" },
    expect: {
      anonymous: API_401,
      agent: { status: 403, contains: "Only managers and admins assign accounts" },
      manager: { status: 202, contains: '"kind":"account_assign"' },
      admin: { status: 202, contains: '"kind":"account_assign"' },
    },
  },
  {
    route: "/api/accounts/[id]/edits",
    label: "an impossible date (every role)",
    method: "POST",
    url: () => `/api/accounts/${account.demo}/edits`,
    body: JSON.stringify({ kind: "promise_due_date", promiseId: "x:p0", dueDate: "2026-02-30" }),
    headers: { "content-type": "application/json" },
    expect: { anonymous: API_401, ...everyRole({ status: 422, contains: '"path":"dueDate"' }) },
  },
  {
    route: "/api/calls/[id]/notes",
    url: () => `/api/calls/${calls.xss}/notes`,
    expect: { anonymous: API_401, ...everyRole({ status: 200, contains: '"accountId":"' }) },
  },
  {
    route: "/api/notes/[id]",
    method: "PATCH",
    url: () => `/api/notes/${NO_NOTE}`,
    body: JSON.stringify({ body: "edited" }),
    headers: { "content-type": "application/json" },
    expect: { anonymous: API_401, ...everyRole({ status: 404, contains: "No note with id" }) },
  },
  {
    route: "/api/notes/[id]",
    label: "DELETE",
    method: "DELETE",
    url: () => `/api/notes/${NO_NOTE}`,
    expect: { anonymous: API_401, ...everyRole({ status: 404, contains: "No note with id" }) },
  },
  {
    // Public by design: no session needed, its own signature check refuses unsigned bodies.
    route: "/api/webhooks/levers",
    method: "POST",
    url: () => "/api/webhooks/levers",
    body: JSON.stringify({ type: "phone_call.ended", data: {} }),
    headers: { "content-type": "application/json" },
    expect: {
      anonymous: { status: 401, contentType: /application\/json/ },
      ...everyRole({ status: 401, contentType: /application\/json/ }),
    },
  },
];

function check(result: Probe, expected: Expectation, label: string) {
  const statuses = Array.isArray(expected.status) ? expected.status : [expected.status];
  expect(statuses, `${label}: status ${result.status}, body ${result.body.slice(0, 200)}`).toContain(result.status);
  if (expected.location) expect(result.headers.get("location") ?? "", `${label}: redirect target`).toMatch(expected.location);
  if (expected.contentType) expect(result.headers.get("content-type") ?? "", `${label}: content type`).toMatch(expected.contentType);
  if (expected.contains) {
    if (typeof expected.contains === "string") expect(result.body, `${label}: content`).toContain(expected.contains);
    else expect(result.body, `${label}: content`).toMatch(expected.contains);
  }
}

/** The demo seed's showcase calls, found through the API by requestMetadata.extra_id. */
async function findShowcaseCalls() {
  if (calls.xss) return;
  const from = new Date(Date.now() - 2 * 24 * 3600_000).toISOString();
  const response = await probe("admin", `/api/calls?from=${encodeURIComponent(from)}&limit=200`);
  expect(response.status).toBe(200);
  const items = (
    JSON.parse(response.body) as {
      items: { id: string; providerCallId: string; recordingUrl: string | null; metadata: { requestMetadata?: { extra_id?: string } } }[];
    }
  ).items;
  const xss = items.find((i) => i.metadata.requestMetadata?.extra_id === "demo-xss");
  const recording = items.find((i) => i.metadata.requestMetadata?.extra_id?.startsWith("demo-recording-") && i.recordingUrl);
  expect(xss, "the demo seed marks one call with extra_id demo-xss").toBeTruthy();
  expect(recording, "the demo seed has calls with playable recordings").toBeTruthy();
  calls.xss = xss!.id;
  calls.providerCallId = xss!.providerCallId;
  calls.recording = recording!.id;
  // The demo-xss call's account (linked by the server's accounts worker): the account page and API rows use it.
  await expect
    .poll(async () => JSON.parse((await probe("admin", `/api/calls/${calls.xss}/notes`)).body).accountId, { timeout: 30_000 })
    .toBeTruthy();
  account.demo = JSON.parse((await probe("admin", `/api/calls/${calls.xss}/notes`)).body).accountId;
}

test.describe("route × role matrix", () => {
  test("lists every page and route handler in app/ (add new routes to MATRIX)", () => {
    const listed = [...new Set(MATRIX.map((c) => c.route))].sort();
    expect(appRoutes(), "every app route needs a row in MATRIX, and every row an app route").toEqual(listed);
  });

  for (const routeCase of MATRIX) {
    test(`${routeCase.method ?? "GET"} ${routeCase.route}${routeCase.label ? ` ${routeCase.label}` : ""}`, async () => {
      await findShowcaseCalls();
      for (const who of WHO) {
        const result = await probe(who, routeCase.url(), { method: routeCase.method, headers: routeCase.headers, body: routeCase.body });
        if (routeCase.signsOut && who !== "anonymous") cookies.delete(who);
        check(result, routeCase.expect[who], `${who} ${routeCase.route}`);
        if (who !== "anonymous" || result.status !== 200) continue;
        // Nothing personal leaks to anonymous callers.
        expect(result.body).not.toContain("+1617");
      }
    });
  }

  test("a forged x-middleware-subrequest header gains nothing", async () => {
    await findShowcaseCalls();
    for (const value of [
      "proxy:proxy:proxy:proxy:proxy",
      "middleware:middleware:middleware:middleware:middleware",
      "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
    ]) {
      const headers = { "x-middleware-subrequest": value };
      const page = await probe("anonymous", "/calls", { headers });
      expect([307, 401]).toContain(page.status);
      expect(page.body).not.toContain(calls.providerCallId);
      const detail = await probe("anonymous", `/calls/${calls.xss}`, { headers });
      expect([307, 401]).toContain(detail.status);
      expect(detail.body).not.toContain(calls.providerCallId);
      check(await probe("anonymous", "/api/calls", { headers }), API_401, `forged ${value} /api/calls`);
      check(await probe("anonymous", `/api/calls/${calls.recording}/recording`, { headers }), API_401, `forged ${value} recording`);
      check(await probe("agent", "/admin/users", { headers }), PAGE_403, `forged ${value} agent /admin/users`);
    }
  });
});

// ---------------------------------------------------------------------------
// Sign-in, sign-out and navigation in the browser.
// ---------------------------------------------------------------------------

// "My work" and "Review" carry counts of open items.
const NAV: Record<Role, (string | RegExp)[]> = {
  agent: [/^My work/, "Calls", "Accounts"],
  manager: [/^My work/, "Calls", "Accounts", "Analytics", "Compliance", /^Review/],
  admin: [/^My work/, "Calls", "Accounts", "Analytics", "Compliance", /^Review/, "Admin"],
};
const LANDING: Record<Role, RegExp> = { agent: /\/work$/, manager: /\/calls$/, admin: /\/calls$/ };

test.describe("signing in and out", () => {
  for (const role of ROLES) {
    test(`${role}: signs in through the login form, sees the ${role}'s navigation, signs out`, async ({ page }) => {
      await signIn(page, role);
      await expect(page).toHaveURL(LANDING[role]);
      await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(NAV[role]);
      await expect(page.getByRole("button", { name: /account menu/i })).toContainText(DEMO_USERS[role].name);
      await signOut(page);
      await expect(page.getByText("You have been signed out.")).toBeVisible();
      await page.goto("/calls");
      await expect(page).toHaveURL(/\/login$/);
    });
  }

  test("a session cookie is HttpOnly, SameSite=Lax, and a new one is issued at every sign-in", async ({ page, context }) => {
    await signIn(page, "agent");
    const first = (await context.cookies()).find((c) => c.name.endsWith("levers.session_token"));
    expect(first).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
    expect(await page.evaluate(() => document.cookie)).not.toContain("session_token");
    await signOut(page);
    await signIn(page, "agent");
    const second = (await context.cookies()).find((c) => c.name.endsWith("levers.session_token"));
    expect(second?.value).toBeTruthy();
    expect(second!.value).not.toBe(first!.value);
  });

  test("shows a clear error for a wrong password and keeps the email", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(DEMO_USERS.agent.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(DEMO_USERS.agent.email);
    await expect(page).toHaveURL(/\/login/);
  });

  test("comes back to the page asked for, but never follows next off the site", async ({ page }) => {
    await page.goto("/admin/audit?action=sign_in");
    await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Faudit%3Faction%3Dsign_in$/);
    await page.getByLabel("Email").fill(DEMO_USERS.admin.email);
    await page.getByLabel("Password").fill(DEMO_USERS.admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin\/audit\?action=sign_in$/);
    await signOut(page);

    await page.goto(`/login?next=${encodeURIComponent("//evil.example/phish")}`);
    await page.getByLabel("Email").fill(DEMO_USERS.agent.email);
    await page.getByLabel("Password").fill(DEMO_USERS.agent.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${E2E_ORIGIN}/calls`);
  });
});

// ---------------------------------------------------------------------------
// Hardening.
// ---------------------------------------------------------------------------

/** A request Node's fetch refuses to make (TRACE), over a plain socket. */
function rawRequest(method: string, url: string): Promise<{ status: number; allow: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${E2E_ORIGIN}${url}`, { method }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test.describe("hardening", () => {
  test("TRACE gets 405 with Allow on every route, the webhook included, never a 500", async () => {
    await findShowcaseCalls();
    for (const routeCase of MATRIX) {
      const result = await rawRequest("TRACE", routeCase.url());
      expect(result.status, `TRACE ${routeCase.route}: ${result.body.slice(0, 200)}`).toBe(405);
      expect(result.allow, `TRACE ${routeCase.route}`).toBeTruthy();
    }
    expect((await rawRequest("TRACE", "/api/webhooks/levers")).allow).toBe("POST");
  });

  test("a signed-in /login?next= never sends the browser off the site, whatever dot segments it holds", async () => {
    for (const next of [
      "/.//evil.example/phish",
      "/..//evil.example/phish",
      "/%2e//evil.example/phish",
      "/%2e%2e//evil.example/phish",
      "/a/..//evil.example/phish",
      "//evil.example",
    ]) {
      const result = await probe("agent", `/login?next=${encodeURIComponent(next)}`);
      expect(result.status, next).toBe(307);
      expect(result.headers.get("location"), next).toBe("/calls");
    }
  });

  test("repeated failed sign-ins get 429 with Retry-After, persisted in PostgreSQL", async ({ page }) => {
    const email = `nobody-${Date.now()}@example.com`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await apiSignIn(email, `guess-${i}-wrong`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const blocked = await fetch(`${E2E_ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: E2E_ORIGIN },
      body: JSON.stringify({ email, password: "anything-at-all" }),
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(60);
    // The login form says so in words.
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("one-more-guess");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText(/Too many failed sign-in attempts/)).toBeVisible();
  });

  test("sign-in posted from another site is refused", async () => {
    const response = await fetch(`${E2E_ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ email: DEMO_USERS.agent.email, password: DEMO_USERS.agent.password }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie") ?? "").not.toContain("session_token");
  });

  test("pages and APIs send security headers; personal data is never cached", async () => {
    const login = await probe("anonymous", "/login");
    const csp = login.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(login.body).toContain(`nonce="${nonce}"`);
    expect(login.headers.get("x-content-type-options")).toBe("nosniff");
    expect(login.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(login.headers.get("permissions-policy")).toContain("camera=()");
    expect(login.headers.get("x-frame-options")).toBe("DENY");

    await findShowcaseCalls();
    for (const url of ["/calls", `/calls/${calls.xss}`, "/api/calls?limit=1", `/api/calls/${calls.xss}`]) {
      const result = await probe("agent", url);
      expect(result.status, url).toBe(200);
      expect(result.headers.get("cache-control"), url).toContain("no-store");
    }
    const api = await probe("agent", "/api/calls?limit=1");
    expect(api.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  test("a deactivated user's open session stops working on the very next request", async ({ browser, page }) => {
    const email = `temp-${Date.now()}@example.com`;
    const password = "temporary-pass-123";
    await signIn(page, "admin", { next: "/admin/users" });
    const form = page.getByRole("form", { name: "Add a user" });
    await form.getByLabel("Name").fill("Temp Agent");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Initial password").fill(password);
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByText(`${email} can now sign in`)).toBeVisible();

    const session = await apiSignIn(email, password);
    expect(session.status).toBe(200);
    const asUser = (url: string) => fetch(`${E2E_ORIGIN}${url}`, { headers: { cookie: session.cookie! }, redirect: "manual" });
    expect((await asUser("/api/calls?limit=1")).status).toBe(200);
    const userPage = await openAs(browser, session.cookie!);
    await userPage.goto("/calls");
    await expect(userPage).toHaveURL(/\/calls$/);

    page.once("dialog", (dialog) => dialog.accept());
    const row = page.getByRole("row").filter({ hasText: email });
    await row.getByRole("button", { name: "Deactivate" }).click();
    await expect(row.getByText("Deactivated", { exact: true })).toBeVisible();

    expect((await asUser("/api/calls?limit=1")).status).toBe(401);
    await userPage.reload();
    await expect(userPage).toHaveURL(/\/login/);
    expect((await apiSignIn(email, password)).status).toBe(403);
    await userPage.context().close();

    await page.goto("/admin/audit?action=user.deactivate");
    await expect(page.getByRole("row").filter({ hasText: email }).first()).toContainText(DEMO_USERS.admin.email);
  });

  test("an admin's role change applies on the user's next request; a password reset ends their sessions", async ({ page }) => {
    const email = `promote-${Date.now()}@example.com`;
    await signIn(page, "admin", { next: "/admin/users" });
    const form = page.getByRole("form", { name: "Add a user" });
    await form.getByLabel("Name").fill("Promoted Agent");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Initial password").fill("first-password-1");
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByText(`${email} can now sign in`)).toBeVisible();

    const session = await apiSignIn(email, "first-password-1");
    const asUser = (url: string) => fetch(`${E2E_ORIGIN}${url}`, { headers: { cookie: session.cookie! }, redirect: "manual" });
    expect((await asUser("/api/analytics/outcome-distribution")).status).toBe(403);

    const row = page.getByRole("row").filter({ hasText: email });
    await row.getByLabel(`Role for ${email}`).selectOption("manager");
    await row.getByRole("button", { name: "Save role" }).click();
    await expect(row.getByText("Role saved.")).toBeVisible();
    expect((await asUser("/api/analytics/outcome-distribution")).status).toBe(200);

    await row.getByRole("button", { name: "Reset password", exact: true }).click();
    await row.getByLabel(`New password for ${email}`).fill("second-password-2");
    await row.getByRole("button", { name: "Set password", exact: true }).click();
    await expect(row.getByText(/Password reset/)).toBeVisible();
    expect((await asUser("/api/calls?limit=1")).status).toBe(401);
    expect((await apiSignIn(email, "first-password-1")).status).toBe(401);
    expect((await apiSignIn(email, "second-password-2")).status).toBe(200);

    await page.goto("/admin/audit");
    await expect(page.getByRole("row").filter({ hasText: email }).filter({ hasText: "Reset a password" })).toHaveCount(1);
    const change = page.getByRole("row").filter({ hasText: email }).filter({ hasText: "Changed a user" });
    await expect(change).toContainText('"from":"agent"');
    await expect(change).toContainText('"to":"manager"');
  });

  test("API keys: shown once, work as Bearer tokens with their role, stop working when revoked", async ({ page }) => {
    await signIn(page, "admin", { next: "/admin/api-keys" });
    const name = `CRM sync ${Date.now()}`;
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Role").selectOption("agent");
    await page.getByRole("button", { name: "Create key" }).click();
    const key = (await page.getByTestId("new-api-key").textContent())!.trim();
    expect(key).toMatch(/^lvk_/);
    const bearer = { authorization: `Bearer ${key}` };
    check(
      await probe("anonymous", "/api/calls?limit=1", { headers: bearer }),
      { status: 200, contains: '"items":[' },
      "agent key /api/calls",
    );
    check(await probe("anonymous", "/admin/users", { headers: bearer }), PAGE_403, "agent key /admin/users");

    await page.reload();
    expect(await page.content()).not.toContain(key);
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row.getByRole("cell").nth(3)).toHaveText(/seconds? ago/);
    page.once("dialog", (dialog) => dialog.accept());
    await row.getByRole("button", { name: "Revoke" }).click();
    await expect(row).toContainText("Revoked");
    check(await probe("anonymous", "/api/calls?limit=1", { headers: bearer }), API_401, "revoked key");
  });

  test("a transcript with <script> and <img onerror> renders as inert text", async ({ page }) => {
    await findShowcaseCalls();
    const dialogs: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await signIn(page, "agent", { next: `/calls/${calls.xss}` });
    await expect(page.getByText("Send the receipt to <script>alert(1)</script> please.")).toBeVisible();
    await expect(page.getByText("<img src=x onerror=alert(1)>", { exact: false }).first()).toBeVisible();
    expect(await page.locator('main img[src="x"], main script:not([src])').count()).toBe(0);
    await page.goto("/calls");
    await page.waitForLoadState("load");
    expect(dialogs).toEqual([]);
  });
});

async function openAs(browser: Browser, cookie: string): Promise<Page> {
  const [name, value] = cookie.split("=") as [string, string];
  const context = await browser.newContext({ baseURL: E2E_ORIGIN });
  await context.addCookies([{ name, value, url: E2E_ORIGIN }]);
  return context.newPage();
}

// ---------------------------------------------------------------------------
// Screenshots to look at (1440×900).
// ---------------------------------------------------------------------------

test("screenshots of the login and admin pages", async ({ page }, testInfo) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("login.png") });
  await signIn(page, "admin", { next: "/admin/users" });
  for (const tab of ["users", "api-keys", "webhooks", "audit"]) {
    await page.goto(`/admin/${tab}`);
    await expect(page.getByRole("link", { name: "Audit trail" })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`admin-${tab}.png`) });
  }
});

test("screenshot of the 403 page", async ({ page }, testInfo) => {
  await signIn(page, "agent", { next: "/admin/users" });
  await expect(page.getByRole("heading", { name: "Your role cannot open this page" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("forbidden.png") });
});
