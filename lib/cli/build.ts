import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { childEnv, env } from "../env";
import { isMain, parseCliArgs, runCli } from "./common";

/**
 * Builds the production app only when the sources changed since the last
 * build, so a second `npm start` (or the e2e run) starts in seconds.
 */
const ROOT = process.cwd();
const INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "prisma/schema",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
  "tsconfig.json",
  "postcss.config.mjs",
  "package-lock.json",
];
const SKIP = new Set(["node_modules", "generated", "cli"]);

async function collect(entry: string, out: string[]) {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return;
  const info = await stat(full);
  if (info.isFile()) {
    out.push(entry);
    return;
  }
  for (const child of await readdir(full)) {
    if (SKIP.has(child) || child.endsWith(".test.ts")) continue;
    await collect(path.join(entry, child), out);
  }
}

export async function sourceHash(): Promise<string> {
  const files: string[] = [];
  for (const entry of INPUTS) await collect(entry, files);
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    hash.update(file);
    hash.update(await readFile(path.join(ROOT, file)));
  }
  return hash.digest("hex");
}

export function distDir(): string {
  return env.NEXT_DIST_DIR ?? ".next";
}

/**
 * The warnings in `next build`'s output (Turbopack prints "Turbopack build
 * encountered N warning(s):" and then each one). A warning is a fault the
 * build let through (one was Node-only code compiled for the Edge runtime),
 * so `npm test` builds with --strict and fails on any.
 */
export function buildWarnings(output: string): string[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Next.js colours its output; the colour codes are removed first.
  const plain = output.replace(/\u001b\[[0-9;]*m/g, "");
  const warnings = [...plain.matchAll(/^\s*(?:⚠\s*)?Warning: (.+)$/gm)].map((m) => m[1]!.trim());
  if (!warnings.length && /build encountered \d+ warnings?/.test(plain))
    warnings.push("next build reported warnings (see its output above)");
  return warnings;
}

export async function ensureBuild(options: { force?: boolean; strict?: boolean; log?: (line: string) => void } = {}): Promise<boolean> {
  const log = options.log ?? console.log;
  const dir = path.join(ROOT, distDir());
  const stampFile = path.join(dir, "source-hash");
  const hash = await sourceHash();
  if (!options.force && existsSync(path.join(dir, "BUILD_ID")) && existsSync(stampFile)) {
    if ((await readFile(stampFile, "utf8")).trim() === hash) return false;
  }
  log(`Building the app (${distDir()}); this takes a minute the first time…`);
  const output = await run(process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "build"]);
  const warnings = buildWarnings(output);
  if (options.strict && warnings.length) {
    // No stamp: the next strict build runs again rather than passing on a build that warned.
    throw new Error(`next build reported ${warnings.length} warning(s) (--strict):\n${warnings.map((w) => `  - ${w}`).join("\n")}`);
  }
  await writeFile(stampFile, hash);
  return true;
}

/** Runs the build with its output shown as it comes and kept, for buildWarnings. */
function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ["inherit", "pipe", "pipe"], env: childEnv({ NEXT_TELEMETRY_DISABLED: "1" }) });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(output) : reject(new Error(`next build exited with code ${code}`))));
  });
}

const USAGE = `Usage: npx tsx lib/cli/build.ts [--force] [--strict]

Builds the production app into NEXT_DIST_DIR (default .next) unless the
sources are unchanged since the last build (npm start and npm run test:e2e call it).

  --force   build even when nothing changed
  --strict  fail when next build prints a warning (npm test builds so)
  -h, --help`;

if (isMain(import.meta.url)) {
  const args = parseCliArgs(USAGE, { force: { type: "boolean" }, strict: { type: "boolean" } });
  runCli(async () => {
    await ensureBuild({ force: args.force ?? false, strict: args.strict ?? false });
  });
}
