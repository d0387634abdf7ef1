import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { getPrisma, prisma } from "@/lib/db/client";
import { UnauthenticatedError } from "@/lib/http/errors";
import { useTestDatabase } from "@/lib/testing/database";
import { getCall, getCallNeighbours, getCallRecordingSource } from "./detail";
import { type CallFilters, NO_FILTERS } from "./filters";
import { runListCalls } from "./list-query";
import type { CallSort } from "./search-params";

// The guard reads the request's session; here the test decides who is asking.
const who = vi.hoisted(() => ({ role: "agent" as Role | null }));
vi.mock("@/lib/auth/guard", async () => {
  const { hasRole } = await import("@/lib/auth/roles");
  const { ForbiddenError, UnauthenticatedError } = await import("@/lib/http/errors");
  return {
    requireRole: async (role: Role) => {
      if (!who.role) throw new UnauthenticatedError();
      if (!hasRole(who.role, role)) throw new ForbiddenError();
      return { id: `user-${who.role}`, email: `${who.role}@example.test`, name: who.role, role: who.role, via: "session" };
    },
  };
});

useTestDatabase();

const OUTCOMES = ["PAYMENT PROMISE", "WRONG NUMBER", "NOT INTERESTED", "SOMETHING NEW"];
const base = Date.parse("2026-11-01T12:00:00.000Z");
const ids: string[] = [];

beforeAll(async () => {
  // 40 calls; received times and durations repeat on purpose so ties must be broken by id like the list does.
  for (let i = 0; i < 40; i++) {
    const call = await prisma.call.create({
      data: {
        providerCallId: `detail-${i}`,
        numberFrom: "+15074106928",
        numberTo: `+97158542${String(i).padStart(4, "0")}`,
        duration: 30 + (i % 7) * 10,
        callOutput: OUTCOMES[i % OUTCOMES.length],
        sentimentOutput: i % 3 === 0 ? "NEGATIVE" : "POSITIVE",
        summary: i % 5 === 0 ? `Contact mentioned the word zebrafish ${"zebrafish ".repeat(i % 4)}` : "An ordinary call.",
        transcription: `AI: Hello caller ${i}\nUser: Hi, I will pay on Friday.`,
        recordingUrl: i % 2 ? `levers-demo-bucket:calls/${i}.mp3` : null,
        metadata: { requestMetadata: { project_id: i % 2 ? "proj_a" : "proj_b", extra_id: `x-${i}` } },
        requestMetadata: { project_id: i % 2 ? "proj_a" : "proj_b", extra_id: `x-${i}` },
        receivedAt: new Date(base - Math.floor(i / 2) * 60_000),
      },
    });
    ids.push(call.id);
  }
  await prisma.webhookDelivery.create({
    data: {
      messageId: "msg_detail_0",
      status: "processed",
      rawBody: '{"providerCallId":"detail-0","callOutput":"PAYMENT PROMISE"}',
      providerCallId: "detail-0",
      callId: ids[0],
    },
  });
  await prisma.webhookDelivery.create({
    data: { messageId: "msg_detail_0_bad", status: "invalid", rawBody: "not json at all", providerCallId: "detail-0" },
  });
});

beforeEach(() => {
  who.role = "agent";
});

describe("getCall", () => {
  it("returns the whole call with its request metadata", async () => {
    const detail = await getCall(ids[3]!);
    expect(detail?.call).toMatchObject({
      id: ids[3],
      providerCallId: "detail-3",
      numberTo: "+971585420003",
      callOutput: "SOMETHING NEW",
      transcription: "AI: Hello caller 3\nUser: Hi, I will pay on Friday.",
      recordingUrl: "levers-demo-bucket:calls/3.mp3",
      projectId: "proj_a",
      requestMetadata: { project_id: "proj_a", extra_id: "x-3" },
    });
  });

  it("answers null for an unknown id and for something that is not a uuid", async () => {
    expect(await getCall("00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await getCall("not-a-uuid")).toBeNull();
    expect(await getCall("'; DROP TABLE calls; --")).toBeNull();
  });

  it("shows the raw deliveries (JSON parsed, text kept) to admins only", async () => {
    expect((await getCall(ids[0]!))?.deliveries).toBeNull();
    who.role = "manager";
    expect((await getCall(ids[0]!))?.deliveries).toBeNull();
    who.role = "admin";
    const deliveries = (await getCall(ids[0]!))?.deliveries;
    expect(deliveries?.map((d) => d.messageId).sort()).toEqual(["msg_detail_0", "msg_detail_0_bad"]);
    expect(deliveries?.find((d) => d.messageId === "msg_detail_0")?.body).toEqual({
      providerCallId: "detail-0",
      callOutput: "PAYMENT PROMISE",
    });
    expect(deliveries?.find((d) => d.messageId === "msg_detail_0_bad")?.body).toBe("not json at all");
    expect((await getCall(ids[0]!, { deliveries: false }))?.deliveries).toBeNull();
  });

  it("refuses anonymous callers", async () => {
    who.role = null;
    await expect(getCall(ids[0]!)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(
      getCallNeighbours(
        { id: ids[0]!, receivedAt: new Date(), duration: 1 },
        { filters: NO_FILTERS, page: { sort: "receivedAt.desc", cursor: null, limit: 50 } },
      ),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(getCallRecordingSource(ids[0]!)).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});

describe("getCallNeighbours", () => {
  async function listOrder(filters: CallFilters, sort: CallSort): Promise<string[]> {
    const list = await runListCalls(getPrisma(), filters, { sort, cursor: null, limit: 200 });
    return list.items.map((item) => item.id);
  }

  async function expectMatchesList(filters: CallFilters, sort: CallSort) {
    const order = await listOrder(filters, sort);
    expect(order.length).toBeGreaterThan(2);
    for (const [i, id] of order.entries()) {
      const call = (await getCall(id))!.call;
      const neighbours = await getCallNeighbours(call, { filters, page: { sort, cursor: null, limit: 50 } });
      expect(neighbours, `position ${i} of ${order.length} (${sort})`).toEqual({
        previous: order[i - 1] ?? null,
        next: order[i + 1] ?? null,
      });
    }
  }

  it.each<CallSort>(["receivedAt.desc", "receivedAt.asc", "duration.desc", "duration.asc"])(
    "walks the unfiltered list in %s order, ties included",
    async (sort) => {
      await expectMatchesList(NO_FILTERS, sort);
    },
  );

  it("stays inside the list's filter (outcomes + sentiment)", async () => {
    await expectMatchesList({ ...NO_FILTERS, outcome: ["PAYMENT PROMISE", "SOMETHING NEW"], sentiment: ["POSITIVE"] }, "receivedAt.desc");
  });

  it("follows a search, newest first and by relevance", async () => {
    const filters = { ...NO_FILTERS, q: "zebrafish" };
    await expectMatchesList(filters, "receivedAt.desc");
    await expectMatchesList(filters, "relevance");
  });

  it("answers no neighbours for a search without searchable words", async () => {
    const call = (await getCall(ids[0]!))!.call;
    expect(
      await getCallNeighbours(call, { filters: { ...NO_FILTERS, q: "the" }, page: { sort: "relevance", cursor: null, limit: 50 } }),
    ).toEqual({ previous: null, next: null });
  });
});

describe("getCallRecordingSource", () => {
  it("gives the location and receive time, or null", async () => {
    expect(await getCallRecordingSource(ids[1]!)).toMatchObject({ callId: ids[1], recordingUrl: "levers-demo-bucket:calls/1.mp3" });
    expect(await getCallRecordingSource(ids[0]!)).toMatchObject({ recordingUrl: null });
    expect(await getCallRecordingSource("nope")).toBeNull();
  });
});
