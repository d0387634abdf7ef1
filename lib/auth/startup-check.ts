import { readAuthConfig } from "./config";

/** Called from instrumentation.ts at server start (Node.js runtime only). */
export function exitUnlessAuthConfigured(): void {
  try {
    readAuthConfig();
  } catch (error) {
    console.error(`\n  Cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
