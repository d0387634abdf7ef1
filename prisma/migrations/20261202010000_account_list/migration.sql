-- The accounts list (/accounts, GET /api/accounts) reads one row per account:
-- the open promise, the open callback and the filter flags are kept on
-- crm_accounts by the derivation (lib/accounts/store.ts listColumns), so a
-- page is one keyset range scan with no join and no aggregate.
ALTER TABLE "crm_accounts" ADD COLUMN "portfolios" TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE "crm_accounts" ADD COLUMN "open_promise_id" TEXT;
ALTER TABLE "crm_accounts" ADD COLUMN "open_promise_due" DATE;
ALTER TABLE "crm_accounts" ADD COLUMN "open_promise_amount_cents" INTEGER;
ALTER TABLE "crm_accounts" ADD COLUMN "open_promise_currency" TEXT;
ALTER TABLE "crm_accounts" ADD COLUMN "open_promise_breaks_at" TIMESTAMPTZ(3);
ALTER TABLE "crm_accounts" ADD COLUMN "open_callback_due" TIMESTAMPTZ(3);
ALTER TABLE "crm_accounts" ADD COLUMN "broken_promises" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "crm_accounts" ADD COLUMN "wrong_numbers" INTEGER NOT NULL DEFAULT 0;

-- The two orderings (nulls folded into sentinels so a keyset cursor is a plain row comparison).
CREATE INDEX "crm_accounts_list_last_idx" ON "crm_accounts" ((COALESCE("last_call_at", '1970-01-01 00:00:00+00'::timestamptz)) DESC, "id" DESC);
CREATE INDEX "crm_accounts_list_next_idx" ON "crm_accounts" ((COALESCE("next_call_at", '9999-12-31 00:00:00+00'::timestamptz)), "id");
CREATE INDEX "crm_accounts_list_assignee_idx" ON "crm_accounts" ("assignee_id", (COALESCE("last_call_at", '1970-01-01 00:00:00+00'::timestamptz)) DESC, "id" DESC);
-- One partial index per flag filter, in the default order: a rare flag is read straight from its own index.
CREATE INDEX "crm_accounts_list_broken_idx" ON "crm_accounts" ((COALESCE("last_call_at", '1970-01-01 00:00:00+00'::timestamptz)) DESC, "id" DESC) WHERE "broken_promises" > 0;
CREATE INDEX "crm_accounts_list_overdue_idx" ON "crm_accounts" ("open_promise_breaks_at") WHERE "open_promise_breaks_at" IS NOT NULL;
CREATE INDEX "crm_accounts_list_callback_idx" ON "crm_accounts" ((COALESCE("last_call_at", '1970-01-01 00:00:00+00'::timestamptz)) DESC, "id" DESC) WHERE "open_callback_due" IS NOT NULL;
CREATE INDEX "crm_accounts_list_wrong_idx" ON "crm_accounts" ((COALESCE("last_call_at", '1970-01-01 00:00:00+00'::timestamptz)) DESC, "id" DESC) WHERE "wrong_numbers" > 0;
CREATE INDEX "crm_accounts_list_unreached_idx" ON "crm_accounts" ((COALESCE("last_call_at", '1970-01-01 00:00:00+00'::timestamptz)) DESC, "id" DESC) WHERE "right_party_contacts" = 0;
CREATE INDEX "crm_accounts_list_promise_due_idx" ON "crm_accounts" ("open_promise_due") WHERE "open_promise_due" IS NOT NULL;
CREATE INDEX "crm_accounts_list_portfolios_idx" ON "crm_accounts" USING GIN ("portfolios");
-- Search: key prefix (whole key, or the value after `field:`), number prefix.
CREATE INDEX "crm_accounts_list_key_idx" ON "crm_accounts" ((lower("key")) text_pattern_ops);
CREATE INDEX "crm_accounts_list_key_value_idx" ON "crm_accounts" ((lower(substr("key", strpos("key", ':') + 1))) text_pattern_ops);
CREATE INDEX "crm_account_numbers_number_prefix_idx" ON "crm_account_numbers" ("number" text_pattern_ops);
