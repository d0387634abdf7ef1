-- The accounts list at 1M calls / 393k accounts (lib/accounts/list), "promise due in N days":
-- the accounts with a dated open promise (about 8 % of them). Partial, expression and INCLUDE
-- indexes: the Prisma schema cannot describe them, so they live in SQL only.
-- A page in the default order walks this one (due day and break instant in the index, so the
-- filter needs no other read): 125 buffers where a bitmap read and sort of every match took 9,268.
CREATE INDEX "crm_accounts_list_open_promise_idx" ON "crm_accounts" ((COALESCE("last_call_at", '1970-01-01 00:00:00+00'::timestamptz)) DESC, "id" DESC) INCLUDE ("open_promise_due", "open_promise_breaks_at") WHERE "open_promise_due" IS NOT NULL;
-- The total (at most 10,001 matches) is a range of this one, index-only where the pages are
-- all-visible: 4,155 buffers instead of 8,950 at 65 % all-visible.
CREATE INDEX "crm_accounts_list_due_breaks_idx" ON "crm_accounts" ("open_promise_due") INCLUDE ("open_promise_breaks_at") WHERE "open_promise_due" IS NOT NULL;
