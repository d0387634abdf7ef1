import { playableNotes } from "../demo/hints";
import { env } from "../env";
import { isMain, parseCliArgs, runCli } from "./common";
import { DEFAULT_PORT, prepareRuntime } from "./runtime";

/**
 * `npm run db:seed [-- --force]`: demo data for DATABASE_URL or the embedded
 * database (running under `npm start` or not). Says what it did and why.
 */
const USAGE = `Usage: npm run db:seed [-- --force]

Adds the demo data (2,400 calls over 120 days, their webhook deliveries and,
on the embedded database, one demo user per role) to DATABASE_URL, or to the
embedded database when DATABASE_URL is unset. Works whether or not
\`npm start\` is running.

  --force   seed even when the database already holds calls (adds a new set;
            calls already there, by providerCallId, are left as they are)`;

async function main() {
  const args = parseCliArgs(USAGE, { force: { type: "boolean" } });
  const runtime = await prepareRuntime({ seed: args.force ? "always" : "if-empty", attach: true });
  try {
    for (const note of runtime.notes) console.log(note);
    if (!args.force && !runtime.notes.some((n) => n.startsWith("Demo data:"))) {
      console.log("Nothing seeded: seeding only fills an empty database. Pass --force (npm run db:seed -- --force) to add another set.");
    }
    const baseUrl = env.BETTER_AUTH_URL ?? `http://localhost:${env.PORT ?? DEFAULT_PORT}`;
    for (const line of playableNotes(runtime.playable, baseUrl)) console.log(line);
  } finally {
    if (runtime.embedded && !runtime.attached) await runtime.embedded.stop();
  }
}

if (isMain(import.meta.url)) runCli(main);
