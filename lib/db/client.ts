import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "../env";
import { type Prisma, PrismaClient } from "./generated/client";
import { databaseUrl } from "./url";

/**
 * The one way the app reaches its data: one Prisma client, and so one pool of
 * DATABASE_POOL_SIZE connections, per process. Next.js dev reloads modules, so
 * the instance is parked on globalThis rather than re-created (and leaking
 * pools) per reload.
 */
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

// SQL text → prepared-statement name, for the hot statements that register
// themselves with `namedStatement`: each connection parses and plans them once.
const statementNames = new Map<string, string>();
const statementTexts = new Map<string, string>();

/**
 * Marks `query` to run as the prepared statement `name` (pg caches it per
 * connection). Returns `query`. A statement keeps one text for its life: a
 * second text under the same name throws (pg would refuse it per connection).
 */
export function namedStatement(name: string, query: Prisma.Sql): Prisma.Sql {
  const text = query.text;
  const known = statementTexts.get(name);
  if (known === undefined) {
    statementTexts.set(name, text);
    statementNames.set(text, name);
  } else if (known !== text) {
    throw new Error(`prepared statement ${name} changed its text`);
  }
  return query;
}

const STATEMENT_TIMEOUT_MS = 8_000;

function createClient(): PrismaClient {
  const adapter = new PrismaPg(
    {
      connectionString: databaseUrl(),
      max: env.DATABASE_POOL_SIZE ?? 10,
      connectionTimeoutMillis: 5_000,
      // Prisma binds timestamps as UTC wall-clock text, so the session must read them as UTC.
      // No statement of a request may run past 8 s (the webhook sender gives up at 15 s);
      // reads that must be quicker set a shorter transaction-local statement_timeout (lib/db/sql.ts withSettings).
      options: `-c TimeZone=UTC -c statement_timeout=${STATEMENT_TIMEOUT_MS}`,
    },
    {
      // An unnamed statement when the text is not registered (pg accepts an undefined name).
      statementNameGenerator: (query) => statementNames.get(query.sql) as string,
      onPoolError: (error) => console.error(`[db] idle connection lost: ${error.message}`),
    },
  );
  return new PrismaClient({ adapter });
}

export function getPrisma(): PrismaClient {
  globalForPrisma.prisma ??= createClient();
  return globalForPrisma.prisma;
}

/** Lazily created so that importing a module never opens a connection. */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property, receiver) {
    const client = getPrisma();
    const value = Reflect.get(client, property, receiver);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export async function disconnectPrisma(): Promise<void> {
  if (globalForPrisma.prisma) {
    await globalForPrisma.prisma.$disconnect();
    globalForPrisma.prisma = undefined;
  }
}
