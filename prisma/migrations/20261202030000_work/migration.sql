-- My work (/work, GET /api/work, lib/accounts/work.ts): each queue is an
-- ordered index scan that stops after a page of rows, and done / snooze
-- (crm_account_events kinds work_done / work_snooze) are probed per row by
-- account and item. Partial and expression indexes: the Prisma schema cannot
-- describe them, so they live in SQL only (like crm_promises_needs_review_idx).

-- Broken promises, the latest due first (read backwards).
CREATE INDEX "crm_promises_work_broken_idx" ON "crm_promises"("due_date", "id") WHERE "status" = 'broken';
-- Pending promises in due order (the due today / tomorrow range).
CREATE INDEX "crm_promises_work_pending_idx" ON "crm_promises"("due_date", "id") WHERE "status" = 'pending';
-- Needs review, pending or broken, oldest first.
CREATE INDEX "crm_promises_work_review_idx" ON "crm_promises"("made_at", "id") WHERE "needs_review" AND "status" IN ('pending', 'broken');
-- Open callbacks in due order.
CREATE INDEX "crm_callbacks_work_open_idx" ON "crm_callbacks"("due_at", "id") WHERE "status" = 'open';
-- Wrong / not-in-service numbers, oldest first.
CREATE INDEX "crm_account_numbers_work_idx" ON "crm_account_numbers"("since", "account_id", "number") WHERE "status" IN ('wrong_number', 'not_in_service');
-- Done / snoozed items of an account.
CREATE INDEX "crm_account_events_work_item_idx" ON "crm_account_events"("account_id", ("payload"->>'item')) WHERE "kind" IN ('work_done', 'work_snooze');

-- Round-robin ownership (crm_settings.round_robin): the next agent per portfolio.
CREATE TABLE "crm_round_robin" (
    "portfolio" TEXT NOT NULL,
    "assigned" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "crm_round_robin_pkey" PRIMARY KEY ("portfolio")
);
