import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BENCH_DIST_DIR } from "../bench/ingest";

const require = createRequire(import.meta.url);
const { getTypeDefinitionGlobPatterns } = require("next/dist/lib/typescript/type-paths.js") as {
  getTypeDefinitionGlobPatterns(distDir: string): string[];
};

describe("builds leave the working tree clean", () => {
  it("tsconfig.json already includes the type folders next build adds for every build folder we use", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const tsconfig = JSON.parse(readFileSync(path.join(root, "tsconfig.json"), "utf8")) as { include: string[] };
    // next build rewrites tsconfig.json when one of these is missing (it did for the benchmark's .next-bench).
    for (const distDir of [".next", BENCH_DIST_DIR]) {
      for (const pattern of getTypeDefinitionGlobPatterns(distDir)) expect(tsconfig.include, distDir).toContain(pattern);
    }
  });
});
