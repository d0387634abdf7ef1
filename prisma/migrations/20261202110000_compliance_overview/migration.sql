-- /compliance at 1M calls (lib/compliance/queries.ts, complianceOverview).
--
-- 1. compliance_flag_rollup: flags per UTC day, rule, portfolio and status.
--    The overview's open-by-rule table, weekly trend and flag total read whole
--    UTC days from here and only the part of the first day before midnight
--    from compliance_flags; before, each of the three scanned every flag of
--    the period (90 days at 1M calls: 610k rows, 120k pages, 0.6-0.8 s each).
--    The app's sessions run in UTC, so a UTC day lies in one date_trunc('week')
--    and the trend's weeks are unchanged. Not a Prisma model: only the
--    triggers below write it and only complianceOverview reads it (raw SQL).
--    Kept in step by statement-level triggers with transition tables, as the
--    analytics rollups on calls are: one grouped upsert per statement, keys
--    in sorted order, keys with no net change not written (the worker's
--    ON CONFLICT DO UPDATE that changes nothing visible takes no lock). An
--    update of status (a manager's review), placed_at, rule or portfolio
--    moves the flag between keys; TRUNCATE (also TRUNCATE calls CASCADE)
--    empties it.
-- 2. compliance_flags_rule_status_placed_idx (rule, status, placed_at, id):
--    the drill-down of one rule and status, newest first, is a keyset LIMIT on
--    this index instead of walking compliance_flags_placed_idx and filtering
--    out the other rules (R1 open, 90 days: 2.4k rows read for 52).
-- 3. compliance_flags_placed_rule_idx (placed_at, rule, portfolio, status):
--    the first, partial day of the period (before its UTC midnight, ~7k flags
--    at 1M calls) is counted from this index alone (index-only scan), not by
--    fetching each flag row.
-- 4. compliance_hold_count: the "accounts on hold" figure (accounts with a
--    compliance_next_calls row WHERE next_at IS NULL AND rule R4-R8), kept by
--    statement-level triggers on compliance_next_calls, so the overview adds
--    a few rows instead of counting distinct accounts over 233k rows (at 1M
--    calls: 209k pages through the primary key before). For each account a
--    statement touched, on hold before = (qualifying rows now - inserted +
--    deleted) > 0, after = qualifying rows now > 0; the sum of the changes
--    goes to the row of slot pg_backend_pid() % 16, so concurrent workers
--    (each replaces its accounts' rows: DELETE then INSERT, -1 then +1 for an
--    account on hold) rarely wait on one row, and a transaction holds only
--    its own slot's row, after the flag rollup rows, never before them.
--    Not a Prisma model (only these triggers write it; raw SQL reads it).
-- 5. compliance_next_calls_hold_idx: the rows the count is about, per account
--    (the triggers' probe). A partial index, so it is documented here and not
--    in prisma/schema/compliance.prisma (which has no partial indexes).
-- IF NOT EXISTS: the indexes may have been built CONCURRENTLY ahead of this
-- migration on a large database.

CREATE TABLE "compliance_flag_rollup" (
    "day"       TIMESTAMPTZ(3) NOT NULL,
    "rule"      TEXT NOT NULL,
    "portfolio" TEXT,
    "status"    TEXT NOT NULL,
    "flags"     INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "compliance_flag_rollup_key" UNIQUE NULLS NOT DISTINCT ("day", "rule", "portfolio", "status")
);

CREATE FUNCTION compliance_flag_day(ts timestamptz) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN date_bin('1 day', ts, TIMESTAMPTZ '2000-01-01 00:00:00+00');

-- Spelled out per event (not one function with EXECUTE) so PL/pgSQL caches the plans.
CREATE FUNCTION compliance_flag_rollup_insert() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO compliance_flag_rollup AS r ("day", rule, portfolio, status, flags)
    SELECT * FROM (
        SELECT compliance_flag_day(d.placed_at), d.rule, d.portfolio, d.status, count(*)::int AS flags
          FROM new_rows d
         GROUP BY 1, 2, 3, 4
    ) g
     ORDER BY 1, 2, 3, 4
    ON CONFLICT ("day", rule, portfolio, status) DO UPDATE SET flags = r.flags + EXCLUDED.flags;
    RETURN NULL;
END
$fn$;

CREATE FUNCTION compliance_flag_rollup_update() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO compliance_flag_rollup AS r ("day", rule, portfolio, status, flags)
    SELECT * FROM (
        SELECT compliance_flag_day(d.placed_at), d.rule, d.portfolio, d.status, sum(d.sign)::int AS flags
          FROM (SELECT -1 AS sign, placed_at, rule, portfolio, status FROM old_rows
                UNION ALL
                SELECT 1 AS sign, placed_at, rule, portfolio, status FROM new_rows) d
         GROUP BY 1, 2, 3, 4
    ) g
     WHERE flags <> 0
     ORDER BY 1, 2, 3, 4
    ON CONFLICT ("day", rule, portfolio, status) DO UPDATE SET flags = r.flags + EXCLUDED.flags;
    RETURN NULL;
END
$fn$;

CREATE FUNCTION compliance_flag_rollup_delete() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO compliance_flag_rollup AS r ("day", rule, portfolio, status, flags)
    SELECT * FROM (
        SELECT compliance_flag_day(d.placed_at), d.rule, d.portfolio, d.status, -count(*)::int AS flags
          FROM old_rows d
         GROUP BY 1, 2, 3, 4
    ) g
     ORDER BY 1, 2, 3, 4
    ON CONFLICT ("day", rule, portfolio, status) DO UPDATE SET flags = r.flags + EXCLUDED.flags;
    RETURN NULL;
END
$fn$;

CREATE FUNCTION compliance_flag_rollup_truncate() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    TRUNCATE compliance_flag_rollup;
    RETURN NULL;
END
$fn$;

CREATE TRIGGER "compliance_flag_rollup_insert" AFTER INSERT ON "compliance_flags"
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_flag_rollup_insert();

CREATE TRIGGER "compliance_flag_rollup_update" AFTER UPDATE ON "compliance_flags"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_flag_rollup_update();

CREATE TRIGGER "compliance_flag_rollup_delete" AFTER DELETE ON "compliance_flags"
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_flag_rollup_delete();

CREATE TRIGGER "compliance_flag_rollup_truncate" AFTER TRUNCATE ON "compliance_flags"
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_flag_rollup_truncate();

-- After the triggers (CREATE TRIGGER waits for writers and holds them off until
-- this migration commits): every flag is counted once, here or by a trigger.
INSERT INTO compliance_flag_rollup ("day", rule, portfolio, status, flags)
SELECT compliance_flag_day(placed_at), rule, portfolio, status, count(*)::int
  FROM compliance_flags
 GROUP BY 1, 2, 3, 4;

CREATE INDEX IF NOT EXISTS "compliance_flags_rule_status_placed_idx" ON "compliance_flags"("rule", "status", "placed_at", "id");

CREATE INDEX IF NOT EXISTS "compliance_flags_placed_rule_idx" ON "compliance_flags"("placed_at", "rule", "portfolio", "status");

CREATE INDEX IF NOT EXISTS "compliance_next_calls_hold_idx" ON "compliance_next_calls"("account_id")
    WHERE "next_at" IS NULL AND "rule" IN ('R4', 'R5', 'R6', 'R7', 'R8');

CREATE TABLE "compliance_hold_count" (
    "slot"     SMALLINT NOT NULL,
    "accounts" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "compliance_hold_count_pkey" PRIMARY KEY ("slot")
);

CREATE FUNCTION compliance_hold_count_insert() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO compliance_hold_count AS h (slot, accounts)
    SELECT * FROM (
        SELECT (pg_backend_pid() % 16)::smallint,
               sum((now_n > 0)::int - (now_n - added > 0)::int)::int AS delta
          FROM (SELECT d.account_id, count(*) AS added,
                       (SELECT count(*) FROM compliance_next_calls c
                         WHERE c.account_id = d.account_id AND c.next_at IS NULL AND c.rule IN ('R4', 'R5', 'R6', 'R7', 'R8')) AS now_n
                  FROM new_rows d
                 WHERE d.next_at IS NULL AND d.rule IN ('R4', 'R5', 'R6', 'R7', 'R8')
                 GROUP BY d.account_id) t
    ) g
     WHERE delta <> 0
    ON CONFLICT (slot) DO UPDATE SET accounts = h.accounts + EXCLUDED.accounts;
    RETURN NULL;
END
$fn$;

CREATE FUNCTION compliance_hold_count_update() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO compliance_hold_count AS h (slot, accounts)
    SELECT * FROM (
        SELECT (pg_backend_pid() % 16)::smallint,
               sum((now_n > 0)::int - (now_n - added + removed > 0)::int)::int AS delta
          FROM (SELECT d.account_id, count(*) FILTER (WHERE d.sign > 0) AS added, count(*) FILTER (WHERE d.sign < 0) AS removed,
                       (SELECT count(*) FROM compliance_next_calls c
                         WHERE c.account_id = d.account_id AND c.next_at IS NULL AND c.rule IN ('R4', 'R5', 'R6', 'R7', 'R8')) AS now_n
                  FROM (SELECT -1 AS sign, account_id, next_at, rule FROM old_rows
                        UNION ALL
                        SELECT 1 AS sign, account_id, next_at, rule FROM new_rows) d
                 WHERE d.next_at IS NULL AND d.rule IN ('R4', 'R5', 'R6', 'R7', 'R8')
                 GROUP BY d.account_id) t
    ) g
     WHERE delta <> 0
    ON CONFLICT (slot) DO UPDATE SET accounts = h.accounts + EXCLUDED.accounts;
    RETURN NULL;
END
$fn$;

CREATE FUNCTION compliance_hold_count_delete() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO compliance_hold_count AS h (slot, accounts)
    SELECT * FROM (
        SELECT (pg_backend_pid() % 16)::smallint,
               sum((now_n > 0)::int - (now_n + removed > 0)::int)::int AS delta
          FROM (SELECT d.account_id, count(*) AS removed,
                       (SELECT count(*) FROM compliance_next_calls c
                         WHERE c.account_id = d.account_id AND c.next_at IS NULL AND c.rule IN ('R4', 'R5', 'R6', 'R7', 'R8')) AS now_n
                  FROM old_rows d
                 WHERE d.next_at IS NULL AND d.rule IN ('R4', 'R5', 'R6', 'R7', 'R8')
                 GROUP BY d.account_id) t
    ) g
     WHERE delta <> 0
    ON CONFLICT (slot) DO UPDATE SET accounts = h.accounts + EXCLUDED.accounts;
    RETURN NULL;
END
$fn$;

CREATE FUNCTION compliance_hold_count_truncate() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    TRUNCATE compliance_hold_count;
    RETURN NULL;
END
$fn$;

CREATE TRIGGER "compliance_hold_count_insert" AFTER INSERT ON "compliance_next_calls"
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_hold_count_insert();

CREATE TRIGGER "compliance_hold_count_update" AFTER UPDATE ON "compliance_next_calls"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_hold_count_update();

CREATE TRIGGER "compliance_hold_count_delete" AFTER DELETE ON "compliance_next_calls"
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_hold_count_delete();

CREATE TRIGGER "compliance_hold_count_truncate" AFTER TRUNCATE ON "compliance_next_calls"
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_hold_count_truncate();

-- After the triggers, as for the flag rollup.
INSERT INTO compliance_hold_count (slot, accounts)
SELECT 0, count(DISTINCT account_id)::int
  FROM compliance_next_calls
 WHERE next_at IS NULL AND rule IN ('R4', 'R5', 'R6', 'R7', 'R8');
