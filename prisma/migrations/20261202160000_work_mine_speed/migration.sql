-- My work, own + unassigned, at 1M calls (lib/accounts/work.ts). Each queue
-- walks up to 1,001 rows and tests each row's account: its owner, and for
-- broken promises its last right-party contact. Both indexes are SQL only
-- (INCLUDE and partial indexes are not Prisma @@index lines). IF NOT EXISTS:
-- they were built CONCURRENTLY ahead of this migration on the 1M database.
--
-- The account probe, index only: 0.025 -> 0.005 ms a row (the table's rows
-- carry the derived JSON, so a heap probe touched a wide page per row).
CREATE INDEX IF NOT EXISTS "crm_accounts_owner_probe_idx" ON "crm_accounts"("id") INCLUDE ("assignee_id", "last_right_party_at");

-- Promises due today or tomorrow in their own zone, index only: the walk over
-- the four UTC days around today read each pending promise's heap row for its
-- zone (7.4 ms for 1,140 rows; 1.2 ms from this index).
CREATE INDEX IF NOT EXISTS "crm_promises_work_due_idx" ON "crm_promises"("due_date", "id") INCLUDE ("account_id", "time_zone", "breaks_at") WHERE "status" = 'pending';
