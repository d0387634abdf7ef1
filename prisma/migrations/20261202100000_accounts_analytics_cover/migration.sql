-- Accounts KPIs on /analytics: the promises made in a period (made, kept, broken, pending, a plan's calls)
-- from one index alone. At 1M calls, 90 days, the statement read 60,652 buffers (crm_promises_account_made_idx
-- plus the heap) for 101,987 promises; from this index: 995. INCLUDE is not expressible in the Prisma schema,
-- so the index lives in this SQL only (crm_promises_made_idx, made_at alone, stays for the schema's sake).
CREATE INDEX "crm_promises_made_cover_idx" ON "crm_promises"("made_at") INCLUDE ("kind", "status", "call_id", "debt_id");
