import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BENCH_DIST_DIR } from "../bench/ingest";
import { buildWarnings } from "./build";

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

describe("a strict build fails on next build's warnings", () => {
  // next build's own words when instrumentation.ts called process.exit (compiled for the Edge runtime too).
  const warned = [
    "\u2713 Generating static pages using 1 worker (21/21) in 319ms",
    "Turbopack build encountered 1 warning:",
    "./instrumentation.ts:21:5",
    "Warning: A Node.js API is used (process.exit at line: 21) which is not supported in the Edge Runtime.",
    "    Learn more: https://nextjs.org/docs/api-reference/edge-runtime",
    "  \u001b[90m19 |\u001b[0m   } \u001b[36mcatch\u001b[0m (error) {",
  ].join("\n");

  it("finds each warning in the output", () => {
    expect(buildWarnings(warned)).toEqual(["A Node.js API is used (process.exit at line: 21) which is not supported in the Edge Runtime."]);
  });

  it("finds none in a clean build's output, experiments listed and all", () => {
    const clean =
      "\u25b2 Next.js 16.4.6 (Turbopack)\n- Experiments (use with caution):\n  \u2713 authInterrupts\n\u2713 Compiled successfully in 20.5s\n";
    expect(buildWarnings(clean)).toEqual([]);
  });

  it("still fails when the count is printed without a line it recognises", () => {
    expect(buildWarnings("Turbopack build encountered 2 warnings:\n./x.ts\nsomething new\n")).toHaveLength(1);
  });
});
