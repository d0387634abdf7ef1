import { spawn } from "node:child_process";
import pg from "pg";
import { childEnv } from "@/lib/env";

/**
 * The accounts side of the benchmark. The COPY load leaves the accounts
 * queue triggers off (lib/bench/load.ts), so the loaded calls are derived
 * here by `npm run crm:rebuild` itself (its own processes, one per core),
 * timed as the rebuild figure; then the crm_* tables are vacuumed and
 * analysed so the accounts queries are planned on real statistics.
 */
export interface AccountsRebuild {
  seconds: number;
  calls: number;
  accounts: number;
  /** crm:rebuild's own summary line. */
  summary: string;
  vacuumSeconds: number;
}

export async function linkedCalls(url: string): Promise<{ calls: number; links: number; accounts: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ calls: string; links: string; accounts: string }>(
      `SELECT (SELECT count(*) FROM calls) AS calls, (SELECT count(*) FROM crm_call_links) AS links, (SELECT count(*) FROM crm_accounts) AS accounts`,
    );
    return { calls: Number(rows[0]!.calls), links: Number(rows[0]!.links), accounts: Number(rows[0]!.accounts) };
  } finally {
    await client.end();
  }
}

export async function rebuildAccounts(url: string, log: (line: string) => void): Promise<AccountsRebuild> {
  const t0 = performance.now();
  const summary = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/crm-rebuild.ts"], {
      env: childEnv({ DATABASE_URL: url }),
      stdio: ["ignore", "pipe", "inherit"],
    });
    let last = "";
    child.stdout!.on("data", (d: Buffer) => {
      for (const line of d.toString().split("\n").filter(Boolean)) {
        last = line.trim();
        log(`    ${last}`);
      }
    });
    child.once("exit", (code) => (code === 0 ? resolve(last) : reject(new Error(`crm:rebuild exited with ${code}`))));
  });
  const seconds = (performance.now() - t0) / 1000;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const v = performance.now();
  try {
    await client.query("VACUUM (ANALYZE) crm_accounts, crm_account_numbers, crm_debts, crm_call_links, crm_promises, crm_callbacks");
  } finally {
    await client.end();
  }
  const counts = await linkedCalls(url);
  return { seconds, calls: counts.links, accounts: counts.accounts, summary, vacuumSeconds: (performance.now() - v) / 1000 };
}
