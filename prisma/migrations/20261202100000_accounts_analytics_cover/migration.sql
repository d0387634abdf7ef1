-- Accounts KPIs on /analytics: the promises made in a period (made, kept, broken, pending, a plan's calls)
-- from one index alone. At 1M calls, 90 days, the statement read 60,652 buffers (crm_promises_account_made_idx
-- plus the heap) for 101,987 promises; from this index: 995. INCLUDE is not expressible in the Prisma schema,
-- so the index lives in this SQL only (crm_promises_made_idx, made_at alone, stays for the schema's sake).
CREATE INDEX "crm_promises_made_cover_idx" ON "crm_promises"("made_at") INCLUDE ("kind", "status", "call_id", "debt_id");

-- The best-time heatmap: a period's calls by UTC quarter hour and contact zone, in that order, from one index
-- alone (a streaming group aggregate, no hash of 275,404 calls into 7,391 groups at 1M calls, 90 days: backend
-- CPU 77 -> 53 ms per run). An expression index: in this SQL only. The expression must stay exactly the one
-- lib/accounts/analytics.ts getBestTimeToCall groups by.
CREATE INDEX "crm_call_links_slot_idx" ON "crm_call_links"((date_bin('15 minutes', "placed_at", TIMESTAMPTZ '2000-01-03 00:00:00+00')), "time_zone") INCLUDE ("right_party_contact", "placed_at", "debt_id");

-- The broken-promise follow-up: the right-party contacts since the period began in account order (merge-joined
-- to the broken promises by account) from a partial index alone. A partial index: in this SQL only.
CREATE INDEX "crm_call_links_rpc_account_placed_idx" ON "crm_call_links"("account_id", "placed_at") WHERE "right_party_contact";
-- ... and the broken promises in account order too (a skip scan over accounts, grouped without a sort of the
-- period's broken promises: backend CPU 145 -> 108 ms per run at 1M calls, 90 days). Partial: in this SQL only.
CREATE INDEX "crm_promises_broken_account_at_idx" ON "crm_promises"("account_id", "status_at") WHERE "status" = 'broken';
