import { z } from "zod";

/**
 * The one module that reads `process.env`. Every variable the app, the
 * command-line tools and the tests' own servers read is declared here with its
 * rule; the README's configuration table lists the same names.
 *
 * - `env.NAME` reads one variable, checked, every time it is asked for (tests
 *   and the CLI change variables while a process runs; a value is parsed once
 *   per distinct raw string, so hot paths pay a map lookup).
 * - `envProblems()` / `assertEnv()` check them all at once: the CLI before it
 *   starts anything, instrumentation.ts before the server takes a request. A
 *   bad value is refused with a sentence naming the variable.
 *
 * Not `server-only`: the CLI (plain Node) imports it too. It holds no secret
 * itself; a client bundle would see only an empty `process.env`.
 */

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

function whole(min: number, max = Number.MAX_SAFE_INTEGER) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return undefined;
      const n = Number(v.trim());
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: "custom",
          message: `must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : " up"}`,
        });
        return z.NEVER;
      }
      return n;
    });
}

const port = whole(1, 65535);

const positive = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === "") return undefined;
    const n = Number(v.trim());
    if (!Number.isFinite(n) || n <= 0) {
      ctx.addIssue({ code: "custom", message: "must be a positive number" });
      return z.NEVER;
    }
    return n;
  });

/** "1" / "0" (also true/false, yes/no); unset is undefined. */
const flag = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === "") return undefined;
    if (/^(1|true|yes)$/i.test(v.trim())) return true;
    if (/^(0|false|no)$/i.test(v.trim())) return false;
    ctx.addIssue({ code: "custom", message: 'must be 1 or 0 (or "true"/"false")' });
    return z.NEVER;
  });

/** Exactly "1" or "0" (what the code compares against); unset is undefined. */
const bit = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === "") return undefined;
    if (v.trim() === "1") return true;
    if (v.trim() === "0") return false;
    ctx.addIssue({ code: "custom", message: "must be 1 or 0" });
    return z.NEVER;
  });

const postgresUrl = optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(v), {
  message: "must be a PostgreSQL URL such as postgresql://user:password@host:5432/database",
});

const httpUrl = optionalText.refine(
  (v) => {
    if (v === undefined) return true;
    try {
      return ["http:", "https:"].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  },
  { message: "must be an absolute http(s) URL such as https://calls.example.com" },
);

const httpUrlList = optionalText.refine(
  (v) =>
    v === undefined ||
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .every((s) => {
        try {
          return ["http:", "https:"].includes(new URL(s).protocol);
        } catch {
          return false;
        }
      }),
  { message: "must be a comma-separated list of absolute http(s) URLs" },
);

const SCHEMA = {
  // Database
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_SIZE: whole(1, 1000),
  EMBEDDED_PG_DIR: optionalText,
  EMBEDDED_PG_PORT: port,
  // HTTP server
  PORT: port,
  HOST: optionalText,
  NODE_ENV: optionalText,
  NEXT_RUNTIME: optionalText,
  NEXT_PHASE: optionalText,
  NEXT_DIST_DIR: optionalText,
  SKIP_TYPECHECK: bit,
  // Demo mode and secrets
  DEMO_MODE: bit,
  LEVERS_WEBHOOK_SECRET: optionalText,
  BETTER_AUTH_SECRET: optionalText,
  BETTER_AUTH_URL: httpUrl,
  TRUSTED_ORIGINS: httpUrlList,
  TRUSTED_PROXIES: optionalText,
  AUTH_SECURE_COOKIES: bit,
  AUTH_IDLE_TIMEOUT_MINUTES: positive,
  AUTH_SESSION_MAX_AGE_HOURS: positive,
  AUTH_MAX_FAILED_SIGN_INS: positive,
  AUTH_MAX_FAILED_SIGN_INS_PER_IP: positive,
  AUTH_SIGN_INS_PER_MINUTE_PER_IP: positive,
  AUTH_FAILED_SIGN_IN_WINDOW_MINUTES: positive,
  ADMIN_EMAIL: optionalText.refine((v) => v === undefined || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { message: "must be an email address" }),
  ADMIN_PASSWORD: z
    .string()
    .optional()
    .refine((v) => !v || v.length >= 10, { message: "must be at least 10 characters" }),
  ADMIN_NAME: optionalText,
  // Recordings
  RECORDINGS_STORAGE: optionalText.refine((v) => v === undefined || ["local", "s3"].includes(v.toLowerCase()), {
    message: 'must be "local" or "s3"',
  }),
  RECORDINGS_DIR: optionalText,
  RECORDINGS_S3_ENDPOINT: httpUrl,
  RECORDINGS_S3_REGION: optionalText,
  RECORDINGS_S3_ACCESS_KEY_ID: optionalText,
  RECORDINGS_S3_SECRET_ACCESS_KEY: optionalText,
  RECORDINGS_S3_BUCKET: optionalText,
  RECORDINGS_S3_FORCE_PATH_STYLE: flag,
  RECORDINGS_S3_URL_EXPIRES_SECONDS: whole(1, 900),
  // Analytics
  ANALYTICS_MAX_ZONES: whole(1, 1000),
  // Accounts worker
  ACCOUNTS_WORKER: optionalText.refine((v) => v === undefined || ["on", "off"].includes(v), { message: 'must be "on" or "off"' }),
  ACCOUNTS_WORKER_CONCURRENCY: whole(1, 64),
  ACCOUNTS_WORKER_POLL_MS: whole(10, 60_000),
  // Tests and benchmarks
  TEST_DATABASE_URL: postgresUrl,
  E2E_DATABASE_URL: postgresUrl,
  E2E_PORT: port,
  BENCH_DATABASE_URL: postgresUrl,
  BENCH_INGEST_PORT: port,
  CHROMIUM_PATH: optionalText,
  PW_OUTPUT_DIR: optionalText,
  CI: optionalText,
} satisfies Record<string, z.ZodType<unknown, string | undefined>>;

type Schema = typeof SCHEMA;
export type EnvName = keyof Schema;
export type Env = { readonly [K in EnvName]: z.output<Schema[K]> };
export const ENV_NAMES = Object.keys(SCHEMA) as EnvName[];

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? problems[0]
        : `The environment has ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "EnvError";
  }
}

type Source = Readonly<Record<string, string | undefined>>;

function describeProblem(name: EnvName, raw: string | undefined, message: string): string {
  const shown = raw === undefined ? "" : /SECRET|PASSWORD|KEY/.test(name) ? " (value hidden)" : ` (got "${raw}")`;
  return `${name} ${message}${shown}.`;
}

function parseOne<K extends EnvName>(name: K, raw: string | undefined): { ok: true; value: Env[K] } | { ok: false; problem: string } {
  const result = SCHEMA[name].safeParse(raw);
  if (result.success) return { ok: true, value: result.data as Env[K] };
  return { ok: false, problem: describeProblem(name, raw, result.error.issues[0]?.message ?? "is not valid") };
}

/** Every problem with the environment, one sentence each (empty when all is well). */
export function envProblems(source: Source = process.env): string[] {
  const problems: string[] = [];
  for (const name of ENV_NAMES) {
    const parsed = parseOne(name, source[name]);
    if (!parsed.ok) problems.push(parsed.problem);
  }
  return problems;
}

/** Throws an EnvError naming every bad variable. */
export function assertEnv(source: Source = process.env): void {
  const problems = envProblems(source);
  if (problems.length) throw new EnvError(problems);
}

/** At server start (instrumentation.ts): print every problem, naming the variable, and exit 1. */
export function exitUnlessEnvValid(): void {
  const problems = envProblems();
  if (!problems.length) return;
  console.error(`\n  Cannot start: ${problems.join("\n  Cannot start: ")}\n`);
  process.exit(1);
}

const cache = new Map<EnvName, { raw: string | undefined; value: unknown }>();

/** The checked variables, read live from the process environment. A bad value throws an EnvError naming it. */
export const env: Env = new Proxy({} as Env, {
  get(_target, property) {
    if (typeof property !== "string" || !(property in SCHEMA)) return undefined;
    const name = property as EnvName;
    const raw = process.env[name];
    const hit = cache.get(name);
    if (hit && hit.raw === raw) return hit.value;
    const parsed = parseOne(name, raw);
    if (!parsed.ok) throw new EnvError([parsed.problem]);
    cache.set(name, { raw, value: parsed.value });
    return parsed.value;
  },
});

/**
 * The raw variables, for the few functions that take a record so tests can
 * pass their own (lib/auth/config.ts, lib/recordings/config.ts,
 * lib/bench/options.ts, lib/auth/bootstrap.ts).
 */
export function rawEnv(): Source {
  return process.env;
}

/** The environment a child process (the Next.js server, `next build`) inherits, plus `extra`. */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** Sets (or, with undefined, removes) a variable of this process: how the CLI hands a value to modules it loads later. */
export function setEnv(name: EnvName, value: string | undefined): void {
  const target = process.env as Record<string, string | undefined>;
  if (value === undefined) delete target[name];
  else target[name] = value;
}
