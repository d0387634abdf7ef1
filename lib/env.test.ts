import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assertEnv, ENV_NAMES, EnvError, env, envProblems, setEnv } from "./env";

describe("the environment module", () => {
  it("names every bad variable in one sentence each", () => {
    const problems = envProblems({ PORT: "abc", DATABASE_URL: "mysql://x", BETTER_AUTH_URL: "calls.example.com", DEMO_MODE: "maybe" });
    expect(problems).toEqual([
      'DATABASE_URL must be a PostgreSQL URL such as postgresql://user:password@host:5432/database (got "mysql://x").',
      'PORT must be a whole number from 1 to 65535 (got "abc").',
      'DEMO_MODE must be 1 or 0 (got "maybe").',
      'BETTER_AUTH_URL must be an absolute http(s) URL such as https://calls.example.com (got "calls.example.com").',
    ]);
    expect(() => assertEnv({ PORT: "70000" })).toThrow(EnvError);
    expect(() => assertEnv({ PORT: "70000" })).toThrow(/^PORT must be a whole number from 1 to 65535/);
  });

  it("never echoes a secret's value", () => {
    const [problem] = envProblems({ ADMIN_PASSWORD: "short" });
    expect(problem).toBe("ADMIN_PASSWORD must be at least 10 characters (value hidden).");
  });

  it("accepts an empty environment and reads values live, typed", () => {
    expect(envProblems({})).toEqual([]);
    const saved = process.env.EMBEDDED_PG_PORT;
    try {
      setEnv("EMBEDDED_PG_PORT", "54400");
      expect(env.EMBEDDED_PG_PORT).toBe(54400);
      setEnv("EMBEDDED_PG_PORT", "nope");
      expect(() => env.EMBEDDED_PG_PORT).toThrow(/EMBEDDED_PG_PORT must be a whole number/);
    } finally {
      setEnv("EMBEDDED_PG_PORT", saved);
    }
  });

  it("is the only module that reads process.env (tests aside)", () => {
    const root = path.resolve(import.meta.dirname, "..");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        if (name === "node_modules" || name === "generated" || name.startsWith(".")) continue;
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(ts|tsx|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name)) {
          const rel = path.relative(root, full);
          // postinstall.mjs runs under plain node before the TypeScript tooling exists.
          if (rel === "lib/env.ts" || rel === "lib/cli/postinstall.mjs") continue;
          const source = readFileSync(full, "utf8");
          // Next.js inlines NEXT_RUNTIME per runtime, so instrumentation.ts must read it literally.
          const reads = source.match(/process\.env(?!\.NEXT_RUNTIME)\b/g) ?? [];
          if (reads.length) offenders.push(rel);
        }
      }
    };
    for (const dir of ["app", "components", "lib"]) walk(path.join(root, dir));
    for (const file of ["proxy.ts", "instrumentation.ts"]) {
      if (/process\.env(?!\.NEXT_RUNTIME)\b/.test(readFileSync(path.join(root, file), "utf8"))) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it("is documented: the README's configuration table lists every variable it reads", () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, "../README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("### Pointing the app"));
    const documented = new Set(
      [...section.matchAll(/^\| ([^|]+) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([A-Z0-9_]+)`/g)].map((n) => n[1]!)),
    );
    expect(ENV_NAMES.filter((name) => !documented.has(name))).toEqual([]);
  });
});
