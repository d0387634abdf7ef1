import { migrate } from "../db/migrate";
import { isMain, parseCliArgs, runCli } from "./common";
import { openDatabase } from "./runtime";

/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the
 * embedded database (the running one if `npm start` has it open, else started
 * for the run and stopped again). Safe while the app runs: migrations take an
 * advisory lock, and each runs in its own transaction.
 */
const USAGE = `Usage: npm run db:migrate

Applies the pending migrations in prisma/migrations to DATABASE_URL, or to the
embedded database (.data/postgres, or EMBEDDED_PG_DIR) when DATABASE_URL is
unset. Works whether or not \`npm start\` is running.`;

async function main() {
  parseCliArgs(USAGE, {});
  const db = await openDatabase({ attach: true });
  try {
    const result = await migrate(db.databaseUrl, { log: (line) => console.log(`  ${line}`) });
    console.log(result.applied.length ? `Applied ${result.applied.length} migration(s).` : "Nothing to apply: the schema is up to date.");
  } finally {
    await db.release();
  }
}

if (isMain(import.meta.url)) runCli(main);
