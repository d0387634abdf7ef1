import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { NotFoundError, ValidationError } from "@/lib/http/errors";
import { generateApiKey } from "../api-keys";
import { recordAudit } from "../audit";
import { requireAdminSession, requireRole } from "../guard";
import { isRole, ROLES, type Role } from "../roles";
import { notifyViewerChanged } from "../user-changes";
import { API_KEY_VIEWER_PREFIX } from "../viewer";

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listApiKeys(): Promise<ApiKeyRow[]> {
  await requireRole("admin");
  const rows = await prisma.apiKey.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    include: { createdBy: { select: { email: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    role: isRole(r.role) ? r.role : "agent",
    createdBy: r.createdBy?.email ?? null,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    // A key no signed-in admin created (minted by another key before keys
    // needed a session) is refused by authenticateApiKey: show it as revoked.
    revokedAt: r.revokedAt ?? (r.createdById === null ? r.createdAt : null),
  }));
}

const createInput = z.object({
  name: z.string().trim().min(1, "Name the key after the integration that will use it.").max(80),
  role: z.enum(ROLES, { message: "Choose a role." }),
});

/** Returns the key itself: the only time it is ever available (only its sha256 is stored). */
export async function createApiKey(input: unknown): Promise<{ id: string; key: string; name: string; role: Role }> {
  const viewer = await requireAdminSession();
  const parsed = createInput.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, parsed.error.issues[0]?.message ?? "Check the form.");
  const { key, prefix, hash } = generateApiKey();
  const row = await prisma.apiKey.create({
    data: { name: parsed.data.name, role: parsed.data.role, prefix, keyHash: hash, createdById: viewer.id },
  });
  await recordAudit({
    actorId: viewer.id,
    actorEmail: viewer.email,
    action: "api_key.create",
    target: `api_key:${row.id}`,
    details: { name: row.name, role: row.role, prefix },
  });
  return { id: row.id, key, name: row.name, role: parsed.data.role };
}

export async function revokeApiKey(id: string): Promise<void> {
  const viewer = await requireAdminSession();
  const key = await prisma.apiKey.findUnique({ where: { id } }).catch(() => null);
  if (!key) throw new NotFoundError("That API key does not exist.");
  if (key.revokedAt) return;
  await prisma.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
  await notifyViewerChanged(`${API_KEY_VIEWER_PREFIX}${id}`);
  await recordAudit({
    actorId: viewer.id,
    actorEmail: viewer.email,
    action: "api_key.revoke",
    target: `api_key:${id}`,
    details: { name: key.name, prefix: key.prefix },
  });
}
