import type { TestProject } from "vitest/node";
import { type EmbeddedDatabase, startThrowawayDatabase } from "../db/embedded";
import { migrate } from "../db/migrate";
import { env } from "../env";

/**
 * One real PostgreSQL for the whole Vitest run: a throwaway embedded server,
 * or TEST_DATABASE_URL when given. A migrated template database is made once;
 * each integration test file clones it (lib/testing/database.ts).
 */
let server: EmbeddedDatabase | undefined;

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseUrl: string;
  }
}

export async function setup(project: TestProject) {
  let url = env.TEST_DATABASE_URL;
  if (!url) {
    server = await startThrowawayDatabase();
    url = server.url;
  }
  await migrate(url);
  project.provide("testDatabaseUrl", url);
}

export async function teardown() {
  await server?.stop();
}
