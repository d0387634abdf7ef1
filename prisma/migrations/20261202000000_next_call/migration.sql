-- The next permissible call per account (the compliance guard writes it after
-- each evaluation; null = not evaluated yet). Kept on the account row so the
-- accounts list can sort by it without a join.
ALTER TABLE "crm_accounts" ADD COLUMN "next_call_at" TIMESTAMPTZ(3);
ALTER TABLE "crm_accounts" ADD COLUMN "next_call_reason" TEXT;
CREATE INDEX "crm_accounts_next_call_idx" ON "crm_accounts"("next_call_at", "id");
