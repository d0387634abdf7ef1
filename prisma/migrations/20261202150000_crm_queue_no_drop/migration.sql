-- The calls trigger's jobs can no longer be dropped (lib/accounts/worker.ts).
--
-- crm_queue_call_ids adds one job per half-second bucket and shard under a
-- job key; graphile_worker.add_jobs merges the ids into that job while it
-- waits. add_jobs runs two statements: the first takes the key off a job
-- that is already running, the second inserts, or on a key conflict appends
-- the ids, but only `WHERE jobs.locked_at IS NULL`. A worker that locks the
-- job between the two (the bucket has just closed, or the insert waited for
-- another writer's lock on the job row past the bucket's end) makes the
-- second statement do nothing, and the ids were lost: calls never linked,
-- no job left for them (7 of ~44,000 calls in a 1M benchmark run whose
-- deliveries arrived at 300/s). add_jobs returns the jobs it inserted or
-- updated, so a spec without its job in the result is added again: the
-- first statement then sees the running job, takes its key, and the ids go
-- into a new job. crm_queue_call_ids_at takes the bucket as a parameter so
-- the integration test can aim two adds at one bucket.

CREATE FUNCTION crm_queue_call_ids_at(ids jsonb, bucket bigint) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    specs graphile_worker.job_spec[];
    added text[];
    tries int := 0;
BEGIN
    SELECT array_agg(ROW('crm_link_calls', s.ids::json, NULL, to_timestamp((bucket + 1) / 2.0), 25,
                         'crm_link:' || s.shard || ':' || bucket, 0, NULL)::graphile_worker.job_spec)
      INTO specs
      FROM (SELECT abs(hashtext(e.value)) % 2 AS shard, jsonb_agg(e.value) AS ids
              FROM jsonb_array_elements_text(ids) AS e(value)
             GROUP BY 1) s;
    WHILE specs IS NOT NULL LOOP
        tries := tries + 1;
        IF tries > 5 THEN
            -- Fails the writer's transaction (the webhook answers 5xx and is retried): never a silent loss.
            RAISE EXCEPTION 'could not queue calls for account derivation after 5 tries';
        END IF;
        SELECT array_agg(j.key) INTO added FROM graphile_worker.add_jobs(specs, true) j;
        SELECT array_agg(sp) INTO specs FROM unnest(specs) sp WHERE NOT ((sp).job_key = ANY (coalesce(added, '{}')));
    END LOOP;
END $$;

CREATE OR REPLACE FUNCTION crm_queue_call_ids(ids jsonb) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM crm_queue_call_ids_at(ids, floor(extract(epoch FROM clock_timestamp()) * 2)::bigint);
END $$;
