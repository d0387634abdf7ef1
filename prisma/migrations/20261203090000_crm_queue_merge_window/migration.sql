-- A shard's waiting job takes the calls of the next few buckets too, so a
-- worker that has fallen behind works through its backlog in bigger batches.
--
-- Until now each half-second bucket had a job of its own per shard (~37 calls
-- at 300 deliveries/s over four shards). A job has a cost of its own, whatever
-- its size: a dozen statements and their triggers, the settings and the
-- shared numbers read again, a transaction. When the worker fell behind, the
-- backlog was a line of such small jobs, each shard running them one after
-- another.
--
-- Now the job key is the shard and a window of eight buckets (four seconds):
-- a call whose window's job is still waiting joins it. graphile-worker keeps
-- the first run_at (add_jobs with job_key_preserve_run_at), so a job is due
-- at the end of its first bucket, as before; a worker that keeps up has taken
-- it by then, and the next bucket's calls find the key on a running job and
-- start a new one (20261202150000_crm_queue_no_drop). Only a worker that is
-- behind sees its jobs grow, to at most four seconds of one shard's calls.

CREATE OR REPLACE FUNCTION crm_queue_call_ids_at(ids jsonb, bucket bigint) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    specs graphile_worker.job_spec[];
    added text[];
    tries int := 0;
BEGIN
    SELECT array_agg(ROW('crm_link_calls', s.ids::json, 'crm_link:' || s.shard, to_timestamp((bucket + 1) / 2.0), 25,
                         'crm_link:' || s.shard || ':' || (bucket / 8), 0, NULL)::graphile_worker.job_spec)
      INTO specs
      FROM (SELECT coalesce(crm_call_shard(c.request_metadata, c.number_to), abs(hashtext(e.value)) % 4) AS shard,
                   jsonb_agg(e.value) AS ids
              FROM jsonb_array_elements_text(ids) AS e(value)
              LEFT JOIN calls c ON c.id = e.value::uuid
             GROUP BY 1) s;
    -- See 20261202150000_crm_queue_no_drop: a spec whose job a worker locked meanwhile is added again.
    WHILE specs IS NOT NULL LOOP
        tries := tries + 1;
        IF tries > 5 THEN
            RAISE EXCEPTION 'could not queue calls for account derivation after 5 tries';
        END IF;
        SELECT array_agg(j.key) INTO added FROM graphile_worker.add_jobs(specs, true) j;
        SELECT array_agg(sp) INTO specs FROM unnest(specs) sp WHERE NOT ((sp).job_key = ANY (coalesce(added, '{}')));
    END LOOP;
END $$;
