import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { requireRole, type Viewer } from "@/lib/auth/guard";
import { OUTCOMES, SENTIMENTS } from "@/lib/calls/catalogue";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { BadRequestError, NotFoundError } from "@/lib/http/errors";

/**
 * A person's verdict on a call's outcome and sentiment (an agent's override or
 * a reviewer's QA review). The AI's values stay on `calls`; the verdict sits
 * beside them in `call_verdicts` (current) and `call_verdict_changes` (every
 * verdict given), and the account re-derives from the corrected value (the
 * derivation reads COALESCE(verdict outcome, AI outcome), lib/accounts/store.ts).
 * A reviewer who agrees with the AI records its value: "reviewed" = has a
 * verdict, "agrees" = the verdict equals the AI's.
 */

export const VERDICT_SOURCES = ["override", "review"] as const;
export type VerdictSource = (typeof VERDICT_SOURCES)[number];

const outcomeValues = OUTCOMES.map((o) => o.value) as [string, ...string[]];
const sentimentValues = SENTIMENTS.map((s) => s.value) as [string, ...string[]];

/**
 * outcome / sentiment: a catalogue value sets it; null puts the AI's back for
 * that field; omitted keeps what the call's current verdict says.
 */
export const verdictInputSchema = z
  .object({
    callId: z.string(),
    outcome: z
      .enum(outcomeValues, { error: `Use one of: ${outcomeValues.join(", ")}.` })
      .nullable()
      .optional(),
    sentiment: z
      .enum(sentimentValues, { error: `Use one of: ${sentimentValues.join(", ")}.` })
      .nullable()
      .optional(),
    reason: z
      .string({ error: "Say why (a short reason is required)." })
      .trim()
      .min(1, "Say why (a short reason is required).")
      .max(2000, "Keep the reason under 2,000 characters."),
    source: z.enum(VERDICT_SOURCES).default("override"),
    reviewId: z.uuid().nullable().optional(),
  })
  .strict();
export type VerdictInput = z.input<typeof verdictInputSchema>;

export interface CallVerdictView {
  callId: string;
  /** The person's outcome; null = the AI's stands. */
  outcome: string | null;
  sentiment: string | null;
  /** The AI's values when the verdict was given. */
  aiOutcome: string | null;
  aiSentiment: string | null;
  reason: string;
  byId: string;
  byName: string;
  at: Date;
  source: VerdictSource;
  reviewId: string | null;
  /** The verdict differs from the AI on outcome or sentiment. */
  corrected: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseInput(input: VerdictInput) {
  const parsed = verdictInputSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(root)", message: i.message }));
    const summary = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
    throw new BadRequestError(`Invalid verdict: ${summary}`, { issues });
  }
  return parsed.data;
}

function toView(row: {
  callId: string;
  outcome: string | null;
  sentiment: string | null;
  aiOutcome: string | null;
  aiSentiment: string | null;
  reason: string;
  byId: string;
  byName: string;
  at: Date;
  source: string;
  reviewId: string | null;
}): CallVerdictView {
  return {
    ...row,
    source: row.source === "review" ? "review" : "override",
    corrected: (row.outcome !== null && row.outcome !== row.aiOutcome) || (row.sentiment !== null && row.sentiment !== row.aiSentiment),
  };
}

/** Queues the re-derivation of the call's account in the caller's transaction (or its linking, when not linked yet). */
async function queueRederive(tx: Prisma.TransactionClient, callId: string): Promise<void> {
  const linked = await tx.$queryRaw<{ account_id: string }[]>`
    SELECT account_id::text FROM crm_call_links WHERE call_id = ${callId}::uuid`;
  if (linked.length > 0) {
    await tx.$executeRaw`
      SELECT graphile_worker.add_job('crm_derive_accounts', json_build_object('accountIds', json_build_array(${linked[0]!.account_id}::text)))`;
  } else {
    // Not linked yet: its link job derives it (and reads the verdict then).
    await tx.$executeRaw`SELECT crm_queue_call_ids(jsonb_build_array(${callId}::text))`;
  }
}

/**
 * Records a verdict on a call: replaces its current verdict, appends to the
 * history, queues the account's re-derivation in the same transaction, and
 * audits it (`call.verdict`). Agents may override; a `review` verdict needs a
 * manager. 400 naming the field for bad input, 404 for an unknown call.
 * Pass `tx` to record it inside a caller's transaction (e.g. a QA review).
 */
export async function setCallVerdict(input: VerdictInput, options: { tx?: Prisma.TransactionClient } = {}): Promise<CallVerdictView> {
  const viewer = await requireRole("agent");
  const data = parseInput(input);
  if (data.source === "review") await requireRole("manager");
  if (!UUID.test(data.callId)) throw new NotFoundError(`No call with id "${data.callId.slice(0, 64)}".`);

  const write = async (tx: Prisma.TransactionClient) => writeVerdict(tx, data, viewer);
  const view = options.tx ? await write(options.tx) : await prisma.$transaction(write);
  await recordAudit({
    actorId: viewer.id,
    action: "call.verdict",
    target: `call:${view.callId}`,
    details: {
      source: view.source,
      outcome: view.outcome,
      sentiment: view.sentiment,
      aiOutcome: view.aiOutcome,
      aiSentiment: view.aiSentiment,
      reason: view.reason,
      ...(view.reviewId ? { reviewId: view.reviewId } : {}),
    },
  });
  return view;
}

async function writeVerdict(tx: Prisma.TransactionClient, data: ReturnType<typeof parseInput>, viewer: Viewer): Promise<CallVerdictView> {
  const call = await tx.call.findUnique({
    where: { id: data.callId },
    select: { id: true, callOutput: true, sentimentOutput: true, receivedAt: true },
  });
  if (!call) throw new NotFoundError(`No call with id "${data.callId}".`);
  const previous = await tx.callVerdict.findUnique({ where: { callId: call.id } });
  const outcome = data.outcome !== undefined ? data.outcome : (previous?.outcome ?? null);
  const sentiment = data.sentiment !== undefined ? data.sentiment : (previous?.sentiment ?? null);
  if (outcome === null && sentiment === null) {
    throw new BadRequestError("Invalid verdict: outcome: give an outcome or a sentiment (the AI's own value to agree with it).", {
      issues: [{ path: "outcome", message: "Give an outcome or a sentiment." }],
    });
  }
  const row = {
    outcome,
    sentiment,
    aiOutcome: call.callOutput,
    aiSentiment: call.sentimentOutput,
    reason: data.reason,
    byId: viewer.id,
    byName: viewer.name || viewer.email,
    at: new Date(),
    source: data.source,
    reviewId: data.reviewId ?? null,
  };
  await tx.callVerdict.upsert({
    where: { callId: call.id },
    create: { callId: call.id, receivedAt: call.receivedAt, ...row },
    update: row,
  });
  await tx.callVerdictChange.create({ data: { callId: call.id, ...row } });
  await queueRederive(tx, call.id);
  return toView({ callId: call.id, ...row });
}

const VIEW_SELECT = {
  callId: true,
  outcome: true,
  sentiment: true,
  aiOutcome: true,
  aiSentiment: true,
  reason: true,
  byId: true,
  byName: true,
  at: true,
  source: true,
  reviewId: true,
} satisfies Prisma.CallVerdictSelect;

/** The call's current verdict, or null when no person has judged it. */
export async function getCallVerdict(callId: string): Promise<CallVerdictView | null> {
  await requireRole("agent");
  if (!UUID.test(callId)) return null;
  const row = await prisma.callVerdict.findUnique({ where: { callId }, select: VIEW_SELECT });
  return row ? toView(row) : null;
}

/** Every verdict given on the call, newest first. */
export async function getCallVerdictHistory(callId: string): Promise<CallVerdictView[]> {
  await requireRole("agent");
  if (!UUID.test(callId)) return [];
  const rows = await prisma.callVerdictChange.findMany({
    where: { callId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: VIEW_SELECT,
  });
  return rows.map(toView);
}

/** The JSON shape of a verdict in the API (ISO time). */
export function serializeVerdict(v: CallVerdictView) {
  return {
    callId: v.callId,
    outcome: v.outcome,
    sentiment: v.sentiment,
    aiOutcome: v.aiOutcome,
    aiSentiment: v.aiSentiment,
    corrected: v.corrected,
    reason: v.reason,
    by: { id: v.byId, name: v.byName },
    at: v.at.toISOString(),
    source: v.source,
    reviewId: v.reviewId,
  };
}

export type VerdictJson = ReturnType<typeof serializeVerdict>;

/** Everything the call page's override control needs, as plain JSON (components/review/call-override.tsx). */
export async function callOverrideProps(call: { id: string; callOutput: string | null; sentimentOutput: string | null }) {
  const [verdict, history] = await Promise.all([getCallVerdict(call.id), getCallVerdictHistory(call.id)]);
  return {
    callId: call.id,
    ai: { outcome: call.callOutput, sentiment: call.sentimentOutput },
    verdict: verdict ? serializeVerdict(verdict) : null,
    history: history.map(serializeVerdict),
  };
}
