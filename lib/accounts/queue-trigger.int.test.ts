import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/database";

/**
 * The calls trigger's job for a half-second bucket must take every call it is
 * given, also when a worker locks that job at the same moment. graphile-worker's
 * add_jobs appends to a waiting job only `WHERE locked_at IS NULL`, so an add
 * that waited on the job row while a worker locked it used to do nothing (the
 * calls were never linked: 7 of ~44,000 in a 1M benchmark run).
 * Migration 20261202150000_crm_queue_no_drop. And one debtor's calls go to one
 * shard, whose jobs run one after another (20261202180000_crm_queue_account_shards):
 * jobs that shared accounts used to wait on each other's account locks. A
 * waiting job takes the next buckets' calls too, up to four seconds of them
 * (20261203090000_crm_queue_merge_window): a worker that is behind works in
 * bigger batches.
 */
const db = useTestDatabase();
let a: pg.Client;
let b: pg.Client;

beforeAll(async () => {
  a = new pg.Client({ connectionString: db.url() });
  b = new pg.Client({ connectionString: db.url() });
  await a.connect();
  await b.connect();
});

afterAll(async () => {
  await a?.end();
  await b?.end();
});

/** A job's key: its shard and its window of eight half-second buckets (20261203090000_crm_queue_merge_window). */
const windowKey = (shard: number, bucket: number) => `crm_link:${shard}:${Math.floor(bucket / 8)}`;

/** Ids that land in the same shard (the job key is the shard and the bucket's window). */
async function sameShardIds(n: number): Promise<string[]> {
  const ids: string[] = [];
  while (ids.length < n) {
    const id = randomUUID();
    // Ids without a call row are sharded by a hash of the id (migration 20261202180000_crm_queue_account_shards).
    const { rows } = await a.query<{ shard: number }>("SELECT abs(hashtext($1)) % 4 AS shard", [id]);
    if (rows[0]!.shard === 0) ids.push(id);
  }
  return ids;
}

async function queuedIds(): Promise<string[]> {
  const { rows } = await a.query<{ id: string }>(
    `SELECT jsonb_array_elements_text(j.payload::jsonb) AS id
       FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'crm_link_calls'`,
  );
  return rows.map((r) => r.id).sort();
}

describe("queueing calls for derivation", () => {
  it("adds to the bucket's waiting job, and starts a new job when the bucket's job is already running", async () => {
    const [first, second, third] = await sameShardIds(3);
    const bucket = 1_000_000 + Math.floor(Math.random() * 1_000_000);
    await a.query("SELECT crm_queue_call_ids_at($1::jsonb, $2)", [JSON.stringify([first]), bucket]);
    await a.query("SELECT crm_queue_call_ids_at($1::jsonb, $2)", [JSON.stringify([second]), bucket]);
    const { rows } = await a.query<{ n: number }>("SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = $1", [
      windowKey(0, bucket),
    ]);
    expect(rows[0]!.n).toBe(1);
    // A worker holds the job (committed): the next add goes into a new job.
    await a.query("UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'test-worker' WHERE key = $1", [
      windowKey(0, bucket),
    ]);
    await a.query("SELECT crm_queue_call_ids_at($1::jsonb, $2)", [JSON.stringify([third]), bucket]);
    expect(await queuedIds()).toEqual(expect.arrayContaining([first, second, third].sort()));
    await a.query("DELETE FROM graphile_worker._private_jobs");
  });

  it("a waiting job takes the calls of its window's later buckets and stays due at the end of its first; the next window starts a job", async () => {
    await a.query("DELETE FROM graphile_worker._private_jobs");
    const [first, later, last, next] = await sameShardIds(4);
    const bucket = 2_000_000 + Math.floor(Math.random() * 100_000) * 8;
    await a.query("SELECT crm_queue_call_ids_at($1::jsonb, $2)", [JSON.stringify([first]), bucket]);
    await a.query("SELECT crm_queue_call_ids_at($1::jsonb, $2)", [JSON.stringify([later]), bucket + 3]);
    await a.query("SELECT crm_queue_call_ids_at($1::jsonb, $2)", [JSON.stringify([last]), bucket + 7]);
    await a.query("SELECT crm_queue_call_ids_at($1::jsonb, $2)", [JSON.stringify([next]), bucket + 8]);
    const { rows } = await a.query<{ key: string; ids: string[]; due: string }>(
      `SELECT key, payload AS ids, (extract(epoch FROM run_at) * 2)::bigint::text AS due FROM graphile_worker._private_jobs ORDER BY run_at`,
    );
    expect(rows).toEqual([
      { key: windowKey(0, bucket), ids: [first, later, last], due: String(bucket + 1) },
      { key: windowKey(0, bucket + 8), ids: [next], due: String(bucket + 9) },
    ]);
    await a.query("DELETE FROM graphile_worker._private_jobs");
  });

  it("loses no call when a worker locks the job while the add waits on it", async () => {
    const [first, late] = await sameShardIds(2);
    const bucket = 3_000_000 + Math.floor(Math.random() * 1_000_000);
    const key = windowKey(0, bucket);
    await a.query("SELECT crm_queue_call_ids_at($1::jsonb, $2)", [JSON.stringify([first]), bucket]);
    // The worker's lock, not yet committed: the add's first statement still sees the job as waiting,
    // its insert then waits on the row and finds it locked once the worker commits.
    await b.query("BEGIN");
    await b.query("UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'test-worker' WHERE key = $1", [key]);
    const adding = a.query("SELECT crm_queue_call_ids_at($1::jsonb, $2)", [JSON.stringify([late]), bucket]);
    await new Promise((r) => setTimeout(r, 300));
    await b.query("COMMIT");
    await adding;
    expect(await queuedIds()).toEqual([first, late].sort());
    await a.query("DELETE FROM graphile_worker._private_jobs");
  });

  it("puts one debtor's calls into one shard's job whatever number was dialled, and each shard's jobs in their own named queue", async () => {
    await a.query("DELETE FROM graphile_worker._private_jobs");
    // 40 debtors with two calls each on different numbers, and 80 calls without an account id (keyed by their numbers), in one statement.
    const run = randomUUID().slice(0, 8);
    await a.query(
      `INSERT INTO calls (provider_call_id, number_from, number_to, request_metadata)
       SELECT $1 || ':' || g || ':' || n, '+15550000000', '+1312555' || lpad((g * 2 + n)::text, 4, '0'),
              CASE WHEN g <= 40 THEN jsonb_build_object('account_id', $1 || '-A' || g) ELSE '{}'::jsonb END
         FROM generate_series(1, 80) g, generate_series(0, 1) n`,
      [run],
    );
    const { rows } = await a.query<{ key: string; queue: string | null; debtor: string }>(
      `SELECT j.key, q.queue_name AS queue,
              coalesce(c.request_metadata->>'account_id', c.number_to) AS debtor
         FROM graphile_worker._private_jobs j
         LEFT JOIN graphile_worker._private_job_queues q ON q.id = j.job_queue_id
         CROSS JOIN LATERAL json_array_elements_text(j.payload) AS e(id)
         JOIN calls c ON c.id = e.id::uuid
        WHERE c.provider_call_id LIKE $1 || ':%'`,
      [run],
    );
    expect(rows).toHaveLength(160);
    const shardOf = new Map<string, Set<string>>();
    for (const r of rows) {
      expect(r.key).toMatch(/^crm_link:[0-3]:\d+$/);
      // The job's queue is its shard's.
      expect(r.queue).toBe(r.key.split(":").slice(0, 2).join(":"));
      shardOf.set(r.debtor, (shardOf.get(r.debtor) ?? new Set()).add(r.key.split(":")[1]!));
    }
    const accounts = [...shardOf.entries()].filter(([debtor]) => debtor.startsWith(`${run}-A`));
    expect(accounts).toHaveLength(40);
    for (const [, shards] of accounts) expect(shards.size).toBe(1);
    // The 120 debtors (40 by account id, 80 by number) spread over the shards rather than landing in one.
    expect(new Set([...shardOf.values()].map((s) => [...s][0])).size).toBeGreaterThan(2);
    await a.query("DELETE FROM graphile_worker._private_jobs");
  });
});
