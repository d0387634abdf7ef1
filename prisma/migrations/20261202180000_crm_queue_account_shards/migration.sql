-- The calls trigger's jobs, sharded by account and run one at a time per shard.
--
-- Until now a bucket's calls were split into two jobs by a hash of the call
-- id, so one debtor's calls went to both, and the next bucket's jobs ran
-- beside them while they were still running. Every job locks its accounts
-- (FOR UPDATE, in the transaction that derives them), and at 300 deliveries/s
-- over ~2,400 accounts almost every pair of jobs shared one: the jobs waited
-- for each other, one ran at a time whatever the worker's concurrency (the
-- same catch-up with concurrency 1 and 4), and most sampled waits of the
-- derivation were on the account rows.
--
-- Now the shard is a hash of the call's account key, worked out here the way
-- lib/accounts/keys.ts does (the first configured metadata field with a
-- value, else the number; an edge case it decides differently only costs a
-- wait, never a wrong link: the locks still decide), and each shard's jobs
-- form a graphile-worker named queue ("crm_link:<shard>"), which runs its jobs
-- one after another on whichever worker takes them. Four shards: up to four
-- jobs at once, none waiting on another's accounts. Ids without a call row
-- (a retry after the call was deleted) fall back to a hash of the id.

CREATE FUNCTION crm_call_shard(metadata jsonb, number_to text) RETURNS integer
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT abs(hashtext(coalesce(
        (SELECT u.f || ':' || btrim(metadata ->> u.f)
           FROM crm_settings s, unnest(s.key_fields) WITH ORDINALITY AS u(f, i)
          WHERE jsonb_typeof(metadata -> u.f) IN ('string', 'number') AND btrim(metadata ->> u.f) <> ''
          ORDER BY u.i
          LIMIT 1),
        'tel:' || btrim(number_to)))) % 4
$$;

CREATE OR REPLACE FUNCTION crm_queue_call_ids_at(ids jsonb, bucket bigint) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    specs graphile_worker.job_spec[];
    added text[];
    tries int := 0;
BEGIN
    SELECT array_agg(ROW('crm_link_calls', s.ids::json, 'crm_link:' || s.shard, to_timestamp((bucket + 1) / 2.0), 25,
                         'crm_link:' || s.shard || ':' || bucket, 0, NULL)::graphile_worker.job_spec)
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
