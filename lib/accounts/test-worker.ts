import { Logger, runOnce } from "graphile-worker";
import pg from "pg";
import { accountsTaskList } from "./worker";

const quiet = new Logger(() => () => {});

/**
 * For integration tests: runs every runnable queued accounts job through
 * graphile-worker, after the latest queued job's run_at (the calls trigger's
 * jobs wait for their half-second bucket to close).
 */
export async function drainAccountJobs(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ wait: number | null }>(
      "SELECT (extract(epoch FROM max(run_at) - now()) * 1000)::int AS wait FROM graphile_worker.jobs WHERE locked_at IS NULL AND attempts < max_attempts",
    );
    if (rows[0]?.wait && rows[0].wait > 0) await new Promise((r) => setTimeout(r, rows[0]!.wait! + 20));
  } finally {
    await client.end();
  }
  await runOnce({ connectionString: databaseUrl, taskList: accountsTaskList, logger: quiet, concurrency: 2 });
}
