-- compliance_flag_rollup in slots, so that concurrent derivations stop
-- queueing behind each other.
--
-- Every derivation that writes flags upserts the rollup rows of its flags'
-- (day, rule, portfolio, status). Under live traffic those are the same few
-- rows (today's, per rule and portfolio), and an upsert of a row another
-- open transaction has written waits for that transaction to end: the
-- worker's jobs ran one after another, each holding its accounts' locks
-- while it waited, so the jobs behind it waited on those too (at 300
-- deliveries/s, half of the sampled waits of the derivation were on these
-- rows and the accounts caught up 15-20 s late).
--
-- Each transaction now writes the slot of its transaction id (8 slots, as
-- compliance_hold_count spreads its writers), so two derivations share a row
-- only when their ids fall in one slot. A slot's count is a delta: a flag
-- counted in one slot may be removed in another, so a slot can go negative;
-- readers sum the slots of a key (lib/compliance/queries.ts). Rows already
-- there are slot 0.

ALTER TABLE "compliance_flag_rollup" ADD COLUMN "slot" SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE "compliance_flag_rollup" DROP CONSTRAINT "compliance_flag_rollup_key";
ALTER TABLE "compliance_flag_rollup"
    ADD CONSTRAINT "compliance_flag_rollup_key" UNIQUE NULLS NOT DISTINCT ("day", "rule", "portfolio", "status", "slot");

CREATE FUNCTION compliance_flag_rollup_slot() RETURNS smallint
    LANGUAGE sql VOLATILE
    RETURN (txid_current() % 8)::smallint;

-- The same functions as in 20261202110000_compliance_overview, with the slot.
CREATE OR REPLACE FUNCTION compliance_flag_rollup_insert() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO compliance_flag_rollup AS r ("day", rule, portfolio, status, flags, slot)
    SELECT g.*, compliance_flag_rollup_slot() FROM (
        SELECT compliance_flag_day(d.placed_at), d.rule, d.portfolio, d.status, count(*)::int AS flags
          FROM new_rows d
         GROUP BY 1, 2, 3, 4
    ) g
     ORDER BY 1, 2, 3, 4
    ON CONFLICT ("day", rule, portfolio, status, slot) DO UPDATE SET flags = r.flags + EXCLUDED.flags;
    RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION compliance_flag_rollup_update() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO compliance_flag_rollup AS r ("day", rule, portfolio, status, flags, slot)
    SELECT g.*, compliance_flag_rollup_slot() FROM (
        SELECT compliance_flag_day(d.placed_at), d.rule, d.portfolio, d.status, sum(d.sign)::int AS flags
          FROM (SELECT -1 AS sign, placed_at, rule, portfolio, status FROM old_rows
                UNION ALL
                SELECT 1 AS sign, placed_at, rule, portfolio, status FROM new_rows) d
         GROUP BY 1, 2, 3, 4
    ) g
     WHERE g.flags <> 0
     ORDER BY 1, 2, 3, 4
    ON CONFLICT ("day", rule, portfolio, status, slot) DO UPDATE SET flags = r.flags + EXCLUDED.flags;
    RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION compliance_flag_rollup_delete() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO compliance_flag_rollup AS r ("day", rule, portfolio, status, flags, slot)
    SELECT g.*, compliance_flag_rollup_slot() FROM (
        SELECT compliance_flag_day(d.placed_at), d.rule, d.portfolio, d.status, -count(*)::int AS flags
          FROM old_rows d
         GROUP BY 1, 2, 3, 4
    ) g
     ORDER BY 1, 2, 3, 4
    ON CONFLICT ("day", rule, portfolio, status, slot) DO UPDATE SET flags = r.flags + EXCLUDED.flags;
    RETURN NULL;
END
$fn$;
