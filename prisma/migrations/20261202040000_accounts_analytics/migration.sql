-- Accounts analytics on /analytics: calls placed in a period (rates, attempts, the best-time heatmap) read
-- from one index alone (index-only scan), promises by when they were made and when they broke.
CREATE INDEX "crm_call_links_placed_idx" ON "crm_call_links"("placed_at", "time_zone", "right_party_contact", "account_id", "debt_id");
CREATE INDEX "crm_promises_made_idx" ON "crm_promises"("made_at");
CREATE INDEX "crm_promises_status_at_idx" ON "crm_promises"("status", "status_at", "account_id", "debt_id");
