import { type ParseArgsConfig, parseArgs } from "node:util";

/**
 * What every command-line tool shares: arguments through `node:util`
 * parseArgs with a `--help`, and errors printed as a sentence (never a bare
 * `undefined` or a stack trace for a mistake the user can fix).
 */

/** A problem the user can fix; printed as is, exit code 1 (2 for bad arguments). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses `argv` (default: this process's arguments). `--help`/`-h` prints the
 * usage and exits 0; an unknown or malformed option prints why and the usage,
 * and exits 2.
 */
export function parseCliArgs<O extends Options>(usage: string, options: O, argv: string[] = process.argv.slice(2)) {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    });
    if ((parsed.values as { help?: boolean }).help) {
      console.log(usage);
      process.exit(0);
    }
    return parsed.values as ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>>["values"];
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    process.exit(2);
  }
}

/** A whole number option, checked. */
export function intOption(name: string, raw: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.replace(/[_,]/g, ""));
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CliError(
      `--${name} must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : " up"} (got "${raw}").`,
      2,
    );
  return n;
}

/** The sentence to print for an error. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || `${error.name} (no message)`;
  if (error === undefined || error === null)
    return "Failed without saying why (an error with no message). Run again with the same settings; if it repeats, report it.";
  return String(error);
}

/** Runs a command's main, printing any error as a sentence and exiting non-zero. */
export function runCli(main: () => Promise<number | undefined> | Promise<void>): void {
  main().then(
    (code) => {
      if (typeof code === "number") process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`\n  ${describeError(error).replace(/\n/g, "\n  ")}\n`);
      process.exit(error instanceof CliError ? error.exitCode : 1);
    },
  );
}

/** True when this module is the script node was started with. */
export function isMain(importMetaUrl: string): boolean {
  return importMetaUrl === `file://${process.argv[1]}`;
}
