-- The managers' per-agent My work summary as last counted (lib/accounts/work-summary.ts).
-- Counting every open item takes ~1.4 s at 1,000,000 calls; the accounts worker
-- recounts it every minute and the page reads this one row.
CREATE TABLE "crm_work_summary" (
    "id" INTEGER NOT NULL,
    "summary" JSONB NOT NULL,
    "counted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "crm_work_summary_pkey" PRIMARY KEY ("id")
);
