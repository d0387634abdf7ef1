import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { importCalls } from "@/lib/accounts/import";
import { drainAccountJobs } from "@/lib/accounts/test-worker";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import type { Viewer } from "@/lib/auth/viewer";
import { parseCallsApiQuery } from "@/lib/calls/api";
import { toCallQuery } from "@/lib/calls/filters";
import { listCalls } from "@/lib/calls/queries";
import { getPrisma } from "@/lib/db/client";
import { useTestDatabase } from "@/lib/testing/database";
import { buildPayload } from "@/lib/testing/payload-factory";
import { getCallVerdict, getCallVerdictHistory, setCallVerdict } from "./verdicts";

/**
 * Overrides on a real PostgreSQL with the accounts pipeline's real queue: the
 * verdict queues the re-derivation in its own transaction, and the account's
 * promises follow the corrected outcome.
 */
const db = useTestDatabase();
const agent: Viewer = { id: "u_agent", email: "agent@example.test", name: "Ada Agent", role: "agent", via: "session" };

const PROMISE = "AI: So that's $150 on Friday the 6th?\nUser: Yes.";

const drain = () => drainAccountJobs(db.url());

async function importPromiseCall(account: string, receivedAt: string): Promise<string> {
  const payload = buildPayload({
    providerCallId: `${account}-promise`,
    numberTo: "+13125550100",
    duration: 60,
    callOutput: "PAYMENT PROMISE",
    sentimentOutput: "POSITIVE",
    transcription: PROMISE,
    metadata: { requestMetadata: { account_id: account, project_id: "proj_1" } },
  });
  await importCalls(getPrisma(), Readable.from([JSON.stringify({ ...payload, receivedAt })]));
  const call = await getPrisma().call.findUniqueOrThrow({ where: { providerCallId: `${account}-promise` } });
  return call.id;
}

async function activePromises(callId: string) {
  return getPrisma().crmPromise.findMany({ where: { callId, status: "pending" }, select: { id: true, amountCents: true } });
}

const asAgent = <T>(fn: () => Promise<T>) => runAsTrustedViewer(agent, fn);

beforeAll(async () => {
  await getPrisma().user.create({ data: { id: agent.id, name: agent.name, email: agent.email, role: "agent" } });
});

describe("disposition override", () => {
  it("a PAYMENT PROMISE corrected to NOT INTERESTED cancels its promise; a correction back restores it", async () => {
    // Received today, so the promise (due within the week) is still pending.
    const callId = await importPromiseCall("V1", new Date().toISOString());
    await drain();
    expect(await activePromises(callId)).toHaveLength(1);

    const verdict = await asAgent(() =>
      setCallVerdict({ callId, outcome: "NOT INTERESTED", reason: "Said no twice; the yes was sarcastic." }),
    );
    expect(verdict).toMatchObject({ outcome: "NOT INTERESTED", aiOutcome: "PAYMENT PROMISE", corrected: true, byName: "Ada Agent" });
    // The AI's value stays on the call.
    expect((await getPrisma().call.findUniqueOrThrow({ where: { id: callId } })).callOutput).toBe("PAYMENT PROMISE");
    await drain();
    expect(await activePromises(callId)).toEqual([]);
    expect(await getPrisma().crmCallLink.findUniqueOrThrow({ where: { callId } })).toMatchObject({ outcome: "NOT INTERESTED" });

    const back = await asAgent(() => setCallVerdict({ callId, outcome: "PAYMENT PROMISE", reason: "Listened again: a real promise." }));
    expect(back.corrected).toBe(false);
    await drain();
    expect(await activePromises(callId)).toEqual([expect.objectContaining({ amountCents: 15000 })]);

    const history = await asAgent(() => getCallVerdictHistory(callId));
    expect(history.map((h) => [h.outcome, h.reason])).toEqual([
      ["PAYMENT PROMISE", "Listened again: a real promise."],
      ["NOT INTERESTED", "Said no twice; the yes was sarcastic."],
    ]);
    const audit = await getPrisma().auditEvent.findMany({ where: { action: "call.verdict", target: `call:${callId}` } });
    expect(audit).toHaveLength(2);
    expect(audit[0]!.actorId).toBe(agent.id);
  });

  it("a sentiment-only correction keeps the earlier outcome correction; null gives the AI's back", async () => {
    const callId = await importPromiseCall("V2", new Date().toISOString());
    await asAgent(() => setCallVerdict({ callId, outcome: "CALL BACK REQUESTED", reason: "Asked to be called Monday." }));
    await asAgent(() => setCallVerdict({ callId, sentiment: "NEGATIVE", reason: "Audibly upset." }));
    expect(await asAgent(() => getCallVerdict(callId))).toMatchObject({ outcome: "CALL BACK REQUESTED", sentiment: "NEGATIVE" });
    await asAgent(() => setCallVerdict({ callId, outcome: null, reason: "The AI was right on the outcome." }));
    expect(await asAgent(() => getCallVerdict(callId))).toMatchObject({ outcome: null, sentiment: "NEGATIVE", corrected: true });
  });

  it("refuses bad input naming the field, an unknown call with 404, and anonymous callers", async () => {
    const callId = await importPromiseCall("V3", new Date().toISOString());
    await expect(asAgent(() => setCallVerdict({ callId, outcome: "MAYBE", reason: "x" }))).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("outcome"),
    });
    await expect(asAgent(() => setCallVerdict({ callId, outcome: "NOT INTERESTED", reason: "  " }))).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("reason"),
    });
    await expect(
      asAgent(() => setCallVerdict({ callId: "00000000-0000-4000-8000-000000000000", outcome: "NOT INTERESTED", reason: "x" })),
    ).rejects.toMatchObject({ status: 404 });
    await expect(asAgent(() => setCallVerdict({ callId: "not-a-uuid", outcome: "NOT INTERESTED", reason: "x" }))).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      asAgent(() => setCallVerdict({ callId, outcome: "NOT INTERESTED", reason: "QA", source: "review" })),
    ).rejects.toMatchObject({
      status: 403,
    });
    await expect(runAsTrustedViewer(null, () => setCallVerdict({ callId, outcome: "NOT INTERESTED", reason: "x" }))).rejects.toMatchObject({
      status: 401,
    });
    expect(await getPrisma().callVerdict.count({ where: { callId } })).toBe(0);
  });
});

describe("calls list filters on verdicts", () => {
  it("filters reviewed, corrected, and by the AI's or the corrected outcome", async () => {
    const corrected = await importPromiseCall("F1", "2026-05-01T10:00:00Z");
    const confirmed = await importPromiseCall("F2", "2026-05-01T11:00:00Z");
    const untouched = await importPromiseCall("F3", "2026-05-01T12:00:00Z");
    await asAgent(() => setCallVerdict({ callId: corrected, outcome: "NOT INTERESTED", reason: "Refused." }));
    await asAgent(() => setCallVerdict({ callId: confirmed, outcome: "PAYMENT PROMISE", reason: "Right." }));
    const ids = async (input: Record<string, unknown>) => {
      const base = { outcome: [], sentiment: [], project: [], from: "2026-05-01", to: "2026-05-01" };
      const { filters, page } = toCallQuery({ ...base, ...input } as Parameters<typeof toCallQuery>[0]);
      const list = await asAgent(() => listCalls(filters, page));
      return list.items.map((i) => i.id).sort();
    };
    expect(await ids({ corrected: true })).toEqual([corrected]);
    expect(await ids({ corrected: false })).toEqual([confirmed, untouched].sort());
    expect(await ids({ reviewed: true })).toEqual([corrected, confirmed].sort());
    expect(await ids({ reviewed: false })).toEqual([untouched]);
    expect(await ids({ outcome: ["PAYMENT PROMISE"] })).toEqual([corrected, confirmed, untouched].sort());
    expect(await ids({ correctedOutcome: ["PAYMENT PROMISE"] })).toEqual([confirmed, untouched].sort());
    expect(await ids({ correctedOutcome: ["NOT INTERESTED"] })).toEqual([corrected]);
    expect(await ids({ outcome: ["PAYMENT PROMISE"], correctedOutcome: ["NOT INTERESTED"], reviewed: true })).toEqual([corrected]);
    // The API takes the same keys.
    const api = parseCallsApiQuery(new URLSearchParams("correctedOutcome=NOT%20INTERESTED&corrected=true&from=2026-05-01&to=2026-05-01"));
    expect((await asAgent(() => listCalls(api.filters, api.page))).items.map((i) => i.id)).toEqual([corrected]);
  });
});
