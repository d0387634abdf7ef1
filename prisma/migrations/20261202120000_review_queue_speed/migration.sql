-- The review queue at 1M calls (lib/review/queue.ts). The indexes are SQL
-- only (expression keys and partial indexes are not Prisma @@index lines).
-- IF NOT EXISTS: they were tried on the shared 1M database under these names
-- (CREATE INDEX CONCURRENTLY), so migrating it keeps them.
--
-- The sample: the period's calls with their bucket compared in the index
-- (qa_sample_bucket is IMMUTABLE), so only the sampled few are read from the
-- table instead of the bucket being computed for every call of 14 days.
CREATE INDEX IF NOT EXISTS "calls_qa_sample_idx" ON "calls"("received_at", qa_sample_bucket("id"));

-- The open compliance flags' calls since a date, index only: the queue's
-- total and count read ~100k of these per 14 days, never the wide flag rows.
CREATE INDEX IF NOT EXISTS "compliance_flags_open_placed_call_idx" ON "compliance_flags"("placed_at", "call_id") WHERE "status" = 'open';

-- NEGATIVE sentiment with a payment outcome, index only: the period's ~2,000
-- such calls from ~65 buffers instead of every NEGATIVE call's row (~5,700).
CREATE INDEX IF NOT EXISTS "calls_qa_negative_idx" ON "calls"("call_output", "received_at", "id") WHERE "sentiment_output" = 'NEGATIVE';
