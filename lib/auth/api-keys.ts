import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { isRole, type Role } from "./roles";

/**
 * API keys for integrations: `Authorization: Bearer lvk_…`. The key is shown
 * once at creation; only its sha256 is stored, so a database leak does not
 * leak usable keys (the key has 256 random bits, so a fast hash is enough —
 * there is nothing to brute-force the way there is with a password).
 */
export const API_KEY_PREFIX = "lvk_";
const LAST_USED_WRITE_INTERVAL_MS = 60_000;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX.length + 8), hash: hashApiKey(key) };
}

export interface ApiKeyPrincipal {
  id: string;
  name: string;
  prefix: string;
  role: Role;
}

/**
 * The active key with this value, or null (unknown, revoked, not shaped like
 * one of ours, or created by no signed-in admin: before keys needed a session
 * to be made, an admin key could mint "child" keys that survived its own
 * revocation; those have no creator and are refused here).
 */
export async function authenticateApiKey(key: string, now = Date.now()): Promise<ApiKeyPrincipal | null> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
  const row = await prisma.apiKey.findUnique({ where: { keyHash: hashApiKey(key) } });
  if (!row || row.revokedAt || !row.createdById || !isRole(row.role)) return null;
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_WRITE_INTERVAL_MS) {
    await prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { id: row.id, name: row.name, prefix: row.prefix, role: row.role };
}
