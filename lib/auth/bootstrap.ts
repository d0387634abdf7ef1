import { randomBytes } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import pg from "pg";
import { rawEnv } from "../env";
import { DEMO_USERS } from "./demo-users";
import type { Role } from "./roles";

/**
 * First-run accounts, created by the CLI before the server starts (so no
 * better-auth instance or session is needed): the demo users in demo mode, or
 * the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when the database has no
 * user at all. Passwords are hashed with better-auth's own scrypt hasher, so
 * these accounts sign in exactly like ones created from the admin UI.
 */
export const MIN_PASSWORD_LENGTH = 10;

function newId(): string {
  // The same shape better-auth generates: 32 url-safe random characters.
  return randomBytes(24).toString("base64url");
}

async function withClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Inserts a user with a credential account unless the email exists. Returns true when it created one. */
async function insertUser(client: pg.Client, user: { name: string; email: string; password: string; role: Role }): Promise<boolean> {
  const id = newId();
  const hash = await hashPassword(user.password);
  await client.query("BEGIN");
  try {
    const inserted = await client.query(
      `INSERT INTO users (id, name, email, email_verified, role) VALUES ($1, $2, $3, true, $4)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [id, user.name, user.email.toLowerCase(), user.role],
    );
    if (inserted.rowCount === 0) {
      await client.query("ROLLBACK");
      return false;
    }
    await client.query(`INSERT INTO accounts (id, account_id, provider_id, user_id, password) VALUES ($1, $2, 'credential', $2, $3)`, [
      newId(),
      id,
      hash,
    ]);
    await client.query("COMMIT");
    return true;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

/** Demo mode only: one user per role (lib/auth/demo-users.ts). Idempotent. */
export async function ensureDemoUsers(databaseUrl: string): Promise<{ created: number }> {
  return withClient(databaseUrl, async (client) => {
    let created = 0;
    for (const user of Object.values(DEMO_USERS)) if (await insertUser(client, user)) created++;
    return { created };
  });
}

export function demoUserNotes(): string[] {
  return [
    "Demo sign-in (demo mode only):",
    ...Object.values(DEMO_USERS).map((u) => `  ${u.role.padEnd(8)} ${u.email.padEnd(28)} ${u.password}`),
  ];
}

export type BootstrapOutcome = { kind: "created"; email: string } | { kind: "users-exist" } | { kind: "missing-env" };

export class BootstrapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BootstrapError";
  }
}

/**
 * Outside demo mode: when no user exists yet, ADMIN_EMAIL and ADMIN_PASSWORD
 * create the first admin. There is no default password: without both, nobody
 * can sign in until they are set (the start-up notes say so).
 */
export async function bootstrapFirstAdmin(
  databaseUrl: string,
  env: Readonly<Record<string, string | undefined>> = rawEnv(),
): Promise<BootstrapOutcome> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM users`);
    if (Number(rows[0]!.n) > 0) return { kind: "users-exist" };
    const email = env.ADMIN_EMAIL?.trim();
    const password = env.ADMIN_PASSWORD ?? "";
    if (!email || !password) return { kind: "missing-env" };
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new BootstrapError(`ADMIN_EMAIL "${email}" is not an email address.`);
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new BootstrapError(`ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters.`);
    }
    await insertUser(client, { name: env.ADMIN_NAME?.trim() || "Administrator", email, password, role: "admin" });
    return { kind: "created", email: email.toLowerCase() };
  });
}

export function bootstrapNotes(outcome: BootstrapOutcome): string[] {
  switch (outcome.kind) {
    case "created":
      return [`First admin created: ${outcome.email} (password from ADMIN_PASSWORD; you can unset it now).`];
    case "missing-env":
      return [
        "No users exist yet. Set ADMIN_EMAIL and ADMIN_PASSWORD (at least 10 characters) and restart",
        "to create the first admin; nobody can sign in until then.",
      ];
    case "users-exist":
      return [];
  }
}
