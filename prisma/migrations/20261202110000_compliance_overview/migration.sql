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
-- 4. compliance_next_calls_hold_idx: the "accounts on hold" count reads only
--    the rows it counts (next_at IS NULL AND rule R4-R8), in account order,
--    instead of the whole primary key (at 1M calls 400k rows, 209k pages).
--    A partial index, so it is documented here and not in
--    prisma/schema/compliance.prisma (which has no partial indexes).
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
