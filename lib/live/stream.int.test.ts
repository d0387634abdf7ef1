import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/levers/route";
import { createApiKey, revokeApiKey } from "@/lib/auth/admin/api-keys";
import { deactivateUser } from "@/lib/auth/admin/users";
import { getAuth, resetAuthForTests } from "@/lib/auth/auth";
import { ensureDemoUsers } from "@/lib/auth/bootstrap";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import type { Role } from "@/lib/auth/roles";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import { resolveViewer, type Viewer } from "@/lib/auth/viewer";
import { useTestDatabase } from "@/lib/testing/database";
import { buildPayload } from "@/lib/testing/payload-factory";
import { SseReader } from "@/lib/testing/sse";
import { generateTestSecret, signedWebhookRequest } from "@/lib/testing/svix";
import { useWebhookSecret } from "@/lib/testing/webhook-secret";
import type { LiveCallsEvent } from "./calls-feed";
import { closeCallsListener } from "./listener";
import { openCallsStream } from "./stream";

/**
 * GET /api/calls/stream's guarded entry point with real better-auth sessions:
 * a deactivation ends an open stream within moments, through the
 * `users_changed` notification (no per-event session query, and long before
 * the periodic re-check).
 */
const ORIGIN = "http://127.0.0.1:3998";
const SECRET = generateTestSecret();

async function signIn(role: Role): Promise<{ headers: Headers; viewer: Viewer }> {
  const response = await getAuth().handler(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": `10.1.0.${role.length}` },
      body: JSON.stringify({ email: DEMO_USERS[role].email, password: DEMO_USERS[role].password }),
    }),
  );
  expect(response.status).toBe(200);
  const headers = new Headers({ cookie: (response.headers.get("set-cookie") ?? "").split(";")[0]! });
  const viewer = await resolveViewer(headers);
  expect(viewer?.role).toBe(role);
  return { headers, viewer: viewer! };
}

async function deliver(): Promise<string> {
  const response = await POST(signedWebhookRequest(buildPayload(), { secret: SECRET }).request);
  expect(response.status).toBe(200);
  return ((await response.json()) as { callId: string }).callId;
}

const announced = (r: SseReader, id: string) => r.named("calls").some((e) => (e.data as LiveCallsEvent).matched.some((m) => m.id === id));

describe("the live stream route's access", () => {
  useTestDatabase();
  useWebhookSecret(SECRET);

  beforeAll(async () => {
    process.env.BETTER_AUTH_SECRET = "integration-test-secret-0123456789-abcdefghij";
    process.env.BETTER_AUTH_URL = ORIGIN;
    process.env.DEMO_MODE = "1";
    resetAuthForTests();
    await ensureDemoUsers(process.env.DATABASE_URL!);
  });
  afterAll(async () => {
    await closeCallsListener();
  });

  it("a deactivated agent's open stream stops promptly, and sends nothing after", async () => {
    const agent = await signIn("agent");
    const admin = await signIn("admin");
    const abort = new AbortController();
    // The periodic re-check is an hour away: only the notification can end the stream in time.
    const response = await runAsTrustedViewer(agent.viewer, () =>
      openCallsStream(new Request(`${ORIGIN}/api/calls/stream`, { headers: agent.headers, signal: abort.signal }), {
        revalidateMs: 3_600_000,
      }),
    );
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = new SseReader(response.body!);
    await reader.until((r) => r.named("ready").length === 1);
    const before = await deliver();
    await reader.until((r) => announced(r, before));

    const deactivatedAt = Date.now();
    await runAsTrustedViewer(admin.viewer, () => deactivateUser(agent.viewer.id, "left the team", admin.headers));
    await reader.until((r) => r.done, 3_000, "the stream to end");
    expect(reader.events.at(-1)).toMatchObject({ event: "end", data: { reason: "signed-out" } });
    expect(reader.events.at(-1)!.at - deactivatedAt).toBeLessThan(2_000);
    const after = await deliver();
    expect(announced(reader, after)).toBe(false);
    abort.abort();
  });

  it("a revoked API key's open stream stops promptly", async () => {
    const admin = await signIn("admin");
    const created = await runAsTrustedViewer(admin.viewer, () => createApiKey({ name: "wallboard", role: "agent" }));
    const headers = new Headers({ authorization: `Bearer ${created.key}` });
    const viewer = (await resolveViewer(headers))!;
    const response = await runAsTrustedViewer(viewer, () =>
      openCallsStream(new Request(`${ORIGIN}/api/calls/stream`, { headers }), { revalidateMs: 3_600_000 }),
    );
    const reader = new SseReader(response.body!);
    await reader.until((r) => r.named("ready").length === 1);
    const revokedAt = Date.now();
    await runAsTrustedViewer(admin.viewer, () => revokeApiKey(created.id));
    await reader.until((r) => r.done, 3_000, "the stream to end");
    expect(reader.events.at(-1)).toMatchObject({ event: "end" });
    expect(reader.events.at(-1)!.at - revokedAt).toBeLessThan(2_000);
  });

  it("refuses a malformed position with a 400-style error, not a stream", async () => {
    const manager = await signIn("manager");
    await expect(
      runAsTrustedViewer(manager.viewer, () =>
        openCallsStream(new Request(`${ORIGIN}/api/calls/stream?since=nonsense`, { headers: manager.headers })),
      ),
    ).rejects.toMatchObject({ status: 400 });
  });
});
