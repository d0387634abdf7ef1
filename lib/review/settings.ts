import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { requireRole } from "@/lib/auth/guard";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { invalidInput, zodIssues } from "./errors";

/** The review queue's settings: the sample rate (default and per portfolio) and how long a claim holds. */
export interface QueueSettings {
  samplePercent: number;
  portfolioRates: Record<string, number>;
  claimMinutes: number;
}

const percent = z.number().min(0, "must be at least 0").max(100, "must be at most 100");

export const queueSettingsSchema = z.object({
  samplePercent: percent,
  portfolioRates: z.record(z.string().trim().min(1).max(120), percent),
  claimMinutes: z
    .number()
    .int("must be whole minutes")
    .min(1, "must be at least 1")
    .max(24 * 60, "must be at most 1440"),
});

/** Unguarded read for the queue's own queries. */
export async function readQueueSettings(): Promise<QueueSettings> {
  const row = await prisma.qaSettings.findUnique({ where: { id: 1 } });
  const rates = queueSettingsSchema.shape.portfolioRates.safeParse(row?.portfolioRates ?? {});
  return {
    samplePercent: row?.samplePercent ?? 2,
    portfolioRates: rates.success ? rates.data : {},
    claimMinutes: row?.claimMinutes ?? 30,
  };
}

export async function getQueueSettings(): Promise<QueueSettings> {
  await requireRole("manager");
  return readQueueSettings();
}

export async function saveQueueSettings(input: unknown): Promise<QueueSettings> {
  const viewer = await requireRole("admin");
  const parsed = queueSettingsSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(zodIssues(parsed.error), "settings");
  const data = { ...parsed.data, portfolioRates: parsed.data.portfolioRates as Prisma.InputJsonValue, updatedAt: new Date() };
  await prisma.qaSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
  await recordAudit({ actorId: viewer.id, action: "review.settings", target: "qa_settings", details: parsed.data });
  return parsed.data;
}
