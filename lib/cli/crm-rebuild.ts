import { spawn } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import { type RebuildSummary, rebuildAllAccounts } from "../accounts/rebuild";
import { disconnectPrisma, getPrisma } from "../db/client";
import { childEnv } from "../env";
import { connectAppDatabase } from "./accounts-cli";

/**
 * `npm run crm:rebuild`: re-key every call and re-derive every account (after
 * an extraction-version or key-settings change). Derivation is CPU work
 * (transcript extraction), so the calls and accounts are split into shards
 * run by one process each (default: one per core); every shard links its
 * calls before any shard derives.
 */
const USAGE = `Usage: npm run crm:rebuild -- [--processes N] [--parallel N]
  Re-links every call to its account and re-derives every account from its calls and manual edits.
  --processes N  worker processes (default: the number of cores)
  --parallel N   batches in flight per process (default 2)`;

type Values = { processes?: string; parallel?: string; shard?: string; pass?: string; help?: boolean };

function wholeNumber(value: string | undefined, name: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    console.error(`--${name} must be a whole number from 1 to ${max}.`);
    process.exit(2);
  }
  return n;
}

/** One shard's pass, in a child process; prints its summary as JSON on the last line. */
async function runShard(values: Values) {
  const [index, count] = values.shard!.split("/").map(Number) as [number, number];
  const s = await rebuildAllAccounts(getPrisma(), {
    parallel: wholeNumber(values.parallel, "parallel", 16),
    shard: { index, count },
    passes: [values.pass === "derive" ? "derive" : "link"],
  });
  await disconnectPrisma();
  const cpu = process.cpuUsage();
  console.log(JSON.stringify({ ...s, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
}

type ShardSummary = RebuildSummary & { cpuSeconds?: number };

function pass(name: "link" | "derive", processes: number, parallel: string | undefined, url: string): Promise<ShardSummary[]> {
  return Promise.all(
    Array.from({ length: processes }, (_, i) => {
      const args = [
        "--import",
        "tsx",
        "lib/cli/crm-rebuild.ts",
        "--shard",
        `${i}/${processes}`,
        "--pass",
        name,
        ...(parallel ? ["--parallel", parallel] : []),
      ];
      const child = spawn(process.execPath, args, { env: childEnv({ DATABASE_URL: url }), stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
      return new Promise<ShardSummary>((resolve, reject) =>
        child.once("exit", (code) =>
          code === 0
            ? resolve(JSON.parse(out.trim().split("\n").pop()!) as ShardSummary)
            : reject(new Error(`shard ${i} ${name} failed (exit ${code})`)),
        ),
      );
    }),
  );
}

async function main() {
  let values: Values;
  try {
    ({ values } = parseArgs({
      options: {
        processes: { type: "string" },
        parallel: { type: "string" },
        shard: { type: "string" },
        pass: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    process.exit(2);
  }
  if (values.help) return console.log(USAGE);
  if (values.shard) return runShard(values);
  const processes = wholeNumber(values.processes, "processes", 32) ?? Math.max(1, os.availableParallelism());
  wholeNumber(values.parallel, "parallel", 16);
  const db = await connectAppDatabase();
  try {
    const t0 = performance.now();
    const linked = await pass("link", processes, values.parallel, db.url);
    const t1 = performance.now();
    console.log(`  linked ${linked.reduce((n, s) => n + s.calls, 0)} calls in ${((t1 - t0) / 1000).toFixed(1)} s`);
    const derived = await pass("derive", processes, values.parallel, db.url);
    const t2 = performance.now();
    const calls = linked.reduce((n, s) => n + s.calls, 0);
    const accounts = derived.reduce((n, s) => n + s.accounts, 0);
    const perCallMs = calls ? (t2 - t0) / calls : 0;
    // The workers' own CPU (not PostgreSQL's): what the rebuild costs apart from how busy the machine is.
    const cpu = [...linked, ...derived].reduce((n, s) => n + (s.cpuSeconds ?? 0), 0);
    console.log(
      `Rebuilt ${accounts} accounts from ${calls} calls in ${((t2 - t0) / 1000).toFixed(1)} s with ${processes} processes ` +
        `(linking ${((t1 - t0) / 1000).toFixed(1)} s, deriving ${((t2 - t1) / 1000).toFixed(1)} s; ${perCallMs.toFixed(2)} ms a call; ` +
        `1,000,000 calls ≈ ${((perCallMs * 1_000_000) / 60_000).toFixed(1)} min; worker CPU ${cpu.toFixed(1)} s, ${calls ? ((cpu * 1000) / calls).toFixed(2) : "0"} ms a call).`,
    );
  } finally {
    await db.release();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
