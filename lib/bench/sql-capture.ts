import pg from "pg";

/**
 * Records the SQL statements the production code sends, so the benchmark
 * can EXPLAIN exactly what the pages run (not a copy of it). A thin wrapper
 * around `pg.Client.prototype.query`, the one door every query of Prisma's
 * pg adapter goes through. It records
 * only while a capture is active; measured runs happen outside captures.
 */

export interface CapturedStatement {
  text: string;
  values: unknown[];
}

let installed = false;
let active: CapturedStatement[] | null = null;

function install(): void {
  if (installed) return;
  installed = true;
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function patchedQuery(this: pg.Client, ...args: unknown[]) {
    if (active) {
      const [config, values] = args;
      if (typeof config === "string") active.push({ text: config, values: Array.isArray(values) ? values : [] });
      else if (config && typeof config === "object" && typeof (config as { text?: unknown }).text === "string") {
        const c = config as { text: string; values?: unknown[] };
        active.push({ text: c.text, values: Array.isArray(values) ? values : (c.values ?? []) });
      }
    }
    return original.apply(this, args);
  } as typeof pg.Client.prototype.query;
}

/** Runs `fn` and returns what it returned plus every statement it sent. Not re-entrant: captures run one at a time. */
export async function captureStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: CapturedStatement[] }> {
  install();
  if (active) throw new Error("captureStatements is already running");
  const statements: CapturedStatement[] = [];
  active = statements;
  try {
    const result = await fn();
    return { result, statements };
  } finally {
    active = null;
  }
}

/**
 * Statements worth an EXPLAIN: reads of tables (SELECT / WITH … FROM), not
 * transaction control, settings, EXPLAINs of their own, bare expressions
 * (`SELECT websearch_to_tsquery(…)`) or lookups in the planner's statistics.
 */
export function explainable(statement: CapturedStatement): boolean {
  const text = statement.text.trimStart();
  const head = text.slice(0, 12).toUpperCase();
  if (!head.startsWith("SELECT") && !head.startsWith("WITH")) return false;
  return /\bFROM\b/i.test(text) && !/\bpg_stats\b/.test(text);
}
