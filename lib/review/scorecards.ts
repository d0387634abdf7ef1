import "server-only";
import { recordAudit } from "@/lib/auth/audit";
import { requireRole } from "@/lib/auth/guard";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { NotFoundError } from "@/lib/http/errors";
import { invalidInput, zodIssues } from "./errors";
import { definitionSchema, type ScorecardDefinition } from "./scorecard-schema";

/**
 * Versioned scorecards. Publishing never edits a version: it adds the next
 * one, so every review keeps the questions it was scored on and the newest
 * version is what reviewers score with from then on.
 */
export interface ScorecardVersion {
  scorecardId: string;
  name: string;
  versionId: string;
  version: number;
  definition: ScorecardDefinition;
  publishedAt: Date;
  publishedBy: string;
}

type VersionRow = {
  id: string;
  version: number;
  definition: Prisma.JsonValue;
  publishedAt: Date;
  publishedBy: string;
  scorecard: { id: string; name: string };
};

function toVersion(row: VersionRow): ScorecardVersion {
  return {
    scorecardId: row.scorecard.id,
    name: row.scorecard.name,
    versionId: row.id,
    version: row.version,
    definition: definitionSchema.parse(row.definition),
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
  };
}

const VERSION_SELECT = {
  id: true,
  version: true,
  definition: true,
  publishedAt: true,
  publishedBy: true,
  scorecard: { select: { id: true, name: true } },
} as const;

/** Every scorecard's current (newest) version, by name. Unguarded: callers check the role. */
export async function currentScorecardVersions(): Promise<ScorecardVersion[]> {
  const cards = await prisma.qaScorecard.findMany({
    orderBy: { name: "asc" },
    select: { versions: { orderBy: { version: "desc" }, take: 1, select: VERSION_SELECT } },
  });
  return cards.flatMap((card) => card.versions.map(toVersion));
}

/** The current scorecards (reviewers score with them): manager and up. */
export async function listScorecards(): Promise<ScorecardVersion[]> {
  await requireRole("manager");
  return currentScorecardVersions();
}

/** Any version, old ones too (a review shows the questions it was scored on). */
export async function scorecardVersion(versionId: string): Promise<ScorecardVersion | null> {
  await requireRole("manager");
  const row = await prisma.qaScorecardVersion.findUnique({ where: { id: versionId }, select: VERSION_SELECT }).catch(() => null);
  return row ? toVersion(row) : null;
}

export interface PublishInput {
  /** An existing scorecard to publish a new version of; omitted: a new scorecard named `name`. */
  scorecardId?: string;
  name?: string;
  definition: unknown;
}

/** Admins publish a new version (or a new scorecard). Returns it. */
export async function publishScorecard(input: PublishInput): Promise<ScorecardVersion> {
  const viewer = await requireRole("admin");
  const parsed = definitionSchema.safeParse(input.definition);
  if (!parsed.success)
    throw invalidInput(
      zodIssues(parsed.error).map((i) => ({ ...i, path: `definition.${i.path}` })),
      "scorecard",
    );
  const row = await prisma.$transaction(async (tx) => {
    let scorecardId = input.scorecardId;
    if (scorecardId) {
      const exists = await tx.qaScorecard.findUnique({ where: { id: scorecardId }, select: { id: true } }).catch(() => null);
      if (!exists) throw new NotFoundError("No such scorecard. Reload the page and try again.");
      // Serialise publishers of one scorecard, so two admins never both take version n + 1.
      await tx.$queryRaw`SELECT 1 FROM qa_scorecards WHERE id = ${scorecardId}::uuid FOR UPDATE`;
    } else {
      const name = input.name?.trim();
      if (!name || name.length > 80) throw invalidInput([{ path: "name", message: "is required (at most 80 characters)" }], "scorecard");
      const taken = await tx.qaScorecard.findUnique({ where: { name }, select: { id: true } });
      if (taken) throw invalidInput([{ path: "name", message: `"${name}" already exists` }], "scorecard");
      scorecardId = (await tx.qaScorecard.create({ data: { name }, select: { id: true } })).id;
    }
    const last = await tx.qaScorecardVersion.findFirst({ where: { scorecardId }, orderBy: { version: "desc" }, select: { version: true } });
    return tx.qaScorecardVersion.create({
      data: {
        scorecardId,
        version: (last?.version ?? 0) + 1,
        definition: parsed.data as Prisma.InputJsonValue,
        publishedBy: viewer.name || viewer.email,
      },
      select: VERSION_SELECT,
    });
  });
  await recordAudit({
    actorId: viewer.id,
    action: "scorecard.publish",
    target: `scorecard:${row.scorecard.id}`,
    details: { version: row.version, name: row.scorecard.name },
  });
  return toVersion(row);
}
