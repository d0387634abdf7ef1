import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { prisma } from "@/lib/db/client";
import { NotFoundError, UnauthenticatedError } from "@/lib/http/errors";
import { useTestDatabase } from "@/lib/testing/database";
import { serveCallRecording } from "./call-recording";

const who = vi.hoisted(() => ({ role: "agent" as Role | null }));
vi.mock("@/lib/auth/guard", async () => {
  const { hasRole } = await import("@/lib/auth/roles");
  const { ForbiddenError, UnauthenticatedError } = await import("@/lib/http/errors");
  return {
    requireRole: async (role: Role) => {
      if (!who.role) throw new UnauthenticatedError();
      if (!hasRole(who.role, role)) throw new ForbiddenError();
      return { id: "user-agent-1", email: "agent@example.test", name: "Agent", role: who.role, via: "session" };
    },
  };
});

useTestDatabase();

let dir = "";
const ids: Record<"stored" | "gone" | "none" | "bad", string> = { stored: "", gone: "", none: "", bad: "" };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "recordings-"));
  await mkdir(path.join(dir, "levers-demo-bucket", "calls"), { recursive: true });
  await writeFile(path.join(dir, "levers-demo-bucket", "calls", "a.mp3"), Buffer.alloc(2048, 7));
  process.env.RECORDINGS_DIR = dir;
  delete process.env.RECORDINGS_STORAGE;
  delete process.env.RECORDINGS_S3_ENDPOINT;

  await prisma.user.create({ data: { id: "user-agent-1", name: "Agent", email: "agent@example.test", role: "agent" } });
  const make = async (n: string, recordingUrl: string | null) =>
    (
      await prisma.call.create({
        data: {
          providerCallId: `rec-${n}`,
          numberFrom: "+15074106928",
          numberTo: "+971585420805",
          duration: 20,
          recordingUrl,
          receivedAt: new Date("2026-11-02T10:00:00Z"),
        },
      })
    ).id;
  ids.stored = await make("stored", "levers-demo-bucket:calls/a.mp3");
  ids.gone = await make("gone", "levers-demo-bucket:calls/missing.mp3");
  ids.none = await make("none", null);
  ids.bad = await make("bad", "levers-demo-bucket:../../etc/passwd");
});
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(async () => {
  who.role = "agent";
  await prisma.auditEvent.deleteMany();
});

function request(id: string, init: { range?: string; download?: boolean; method?: string } = {}): Request {
  const url = `http://localhost/api/calls/${id}/recording${init.download ? "?download=1" : ""}`;
  return new Request(url, { method: init.method ?? "GET", headers: init.range ? { Range: init.range } : {} });
}

async function audits() {
  return prisma.auditEvent.findMany({ select: { action: true, target: true, actorId: true, actorEmail: true }, orderBy: { id: "asc" } });
}

describe("serveCallRecording", () => {
  it("streams the recording and audits one play for a request from the start", async () => {
    const res = await serveCallRecording(ids.stored, request(ids.stored, { range: "bytes=0-99" }));
    expect(res.status).toBe(206);
    expect(res.headers.get("Content-Range")).toBe("bytes 0-99/2048");
    expect(res.headers.get("Content-Disposition")).toMatch(/^inline; filename="call-2026-11-02-[0-9a-f]{8}\.mp3"/);
    expect((await res.arrayBuffer()).byteLength).toBe(100);
    expect(await audits()).toEqual([
      { action: "recording.play", target: `call:${ids.stored}`, actorId: "user-agent-1", actorEmail: "agent@example.test" },
    ]);
  });

  it("does not audit the chunks a player fetches while seeking, nor HEAD requests", async () => {
    expect((await serveCallRecording(ids.stored, request(ids.stored, { range: "bytes=1024-" }))).status).toBe(206);
    expect((await serveCallRecording(ids.stored, request(ids.stored, { method: "HEAD" }))).status).toBe(200);
    expect(await audits()).toEqual([]);
  });

  it("audits a download as a download, with an attachment disposition", async () => {
    const res = await serveCallRecording(ids.stored, request(ids.stored, { download: true }));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect((await audits()).map((a) => a.action)).toEqual(["recording.download"]);
  });

  it("says clearly when there is nothing to play, and audits nothing", async () => {
    await expect(serveCallRecording(ids.gone, request(ids.gone))).rejects.toThrow(
      new NotFoundError("The recording is not available in storage."),
    );
    await expect(serveCallRecording(ids.bad, request(ids.bad))).rejects.toThrow("The recording is not available in storage.");
    await expect(serveCallRecording(ids.none, request(ids.none))).rejects.toThrow("No recording for this call.");
    await expect(serveCallRecording("00000000-0000-4000-8000-000000000000", request("x"))).rejects.toThrow("No call with this id.");
    expect(await audits()).toEqual([]);
  });

  it("answers 416 for a range past the end", async () => {
    const res = await serveCallRecording(ids.stored, request(ids.stored, { range: "bytes=4096-" }));
    expect(res.status).toBe(416);
    expect(res.headers.get("Content-Range")).toBe("bytes */2048");
  });

  it("refuses anonymous callers before touching storage", async () => {
    who.role = null;
    await expect(serveCallRecording(ids.stored, request(ids.stored))).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await audits()).toEqual([]);
  });
});
