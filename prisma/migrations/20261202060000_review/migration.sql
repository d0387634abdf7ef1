-- Human verdicts on calls (the review loop). The AI's outcome and sentiment
-- stay on `calls`; a verdict sits beside them. Verdicts are few (people give
-- them), so reads that apply them join this small table by call_id, never
-- the other way round.
CREATE TABLE "call_verdicts" (
    "call_id"      UUID NOT NULL,
    "received_at"  TIMESTAMPTZ(3) NOT NULL,
    "outcome"      TEXT,
    "sentiment"    TEXT,
    "ai_outcome"   TEXT,
    "ai_sentiment" TEXT,
    "reason"       TEXT NOT NULL,
    "by_id"        TEXT NOT NULL,
    "by_name"      TEXT NOT NULL,
    "at"           TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "source"       TEXT NOT NULL,
    "review_id"    UUID,
    "corrected"    BOOLEAN GENERATED ALWAYS AS (
        ("outcome" IS NOT NULL AND "outcome" IS DISTINCT FROM "ai_outcome")
        OR ("sentiment" IS NOT NULL AND "sentiment" IS DISTINCT FROM "ai_sentiment")) STORED,
    CONSTRAINT "call_verdicts_pkey" PRIMARY KEY ("call_id"),
    CONSTRAINT "call_verdicts_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE,
    CONSTRAINT "call_verdicts_source_check" CHECK ("source" IN ('override', 'review')),
    CONSTRAINT "call_verdicts_reason_check" CHECK (length(btrim("reason")) BETWEEN 1 AND 2000)
);
CREATE INDEX "call_verdicts_outcome_idx" ON "call_verdicts"("outcome");
CREATE INDEX "call_verdicts_sentiment_idx" ON "call_verdicts"("sentiment");
CREATE INDEX "call_verdicts_at_idx" ON "call_verdicts"("at");
-- calls.received_at copied (it never changes): a period's verdicts are found
-- here, then only their calls are read, instead of reading every call of the
-- period to find the few with a verdict.
CREATE INDEX "call_verdicts_received_at_idx" ON "call_verdicts"("received_at");

-- The history: one row per verdict given (the audit trail records the same with the request's address).
CREATE TABLE "call_verdict_changes" (
    "id"           BIGSERIAL NOT NULL,
    "call_id"      UUID NOT NULL,
    "outcome"      TEXT,
    "sentiment"    TEXT,
    "ai_outcome"   TEXT,
    "ai_sentiment" TEXT,
    "reason"       TEXT NOT NULL,
    "by_id"        TEXT NOT NULL,
    "by_name"      TEXT NOT NULL,
    "at"           TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "source"       TEXT NOT NULL,
    "review_id"    UUID,
    CONSTRAINT "call_verdict_changes_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "call_verdict_changes_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE
);
CREATE INDEX "call_verdict_changes_call_at_idx" ON "call_verdict_changes"("call_id", "at");
