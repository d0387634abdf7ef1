-- My work at 1,000,000 calls (lib/accounts/work.ts): each queue is one walk in
-- the queue's order that stops at the count's cap. Partial indexes with
-- INCLUDE columns: the Prisma schema cannot describe them, so they live in SQL
-- only (like those of 20261202030000_work). IF NOT EXISTS: they may already
-- have been built by hand (CONCURRENTLY) on a live database.

-- Callbacks due now: open callbacks by local day. The queue narrows to the
-- last UTC day and later (no zone's today is earlier) and reads the due time,
-- the zone and the owner from the index alone; walked by due time it passed
-- every overdue callback (~88,000 at 1M calls) before the first one due today.
CREATE INDEX IF NOT EXISTS "crm_callbacks_work_today_idx" ON "crm_callbacks"("local_date", "due_at", "id") INCLUDE ("time_zone", "account_id", "assignee") WHERE "status" = 'open';

-- Overdue callbacks, walked by due time: the local day, the zone and the owner
-- from the index alone. Replaces crm_callbacks_work_open_idx (same key).
CREATE INDEX IF NOT EXISTS "crm_callbacks_work_due_idx" ON "crm_callbacks"("due_at", "id") INCLUDE ("local_date", "time_zone", "account_id", "assignee") WHERE "status" = 'open';
DROP INDEX IF EXISTS "crm_callbacks_work_open_idx";
