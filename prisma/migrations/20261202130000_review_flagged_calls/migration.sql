-- The review queue's "open compliance flag" source at 1M calls (lib/review/queue.ts).
--
-- compliance_flagged_calls: one row per call with open compliance flags, its
-- placed time and how many flags are open. The queue's page, its total and
-- the navigation's count read the period's flagged calls from its partial
-- index (a few tens of thousands of narrow entries in 14 days at 1M calls)
-- instead of every open flag of the period (~140k rows, three to four per
-- call, deduplicated by a sort each time: the bulk of the queue's 190-240 ms).
-- Not a Prisma model: only the triggers below write it and only the queue
-- reads it (raw SQL), like compliance_flag_rollup.
--
-- Kept in step by statement-level triggers with transition tables: one
-- grouped upsert per statement in call order (two writers touching the same
-- call, which only a shared number's accounts do, lock its row in the same
-- order), a call whose open count does not change not written, and the rows
-- whose count fell to zero removed (a delete is an upsert of minus the count,
-- so it locks in the same order). A flag's placed time is its call's, so the
-- row keeps the latest seen. TRUNCATE (also TRUNCATE calls CASCADE)
-- empties it.

CREATE TABLE "compliance_flagged_calls" (
    "call_id"    UUID NOT NULL,
    "placed_at"  TIMESTAMPTZ(3) NOT NULL,
    "open_flags" INTEGER NOT NULL,
    CONSTRAINT "compliance_flagged_calls_pkey" PRIMARY KEY ("call_id")
);

CREATE INDEX "compliance_flagged_calls_open_idx" ON "compliance_flagged_calls"("placed_at", "call_id") WHERE "open_flags" > 0;

CREATE FUNCTION compliance_flagged_calls_insert() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO compliance_flagged_calls AS r (call_id, placed_at, open_flags)
    SELECT * FROM (
        SELECT d.call_id, max(d.placed_at), count(*)::int
          FROM new_rows d
         WHERE d.status = 'open'
         GROUP BY 1
    ) g
     ORDER BY 1
    ON CONFLICT (call_id) DO UPDATE SET open_flags = r.open_flags + EXCLUDED.open_flags,
                                        placed_at = greatest(r.placed_at, EXCLUDED.placed_at);
    RETURN NULL;
END
$fn$;

CREATE FUNCTION compliance_flagged_calls_update() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO compliance_flagged_calls AS r (call_id, placed_at, open_flags)
    SELECT call_id, new_placed, delta FROM (
        SELECT d.call_id,
               max(d.placed_at) FILTER (WHERE d.sign = 1) AS new_placed,
               max(d.placed_at) FILTER (WHERE d.sign = -1) AS old_placed,
               sum(d.sign * (d.status = 'open')::int)::int AS delta
          FROM (SELECT o.call_id, -1 AS sign, o.placed_at, o.status FROM old_rows o
                UNION ALL
                SELECT n.call_id, 1 AS sign, n.placed_at, n.status FROM new_rows n) d
         GROUP BY 1
    ) g
     WHERE delta <> 0 OR new_placed IS DISTINCT FROM old_placed
     ORDER BY 1
    ON CONFLICT (call_id) DO UPDATE SET open_flags = r.open_flags + EXCLUDED.open_flags, placed_at = EXCLUDED.placed_at;
    DELETE FROM compliance_flagged_calls r
     WHERE r.call_id = ANY (ARRAY(SELECT call_id FROM new_rows UNION SELECT call_id FROM old_rows)) AND r.open_flags <= 0;
    RETURN NULL;
END
$fn$;

CREATE FUNCTION compliance_flagged_calls_delete() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO compliance_flagged_calls AS r (call_id, placed_at, open_flags)
    SELECT * FROM (
        SELECT d.call_id, max(d.placed_at), -count(*)::int
          FROM old_rows d
         WHERE d.status = 'open'
         GROUP BY 1
    ) g
     ORDER BY 1
    ON CONFLICT (call_id) DO UPDATE SET open_flags = r.open_flags + EXCLUDED.open_flags;
    DELETE FROM compliance_flagged_calls r
     WHERE r.call_id = ANY (ARRAY(SELECT DISTINCT call_id FROM old_rows)) AND r.open_flags <= 0;
    RETURN NULL;
END
$fn$;

CREATE FUNCTION compliance_flagged_calls_truncate() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    TRUNCATE compliance_flagged_calls;
    RETURN NULL;
END
$fn$;

CREATE TRIGGER "compliance_flagged_calls_insert" AFTER INSERT ON "compliance_flags"
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_flagged_calls_insert();

CREATE TRIGGER "compliance_flagged_calls_update" AFTER UPDATE ON "compliance_flags"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_flagged_calls_update();

CREATE TRIGGER "compliance_flagged_calls_delete" AFTER DELETE ON "compliance_flags"
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_flagged_calls_delete();

CREATE TRIGGER "compliance_flagged_calls_truncate" AFTER TRUNCATE ON "compliance_flags"
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_flagged_calls_truncate();

-- After the triggers (CREATE TRIGGER waits for writers and holds them off until
-- this migration commits): every open flag is counted once, here or by a trigger.
INSERT INTO compliance_flagged_calls (call_id, placed_at, open_flags)
SELECT call_id, max(placed_at), count(*)::int
  FROM compliance_flags
 WHERE status = 'open'
 GROUP BY 1;

-- The queue read the open flags through this index; nothing else does.
DROP INDEX IF EXISTS "compliance_flags_open_placed_call_idx";
