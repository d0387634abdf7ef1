-- Analytics rollups: counts kept in step with `calls` by triggers, so charts and
-- KPIs never read the wide call rows (a 90-day KPI pass over `calls` takes
-- ~1.6 s at 1M calls).
--
-- Two tiers, both maintained by the same statement-level triggers:
-- 1. 15-minute UTC buckets (analytics_call_rollup, analytics_number_rollup).
--    Every time zone in use is offset from UTC by a multiple of 15 minutes
--    (India +5:30, Nepal +5:45, ...), so a bucket never straddles a local
--    midnight: any zone's days can be summed from these rows exactly. At
--    ~2,700 calls a day they barely compress, though (a bucket holds a few
--    dozen calls spread over as many keys), so they serve partial days and
--    zones not yet prepared.
-- 2. Local-day rows per time zone in use (analytics_daily_rollup,
--    analytics_daily_number_rollup), one set per row of analytics_zones:
--    ~10x fewer rows, and what the charts read. A zone added later is filled
--    from the 15-minute tier in short chunks (analytics_backfill_zone_chunk),
--    newest days first; analytics_zones.complete_from says which days are exact.
--
-- NULL dimensions are stored as '' so each key can be a plain primary key.

CREATE TABLE "analytics_call_rollup" (
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "call_output" TEXT NOT NULL DEFAULT '',
    "sentiment_output" TEXT NOT NULL DEFAULT '',
    "project_id" TEXT NOT NULL DEFAULT '',
    "delivery_status" TEXT NOT NULL DEFAULT '',
    "provider_status" TEXT NOT NULL DEFAULT '',
    "calls" INTEGER NOT NULL DEFAULT 0,
    "duration_sum" BIGINT NOT NULL DEFAULT 0,
    -- Duration histogram as measures rather than a key column: one row per key
    -- instead of one per key and duration band.
    "dur_under_15s" INTEGER NOT NULL DEFAULT 0,
    "dur_15_30s" INTEGER NOT NULL DEFAULT 0,
    "dur_30_60s" INTEGER NOT NULL DEFAULT 0,
    "dur_1_2m" INTEGER NOT NULL DEFAULT 0,
    "dur_2_3m" INTEGER NOT NULL DEFAULT 0,
    "dur_3_5m" INTEGER NOT NULL DEFAULT 0,
    "dur_5_10m" INTEGER NOT NULL DEFAULT 0,
    "dur_10m_plus" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_call_rollup_pkey" PRIMARY KEY ("bucket_start", "call_output", "sentiment_output", "project_id", "delivery_status", "provider_status")
);

-- The Levers number (number_from) breakdown has its own tables: adding the
-- number to the main key would multiply its rows by the count of numbers.
CREATE TABLE "analytics_number_rollup" (
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "number_from" TEXT NOT NULL,
    "call_output" TEXT NOT NULL DEFAULT '',
    "sentiment_output" TEXT NOT NULL DEFAULT '',
    "project_id" TEXT NOT NULL DEFAULT '',
    "calls" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_number_rollup_pkey" PRIMARY KEY ("bucket_start", "number_from", "call_output", "sentiment_output", "project_id")
);

-- Time zones that get local-day rows. Days on or after complete_from are exact
-- in the daily tables (NULL: none yet); older days are read from the 15-minute tier.
CREATE TABLE "analytics_zones" (
    "zone" TEXT NOT NULL,
    "complete_from" DATE,
    "fully_backfilled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "analytics_zones_pkey" PRIMARY KEY ("zone")
);

CREATE TABLE "analytics_daily_rollup" (
    "zone" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "call_output" TEXT NOT NULL DEFAULT '',
    "sentiment_output" TEXT NOT NULL DEFAULT '',
    "project_id" TEXT NOT NULL DEFAULT '',
    "delivery_status" TEXT NOT NULL DEFAULT '',
    "provider_status" TEXT NOT NULL DEFAULT '',
    "calls" INTEGER NOT NULL DEFAULT 0,
    "duration_sum" BIGINT NOT NULL DEFAULT 0,
    "dur_under_15s" INTEGER NOT NULL DEFAULT 0,
    "dur_15_30s" INTEGER NOT NULL DEFAULT 0,
    "dur_30_60s" INTEGER NOT NULL DEFAULT 0,
    "dur_1_2m" INTEGER NOT NULL DEFAULT 0,
    "dur_2_3m" INTEGER NOT NULL DEFAULT 0,
    "dur_3_5m" INTEGER NOT NULL DEFAULT 0,
    "dur_5_10m" INTEGER NOT NULL DEFAULT 0,
    "dur_10m_plus" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_daily_rollup_pkey" PRIMARY KEY ("zone", "day", "call_output", "sentiment_output", "project_id", "delivery_status", "provider_status")
);

CREATE TABLE "analytics_daily_number_rollup" (
    "zone" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "number_from" TEXT NOT NULL,
    "call_output" TEXT NOT NULL DEFAULT '',
    "sentiment_output" TEXT NOT NULL DEFAULT '',
    "project_id" TEXT NOT NULL DEFAULT '',
    "calls" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_daily_number_rollup_pkey" PRIMARY KEY ("zone", "day", "number_from", "call_output", "sentiment_output", "project_id")
);

-- UTC is what a viewer without a known zone sees; it starts complete (no calls yet).
INSERT INTO "analytics_zones" ("zone", "complete_from", "fully_backfilled") VALUES ('UTC', NULL, true);

CREATE FUNCTION analytics_bucket(ts timestamptz) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN date_bin('15 minutes', ts, TIMESTAMPTZ '2000-01-01 00:00:00+00');

-- Apply the rows a statement inserted (+1), deleted (-1) or updated (-1 old,
-- +1 new) to every rollup: one grouped upsert per table, so a bulk statement
-- costs four statements, not four per row. The three functions differ only in
-- the transition tables they read; they are spelled out (not one function
-- with EXECUTE) so PL/pgSQL caches their plans: dynamic SQL made every
-- single-call insert ~5x slower.
-- Deadlocks: every writer touches the tables in the same order and the keys
-- of each table in sorted order, so two single-statement writers never wait
-- on each other in a cycle. Keys whose net change is zero (an update that left
-- the dimensions alone, e.g. a re-delivered call) are not written at all and
-- take no lock.
-- The daily upserts read analytics_zones in their own statement, after the
-- 15-minute upsert: a zone added by analytics_backfill_zone_chunk (which
-- locks the 15-minute table) is therefore seen by every writer it did not count.
CREATE FUNCTION analytics_rollup_calls_insert() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
        INSERT INTO analytics_call_rollup AS r (
            bucket_start, call_output, sentiment_output, project_id, delivery_status, provider_status, calls, duration_sum, dur_under_15s, dur_15_30s, dur_30_60s, dur_1_2m, dur_2_3m, dur_3_5m, dur_5_10m, dur_10m_plus)
        SELECT * FROM (
            SELECT analytics_bucket(d.received_at), coalesce(d.call_output, ''), coalesce(d.sentiment_output, ''),
                   coalesce(d.project_id, ''), coalesce(d.delivery_status, ''), coalesce(d.provider_status, ''),
                   sum(d.sign)::int AS calls, sum(d.sign * d.duration::bigint) AS duration_sum,
                   sum(CASE WHEN d.duration < 15 THEN d.sign ELSE 0 END)::int AS h1,
                   sum(CASE WHEN d.duration >= 15 AND d.duration < 30 THEN d.sign ELSE 0 END)::int AS h2,
                   sum(CASE WHEN d.duration >= 30 AND d.duration < 60 THEN d.sign ELSE 0 END)::int AS h3,
                   sum(CASE WHEN d.duration >= 60 AND d.duration < 120 THEN d.sign ELSE 0 END)::int AS h4,
                   sum(CASE WHEN d.duration >= 120 AND d.duration < 180 THEN d.sign ELSE 0 END)::int AS h5,
                   sum(CASE WHEN d.duration >= 180 AND d.duration < 300 THEN d.sign ELSE 0 END)::int AS h6,
                   sum(CASE WHEN d.duration >= 300 AND d.duration < 600 THEN d.sign ELSE 0 END)::int AS h7,
                   sum(CASE WHEN d.duration >= 600 THEN d.sign ELSE 0 END)::int AS h8
              FROM (SELECT 1 AS sign, received_at, call_output, sentiment_output, project_id, delivery_status, provider_status, number_from, duration FROM new_rows) d
             GROUP BY 1, 2, 3, 4, 5, 6
        ) g
         WHERE calls <> 0 OR duration_sum <> 0 OR h1 <> 0 OR h2 <> 0 OR h3 <> 0 OR h4 <> 0
            OR h5 <> 0 OR h6 <> 0 OR h7 <> 0 OR h8 <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (bucket_start, call_output, sentiment_output, project_id, delivery_status, provider_status) DO UPDATE SET
            calls = r.calls + EXCLUDED.calls,
            duration_sum = r.duration_sum + EXCLUDED.duration_sum,
            dur_under_15s = r.dur_under_15s + EXCLUDED.dur_under_15s,
            dur_15_30s = r.dur_15_30s + EXCLUDED.dur_15_30s,
            dur_30_60s = r.dur_30_60s + EXCLUDED.dur_30_60s,
            dur_1_2m = r.dur_1_2m + EXCLUDED.dur_1_2m,
            dur_2_3m = r.dur_2_3m + EXCLUDED.dur_2_3m,
            dur_3_5m = r.dur_3_5m + EXCLUDED.dur_3_5m,
            dur_5_10m = r.dur_5_10m + EXCLUDED.dur_5_10m,
            dur_10m_plus = r.dur_10m_plus + EXCLUDED.dur_10m_plus;

        INSERT INTO analytics_number_rollup AS r (bucket_start, number_from, call_output, sentiment_output, project_id, calls)
        SELECT * FROM (
            SELECT analytics_bucket(d.received_at), d.number_from, coalesce(d.call_output, ''), coalesce(d.sentiment_output, ''),
                   coalesce(d.project_id, ''), sum(d.sign)::int AS calls
              FROM (SELECT 1 AS sign, received_at, call_output, sentiment_output, project_id, delivery_status, provider_status, number_from, duration FROM new_rows) d
             GROUP BY 1, 2, 3, 4, 5
        ) g
         WHERE calls <> 0
         ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (bucket_start, number_from, call_output, sentiment_output, project_id) DO UPDATE SET
            calls = r.calls + EXCLUDED.calls;

        INSERT INTO analytics_daily_rollup AS r (
            zone, day, call_output, sentiment_output, project_id, delivery_status, provider_status, calls, duration_sum, dur_under_15s, dur_15_30s, dur_30_60s, dur_1_2m, dur_2_3m, dur_3_5m, dur_5_10m, dur_10m_plus)
        SELECT * FROM (
            SELECT z.zone, (d.received_at AT TIME ZONE z.zone)::date, coalesce(d.call_output, ''), coalesce(d.sentiment_output, ''),
                   coalesce(d.project_id, ''), coalesce(d.delivery_status, ''), coalesce(d.provider_status, ''),
                   sum(d.sign)::int AS calls, sum(d.sign * d.duration::bigint) AS duration_sum,
                   sum(CASE WHEN d.duration < 15 THEN d.sign ELSE 0 END)::int AS h1,
                   sum(CASE WHEN d.duration >= 15 AND d.duration < 30 THEN d.sign ELSE 0 END)::int AS h2,
                   sum(CASE WHEN d.duration >= 30 AND d.duration < 60 THEN d.sign ELSE 0 END)::int AS h3,
                   sum(CASE WHEN d.duration >= 60 AND d.duration < 120 THEN d.sign ELSE 0 END)::int AS h4,
                   sum(CASE WHEN d.duration >= 120 AND d.duration < 180 THEN d.sign ELSE 0 END)::int AS h5,
                   sum(CASE WHEN d.duration >= 180 AND d.duration < 300 THEN d.sign ELSE 0 END)::int AS h6,
                   sum(CASE WHEN d.duration >= 300 AND d.duration < 600 THEN d.sign ELSE 0 END)::int AS h7,
                   sum(CASE WHEN d.duration >= 600 THEN d.sign ELSE 0 END)::int AS h8
              FROM (SELECT 1 AS sign, received_at, call_output, sentiment_output, project_id, delivery_status, provider_status, number_from, duration FROM new_rows) d CROSS JOIN analytics_zones z
             GROUP BY 1, 2, 3, 4, 5, 6, 7
        ) g
         WHERE calls <> 0 OR duration_sum <> 0 OR h1 <> 0 OR h2 <> 0 OR h3 <> 0 OR h4 <> 0
            OR h5 <> 0 OR h6 <> 0 OR h7 <> 0 OR h8 <> 0
         ORDER BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT (zone, day, call_output, sentiment_output, project_id, delivery_status, provider_status) DO UPDATE SET
            calls = r.calls + EXCLUDED.calls,
            duration_sum = r.duration_sum + EXCLUDED.duration_sum,
            dur_under_15s = r.dur_under_15s + EXCLUDED.dur_under_15s,
            dur_15_30s = r.dur_15_30s + EXCLUDED.dur_15_30s,
            dur_30_60s = r.dur_30_60s + EXCLUDED.dur_30_60s,
            dur_1_2m = r.dur_1_2m + EXCLUDED.dur_1_2m,
            dur_2_3m = r.dur_2_3m + EXCLUDED.dur_2_3m,
            dur_3_5m = r.dur_3_5m + EXCLUDED.dur_3_5m,
            dur_5_10m = r.dur_5_10m + EXCLUDED.dur_5_10m,
            dur_10m_plus = r.dur_10m_plus + EXCLUDED.dur_10m_plus;

        INSERT INTO analytics_daily_number_rollup AS r (zone, day, number_from, call_output, sentiment_output, project_id, calls)
        SELECT * FROM (
            SELECT z.zone, (d.received_at AT TIME ZONE z.zone)::date, d.number_from, coalesce(d.call_output, ''),
                   coalesce(d.sentiment_output, ''), coalesce(d.project_id, ''), sum(d.sign)::int AS calls
              FROM (SELECT 1 AS sign, received_at, call_output, sentiment_output, project_id, delivery_status, provider_status, number_from, duration FROM new_rows) d CROSS JOIN analytics_zones z
             GROUP BY 1, 2, 3, 4, 5, 6
        ) g
         WHERE calls <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (zone, day, number_from, call_output, sentiment_output, project_id) DO UPDATE SET
            calls = r.calls + EXCLUDED.calls;
    RETURN NULL;
END
$fn$;

CREATE FUNCTION analytics_rollup_calls_update() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
        INSERT INTO analytics_call_rollup AS r (
            bucket_start, call_output, sentiment_output, project_id, delivery_status, provider_status, calls, duration_sum, dur_under_15s, dur_15_30s, dur_30_60s, dur_1_2m, dur_2_3m, dur_3_5m, dur_5_10m, dur_10m_plus)
        SELECT * FROM (
            SELECT analytics_bucket(d.received_at), coalesce(d.call_output, ''), coalesce(d.sentiment_output, ''),
                   coalesce(d.project_id, ''), coalesce(d.delivery_status, ''), coalesce(d.provider_status, ''),
                   sum(d.sign)::int AS calls, sum(d.sign * d.duration::bigint) AS duration_sum,
                   sum(CASE WHEN d.duration < 15 THEN d.sign ELSE 0 END)::int AS h1,
                   sum(CASE WHEN d.duration >= 15 AND d.duration < 30 THEN d.sign ELSE 0 END)::int AS h2,
                   sum(CASE WHEN d.duration >= 30 AND d.duration < 60 THEN d.sign ELSE 0 END)::int AS h3,
                   sum(CASE WHEN d.duration >= 60 AND d.duration < 120 THEN d.sign ELSE 0 END)::int AS h4,
                   sum(CASE WHEN d.duration >= 120 AND d.duration < 180 THEN d.sign ELSE 0 END)::int AS h5,
                   sum(CASE WHEN d.duration >= 180 AND d.duration < 300 THEN d.sign ELSE 0 END)::int AS h6,
                   sum(CASE WHEN d.duration >= 300 AND d.duration < 600 THEN d.sign ELSE 0 END)::int AS h7,
                   sum(CASE WHEN d.duration >= 600 THEN d.sign ELSE 0 END)::int AS h8
              FROM (SELECT -1 AS sign, received_at, call_output, sentiment_output, project_id, delivery_status, provider_status, number_from, duration FROM old_rows UNION ALL SELECT 1 AS sign, received_at, call_output, sentiment_output, project_id, delivery_status, provider_status, number_from, duration FROM new_rows) d
             GROUP BY 1, 2, 3, 4, 5, 6
        ) g
         WHERE calls <> 0 OR duration_sum <> 0 OR h1 <> 0 OR h2 <> 0 OR h3 <> 0 OR h4 <> 0
            OR h5 <> 0 OR h6 <> 0 OR h7 <> 0 OR h8 <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (bucket_start, call_output, sentiment_output, project_id, delivery_status, provider_status) DO UPDATE SET
            calls = r.calls + EXCLUDED.calls,
            duration_sum = r.duration_sum + EXCLUDED.duration_sum,
            dur_under_15s = r.dur_under_15s + EXCLUDED.dur_under_15s,
            dur_15_30s = r.dur_15_30s + EXCLUDED.dur_15_30s,
            dur_30_60s = r.dur_30_60s + EXCLUDED.dur_30_60s,
            dur_1_2m = r.dur_1_2m + EXCLUDED.dur_1_2m,
            dur_2_3m = r.dur_2_3m + EXCLUDED.dur_2_3m,
            dur_3_5m = r.dur_3_5m + EXCLUDED.dur_3_5m,
            dur_5_10m = r.dur_5_10m + EXCLUDED.dur_5_10m,
            dur_10m_plus = r.dur_10m_plus + EXCLUDED.dur_10m_plus;

        INSERT INTO analytics_number_rollup AS r (bucket_start, number_from, call_output, sentiment_output, project_id, calls)
        SELECT * FROM (
            SELECT analytics_bucket(d.received_at), d.number_from, coalesce(d.call_output, ''), coalesce(d.sentiment_output, ''),
                   coalesce(d.project_id, ''), sum(d.sign)::int AS calls
              FROM (SELECT -1 AS sign, received_at, call_output, sentiment_output, project_id, delivery_status, provider_status, number_from, duration FROM old_rows UNION ALL SELECT 1 AS sign, received_at, call_output, sentiment_output, project_id, delivery_status, provider_status, number_from, duration FROM new_rows) d
             GROUP BY 1, 2, 3, 4, 5
        ) g
         WHERE calls <> 0
         ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (bucket_start, number_from, call_output, sentiment_output, project_id) DO UPDATE SET
            calls = r.calls + EXCLUDED.calls;

        INSERT INTO analytics_daily_rollup AS r (
            zone, day, call_output, sentiment_output, project_id, delivery_status, provider_status, calls, duration_sum, dur_under_15s, dur_15_30s, dur_30_60s, dur_1_2m, dur_2_3m, dur_3_5m, dur_5_10m, dur_10m_plus)
        SELECT * FROM (
            SELECT z.zone, (d.received_at AT TIME ZONE z.zone)::date, coalesce(d.call_output, ''), coalesce(d.sentiment_output, ''),
                   coalesce(d.project_id, ''), coalesce(d.delivery_status, ''), coalesce(d.provider_status, ''),
                   sum(d.sign)::int AS calls, sum(d.sign * d.duration::bigint) AS duration_sum,
                   sum(CASE WHEN d.duration < 15 THEN d.sign ELSE 0 END)::int AS h1,
                   sum(CASE WHEN d.duration >= 15 AND d.duration < 30 THEN d.sign ELSE 0 END)::int AS h2,
                   sum(CASE WHEN d.duration >= 30 AND d.duration < 60 THEN d.sign ELSE 0 END)::int AS h3,
                   sum(CASE WHEN d.duration >= 60 AND d.duration < 120 THEN d.sign ELSE 0 END)::int AS h4,
                   sum(CASE WHEN d.duration >= 120 AND d.duration < 180 THEN d.sign ELSE 0 END)::int AS h5,
                   sum(CASE WHEN d.duration >= 180 AND d.duration < 300 THEN d.sign ELSE 0 END)::int AS h6,
                   sum(CASE WHEN d.duration >= 300 AND d.duration < 600 THEN d.sign ELSE 0 END)::int AS h7,
                   sum(CASE WHEN d.duration >= 600 THEN d.sign ELSE 0 END)::int AS h8
              FROM (SELECT -1 AS sign, received_at, call_output, sentiment_output, project_id, delivery_status, provider_status, number_from, duration FROM old_rows UNION ALL SELECT 1 AS sign, received_at, call_output, sentiment_output, project_id, delivery_status, provider_status, number_from, duration FROM new_rows) d CROSS JOIN analytics_zones z
             GROUP BY 1, 2, 3, 4, 5, 6, 7
        ) g
         WHERE calls <> 0 OR duration_sum <> 0 OR h1 <> 0 OR h2 <> 0 OR h3 <> 0 OR h4 <> 0
            OR h5 <> 0 OR h6 <> 0 OR h7 <> 0 OR h8 <> 0
         ORDER BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT (zone, day, call_output, sentiment_output, project_id, delivery_status, provider_status) DO UPDATE SET
            calls = r.calls + EXCLUDED.calls,
            duration_sum = r.duration_sum + EXCLUDED.duration_sum,
            dur_under_15s = r.dur_under_15s + EXCLUDED.dur_under_15s,
            dur_15_30s = r.dur_15_30s + EXCLUDED.dur_15_30s,
            dur_30_60s = r.dur_30_60s + EXCLUDED.dur_30_60s,
            dur_1_2m = r.dur_1_2m + EXCLUDED.dur_1_2m,
            dur_2_3m = r.dur_2_3m + EXCLUDED.dur_2_3m,
            dur_3_5m = r.dur_3_5m + EXCLUDED.dur_3_5m,
            dur_5_10m = r.dur_5_10m + EXCLUDED.dur_5_10m,
            dur_10m_plus = r.dur_10m_plus + EXCLUDED.dur_10m_plus;

        INSERT INTO analytics_daily_number_rollup AS r (zone, day, number_from, call_output, sentiment_output, project_id, calls)
        SELECT * FROM (
            SELECT z.zone, (d.received_at AT TIME ZONE z.zone)::date, d.number_from, coalesce(d.call_output, ''),
                   coalesce(d.sentiment_output, ''), coalesce(d.project_id, ''), sum(d.sign)::int AS calls
              FROM (SELECT -1 AS sign, received_at, call_output, sentiment_output, project_id, delivery_status, provider_status, number_from, duration FROM old_rows UNION ALL SELECT 1 AS sign, received_at, call_output, sentiment_output, project_id, delivery_status, provider_status, number_from, duration FROM new_rows) d CROSS JOIN analytics_zones z
             GROUP BY 1, 2, 3, 4, 5, 6
        ) g
         WHERE calls <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (zone, day, number_from, call_output, sentiment_output, project_id) DO UPDATE SET
            calls = r.calls + EXCLUDED.calls;
    RETURN NULL;
END
$fn$;

CREATE FUNCTION analytics_rollup_calls_delete() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
        INSERT INTO analytics_call_rollup AS r (
            bucket_start, call_output, sentiment_output, project_id, delivery_status, provider_status, calls, duration_sum, dur_under_15s, dur_15_30s, dur_30_60s, dur_1_2m, dur_2_3m, dur_3_5m, dur_5_10m, dur_10m_plus)
        SELECT * FROM (
            SELECT analytics_bucket(d.received_at), coalesce(d.call_output, ''), coalesce(d.sentiment_output, ''),
                   coalesce(d.project_id, ''), coalesce(d.delivery_status, ''), coalesce(d.provider_status, ''),
                   sum(d.sign)::int AS calls, sum(d.sign * d.duration::bigint) AS duration_sum,
                   sum(CASE WHEN d.duration < 15 THEN d.sign ELSE 0 END)::int AS h1,
                   sum(CASE WHEN d.duration >= 15 AND d.duration < 30 THEN d.sign ELSE 0 END)::int AS h2,
                   sum(CASE WHEN d.duration >= 30 AND d.duration < 60 THEN d.sign ELSE 0 END)::int AS h3,
                   sum(CASE WHEN d.duration >= 60 AND d.duration < 120 THEN d.sign ELSE 0 END)::int AS h4,
                   sum(CASE WHEN d.duration >= 120 AND d.duration < 180 THEN d.sign ELSE 0 END)::int AS h5,
                   sum(CASE WHEN d.duration >= 180 AND d.duration < 300 THEN d.sign ELSE 0 END)::int AS h6,
                   sum(CASE WHEN d.duration >= 300 AND d.duration < 600 THEN d.sign ELSE 0 END)::int AS h7,
                   sum(CASE WHEN d.duration >= 600 THEN d.sign ELSE 0 END)::int AS h8
              FROM (SELECT -1 AS sign, received_at, call_output, sentiment_output, project_id, delivery_status, provider_status, number_from, duration FROM old_rows) d
             GROUP BY 1, 2, 3, 4, 5, 6
        ) g
         WHERE calls <> 0 OR duration_sum <> 0 OR h1 <> 0 OR h2 <> 0 OR h3 <> 0 OR h4 <> 0
            OR h5 <> 0 OR h6 <> 0 OR h7 <> 0 OR h8 <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (bucket_start, call_output, sentiment_output, project_id, delivery_status, provider_status) DO UPDATE SET
            calls = r.calls + EXCLUDED.calls,
            duration_sum = r.duration_sum + EXCLUDED.duration_sum,
            dur_under_15s = r.dur_under_15s + EXCLUDED.dur_under_15s,
            dur_15_30s = r.dur_15_30s + EXCLUDED.dur_15_30s,
            dur_30_60s = r.dur_30_60s + EXCLUDED.dur_30_60s,
            dur_1_2m = r.dur_1_2m + EXCLUDED.dur_1_2m,
            dur_2_3m = r.dur_2_3m + EXCLUDED.dur_2_3m,
            dur_3_5m = r.dur_3_5m + EXCLUDED.dur_3_5m,
            dur_5_10m = r.dur_5_10m + EXCLUDED.dur_5_10m,
            dur_10m_plus = r.dur_10m_plus + EXCLUDED.dur_10m_plus;

        INSERT INTO analytics_number_rollup AS r (bucket_start, number_from, call_output, sentiment_output, project_id, calls)
        SELECT * FROM (
            SELECT analytics_bucket(d.received_at), d.number_from, coalesce(d.call_output, ''), coalesce(d.sentiment_output, ''),
                   coalesce(d.project_id, ''), sum(d.sign)::int AS calls
              FROM (SELECT -1 AS sign, received_at, call_output, sentiment_output, project_id, delivery_status, provider_status, number_from, duration FROM old_rows) d
             GROUP BY 1, 2, 3, 4, 5
        ) g
         WHERE calls <> 0
         ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (bucket_start, number_from, call_output, sentiment_output, project_id) DO UPDATE SET
            calls = r.calls + EXCLUDED.calls;

        INSERT INTO analytics_daily_rollup AS r (
            zone, day, call_output, sentiment_output, project_id, delivery_status, provider_status, calls, duration_sum, dur_under_15s, dur_15_30s, dur_30_60s, dur_1_2m, dur_2_3m, dur_3_5m, dur_5_10m, dur_10m_plus)
        SELECT * FROM (
            SELECT z.zone, (d.received_at AT TIME ZONE z.zone)::date, coalesce(d.call_output, ''), coalesce(d.sentiment_output, ''),
                   coalesce(d.project_id, ''), coalesce(d.delivery_status, ''), coalesce(d.provider_status, ''),
                   sum(d.sign)::int AS calls, sum(d.sign * d.duration::bigint) AS duration_sum,
                   sum(CASE WHEN d.duration < 15 THEN d.sign ELSE 0 END)::int AS h1,
                   sum(CASE WHEN d.duration >= 15 AND d.duration < 30 THEN d.sign ELSE 0 END)::int AS h2,
                   sum(CASE WHEN d.duration >= 30 AND d.duration < 60 THEN d.sign ELSE 0 END)::int AS h3,
                   sum(CASE WHEN d.duration >= 60 AND d.duration < 120 THEN d.sign ELSE 0 END)::int AS h4,
                   sum(CASE WHEN d.duration >= 120 AND d.duration < 180 THEN d.sign ELSE 0 END)::int AS h5,
                   sum(CASE WHEN d.duration >= 180 AND d.duration < 300 THEN d.sign ELSE 0 END)::int AS h6,
                   sum(CASE WHEN d.duration >= 300 AND d.duration < 600 THEN d.sign ELSE 0 END)::int AS h7,
                   sum(CASE WHEN d.duration >= 600 THEN d.sign ELSE 0 END)::int AS h8
              FROM (SELECT -1 AS sign, received_at, call_output, sentiment_output, project_id, delivery_status, provider_status, number_from, duration FROM old_rows) d CROSS JOIN analytics_zones z
             GROUP BY 1, 2, 3, 4, 5, 6, 7
        ) g
         WHERE calls <> 0 OR duration_sum <> 0 OR h1 <> 0 OR h2 <> 0 OR h3 <> 0 OR h4 <> 0
            OR h5 <> 0 OR h6 <> 0 OR h7 <> 0 OR h8 <> 0
         ORDER BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT (zone, day, call_output, sentiment_output, project_id, delivery_status, provider_status) DO UPDATE SET
            calls = r.calls + EXCLUDED.calls,
            duration_sum = r.duration_sum + EXCLUDED.duration_sum,
            dur_under_15s = r.dur_under_15s + EXCLUDED.dur_under_15s,
            dur_15_30s = r.dur_15_30s + EXCLUDED.dur_15_30s,
            dur_30_60s = r.dur_30_60s + EXCLUDED.dur_30_60s,
            dur_1_2m = r.dur_1_2m + EXCLUDED.dur_1_2m,
            dur_2_3m = r.dur_2_3m + EXCLUDED.dur_2_3m,
            dur_3_5m = r.dur_3_5m + EXCLUDED.dur_3_5m,
            dur_5_10m = r.dur_5_10m + EXCLUDED.dur_5_10m,
            dur_10m_plus = r.dur_10m_plus + EXCLUDED.dur_10m_plus;

        INSERT INTO analytics_daily_number_rollup AS r (zone, day, number_from, call_output, sentiment_output, project_id, calls)
        SELECT * FROM (
            SELECT z.zone, (d.received_at AT TIME ZONE z.zone)::date, d.number_from, coalesce(d.call_output, ''),
                   coalesce(d.sentiment_output, ''), coalesce(d.project_id, ''), sum(d.sign)::int AS calls
              FROM (SELECT -1 AS sign, received_at, call_output, sentiment_output, project_id, delivery_status, provider_status, number_from, duration FROM old_rows) d CROSS JOIN analytics_zones z
             GROUP BY 1, 2, 3, 4, 5, 6
        ) g
         WHERE calls <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (zone, day, number_from, call_output, sentiment_output, project_id) DO UPDATE SET
            calls = r.calls + EXCLUDED.calls;
    RETURN NULL;
END
$fn$;

-- Statement-level triggers with transition tables. An INSERT … ON CONFLICT DO
-- UPDATE fires the insert trigger for the rows it inserted and the update
-- trigger for the rows it updated, so re-deliveries and replays move counts
-- correctly, and an update that changes a call's outcome moves it between keys.
CREATE TRIGGER "analytics_rollup_insert" AFTER INSERT ON "calls"
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION analytics_rollup_calls_insert();

CREATE TRIGGER "analytics_rollup_update" AFTER UPDATE ON "calls"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION analytics_rollup_calls_update();

CREATE TRIGGER "analytics_rollup_delete" AFTER DELETE ON "calls"
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION analytics_rollup_calls_delete();

CREATE FUNCTION analytics_rollup_truncate() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    TRUNCATE analytics_call_rollup, analytics_number_rollup, analytics_daily_rollup, analytics_daily_number_rollup;
    UPDATE analytics_zones SET complete_from = NULL, fully_backfilled = true;
    RETURN NULL;
END
$fn$;

CREATE TRIGGER "analytics_rollup_truncate" AFTER TRUNCATE ON "calls"
    FOR EACH STATEMENT EXECUTE FUNCTION analytics_rollup_truncate();

-- Daily rows of one zone for local days [from_day, to_day) (to_day NULL: no
-- upper bound), recomputed from the 15-minute tier. Callers hold the locks.
CREATE FUNCTION analytics_fill_zone_days(p_zone text, from_day date, to_day date) RETURNS void
    LANGUAGE plpgsql AS $fn$
DECLARE
    from_ts timestamptz := CASE WHEN from_day IS NULL THEN '-infinity'::timestamptz ELSE from_day::timestamp AT TIME ZONE p_zone END;
    to_ts timestamptz := CASE WHEN to_day IS NULL THEN 'infinity'::timestamptz ELSE to_day::timestamp AT TIME ZONE p_zone END;
BEGIN
    -- Rows are inserted in key order so that one day's rows share a few pages.
    DELETE FROM analytics_daily_rollup
     WHERE zone = p_zone AND (from_day IS NULL OR day >= from_day) AND (to_day IS NULL OR day < to_day);
    DELETE FROM analytics_daily_number_rollup
     WHERE zone = p_zone AND (from_day IS NULL OR day >= from_day) AND (to_day IS NULL OR day < to_day);

    INSERT INTO analytics_daily_rollup (
        zone, day, call_output, sentiment_output, project_id, delivery_status, provider_status,
        calls, duration_sum, dur_under_15s, dur_15_30s, dur_30_60s, dur_1_2m, dur_2_3m, dur_3_5m, dur_5_10m, dur_10m_plus)
    SELECT p_zone, (bucket_start AT TIME ZONE p_zone)::date AS day, call_output, sentiment_output, project_id, delivery_status, provider_status,
           sum(calls), sum(duration_sum), sum(dur_under_15s), sum(dur_15_30s), sum(dur_30_60s), sum(dur_1_2m),
           sum(dur_2_3m), sum(dur_3_5m), sum(dur_5_10m), sum(dur_10m_plus)
      FROM analytics_call_rollup
     WHERE bucket_start >= from_ts AND bucket_start < to_ts
     GROUP BY 2, 3, 4, 5, 6, 7
    HAVING sum(calls) <> 0 OR sum(duration_sum) <> 0
     ORDER BY 2, 3, 4, 5, 6, 7;

    INSERT INTO analytics_daily_number_rollup (zone, day, number_from, call_output, sentiment_output, project_id, calls)
    SELECT p_zone, (bucket_start AT TIME ZONE p_zone)::date, number_from, call_output, sentiment_output, project_id, sum(calls)
      FROM analytics_number_rollup
     WHERE bucket_start >= from_ts AND bucket_start < to_ts
     GROUP BY 2, 3, 4, 5, 6
    HAVING sum(calls) <> 0
     ORDER BY 2, 3, 4, 5, 6;
END
$fn$;

-- Adds a zone (if new) and makes the next `days` local days before its
-- complete_from exact; returns true once every day is. Run each call in its own
-- transaction: the lock keeps writers out only for one chunk (a week of
-- 15-minute rows: ~20k rows at a million calls a year, a fraction of a second).
-- SHARE ROW EXCLUSIVE on the 15-minute table waits for writers already past
-- their 15-minute upsert (so their daily deltas are committed and visible) and
-- holds new ones until the chunk is committed, after which their deltas land on
-- the recomputed rows: nothing is lost or counted twice.
CREATE FUNCTION analytics_backfill_zone_chunk(p_zone text, days integer DEFAULT 7) RETURNS boolean
    LANGUAGE plpgsql AS $fn$
DECLARE
    z analytics_zones%ROWTYPE;
    oldest date;
    chunk_from date;
BEGIN
    PERFORM now() AT TIME ZONE p_zone; -- rejects unknown zones before anything is written
    LOCK TABLE analytics_call_rollup IN SHARE ROW EXCLUSIVE MODE;
    INSERT INTO analytics_zones (zone) VALUES (p_zone) ON CONFLICT (zone) DO NOTHING;
    SELECT * INTO z FROM analytics_zones WHERE zone = p_zone;
    IF z.fully_backfilled THEN
        RETURN true;
    END IF;

    SELECT (min(bucket_start) AT TIME ZONE p_zone)::date INTO oldest FROM analytics_call_rollup;
    IF oldest IS NULL OR (z.complete_from IS NOT NULL AND z.complete_from <= oldest) THEN
        UPDATE analytics_zones SET fully_backfilled = true WHERE zone = p_zone;
        RETURN true;
    END IF;

    IF z.complete_from IS NULL THEN
        -- First chunk: the newest days, open-ended so calls arriving for a
        -- future local day are covered too.
        SELECT (max(bucket_start) AT TIME ZONE p_zone)::date - (days - 1) INTO chunk_from FROM analytics_call_rollup;
    ELSE
        chunk_from := z.complete_from - days;
    END IF;
    chunk_from := greatest(chunk_from, oldest);

    PERFORM analytics_fill_zone_days(p_zone, chunk_from, z.complete_from);
    UPDATE analytics_zones
       SET complete_from = chunk_from, fully_backfilled = (chunk_from <= oldest)
     WHERE zone = p_zone;
    RETURN chunk_from <= oldest;
END
$fn$;

-- Recomputes every rollup from `calls` (after a bulk load with the triggers
-- disabled, or to prove the incremental counts right). SHARE mode lets readers
-- through but holds writers until the new counts are committed, so no call can
-- land between the recount and the swap. One pass over `calls` into a temporary
-- table at the finest grain; both tiers are summed from that.
CREATE FUNCTION analytics_rebuild_rollups() RETURNS void
    LANGUAGE plpgsql AS $fn$
DECLARE
    z text;
BEGIN
    LOCK TABLE calls IN SHARE MODE;
    LOCK TABLE analytics_call_rollup IN SHARE ROW EXCLUSIVE MODE;
    -- A million calls make about as many fine-grain groups: hash them in memory.
    PERFORM set_config('work_mem', '256MB', true);

    CREATE TEMPORARY TABLE analytics_rebuild_grain ON COMMIT DROP AS
    SELECT analytics_bucket(received_at) AS bucket_start, number_from, coalesce(call_output, '') AS call_output,
           coalesce(sentiment_output, '') AS sentiment_output, coalesce(project_id, '') AS project_id,
           coalesce(delivery_status, '') AS delivery_status, coalesce(provider_status, '') AS provider_status,
           count(*)::int AS calls, sum(duration::bigint) AS duration_sum,
           count(*) FILTER (WHERE duration < 15)::int AS h1,
           count(*) FILTER (WHERE duration >= 15 AND duration < 30)::int AS h2,
           count(*) FILTER (WHERE duration >= 30 AND duration < 60)::int AS h3,
           count(*) FILTER (WHERE duration >= 60 AND duration < 120)::int AS h4,
           count(*) FILTER (WHERE duration >= 120 AND duration < 180)::int AS h5,
           count(*) FILTER (WHERE duration >= 180 AND duration < 300)::int AS h6,
           count(*) FILTER (WHERE duration >= 300 AND duration < 600)::int AS h7,
           count(*) FILTER (WHERE duration >= 600)::int AS h8
      FROM calls
     GROUP BY 1, 2, 3, 4, 5, 6, 7;

    TRUNCATE analytics_call_rollup, analytics_number_rollup, analytics_daily_rollup, analytics_daily_number_rollup;

    INSERT INTO analytics_call_rollup (
        bucket_start, call_output, sentiment_output, project_id, delivery_status, provider_status,
        calls, duration_sum, dur_under_15s, dur_15_30s, dur_30_60s, dur_1_2m, dur_2_3m, dur_3_5m, dur_5_10m, dur_10m_plus)
    SELECT bucket_start, call_output, sentiment_output, project_id, delivery_status, provider_status,
           sum(calls), sum(duration_sum), sum(h1), sum(h2), sum(h3), sum(h4), sum(h5), sum(h6), sum(h7), sum(h8)
      FROM analytics_rebuild_grain
     GROUP BY 1, 2, 3, 4, 5, 6
     ORDER BY 1, 2, 3, 4, 5, 6;

    INSERT INTO analytics_number_rollup (bucket_start, number_from, call_output, sentiment_output, project_id, calls)
    SELECT bucket_start, number_from, call_output, sentiment_output, project_id, sum(calls)
      FROM analytics_rebuild_grain
     GROUP BY 1, 2, 3, 4, 5
     ORDER BY 1, 2, 3, 4, 5;

    FOR z IN SELECT zone FROM analytics_zones ORDER BY zone LOOP
        PERFORM analytics_fill_zone_days(z, NULL, NULL);
    END LOOP;
    UPDATE analytics_zones SET complete_from = NULL, fully_backfilled = true;

    DROP TABLE analytics_rebuild_grain;
END
$fn$;
