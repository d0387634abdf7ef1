-- Accounts (the collections CRM). Matches prisma/schema/accounts.prisma.
-- Derived tables are replaced per account by the worker (lib/accounts/worker);
-- a trigger on calls queues that work in graphile-worker, in the same
-- transaction as the call write, so nothing is lost and the webhook answer
-- never waits for derivation. graphile-worker's own schema is installed by
-- lib/db/migrate.ts before this file runs.

CREATE TABLE "crm_accounts" (
    "id"                   UUID NOT NULL DEFAULT gen_random_uuid(),
    "key"                  TEXT NOT NULL,
    "key_source"           TEXT NOT NULL,
    "assignee_id"          TEXT,
    "created_at"           TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "derived_at"           TIMESTAMPTZ(3),
    "extraction_version"   INTEGER,
    "calls"                INTEGER NOT NULL DEFAULT 0,
    "connected"            INTEGER NOT NULL DEFAULT 0,
    "conversations"        INTEGER NOT NULL DEFAULT 0,
    "right_party_contacts" INTEGER NOT NULL DEFAULT 0,
    "last_call_at"         TIMESTAMPTZ(3),
    "last_right_party_at"  TIMESTAMPTZ(3),
    "derived"              JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "crm_accounts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "crm_accounts_assignee_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL,
    CONSTRAINT "crm_accounts_key_source_check" CHECK ("key_source" IN ('metadata', 'number'))
);
CREATE UNIQUE INDEX "crm_accounts_key_key" ON "crm_accounts"("key");
CREATE INDEX "crm_accounts_assignee_last_call_idx" ON "crm_accounts"("assignee_id", "last_call_at" DESC);
CREATE INDEX "crm_accounts_last_call_id_idx" ON "crm_accounts"("last_call_at" DESC, "id" DESC);
-- Search by key prefix (`account_id:A1…`).
CREATE INDEX "crm_accounts_key_pattern_idx" ON "crm_accounts"("key" text_pattern_ops);

CREATE TABLE "crm_account_numbers" (
    "account_id"     UUID NOT NULL,
    "number"         TEXT NOT NULL,
    "status"         TEXT NOT NULL DEFAULT 'active',
    "since"          TIMESTAMPTZ(3) NOT NULL,
    "status_call_id" UUID NOT NULL,
    "calls"          INTEGER NOT NULL DEFAULT 0,
    "last_call_at"   TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "crm_account_numbers_pkey" PRIMARY KEY ("account_id", "number"),
    CONSTRAINT "crm_account_numbers_account_fkey" FOREIGN KEY ("account_id") REFERENCES "crm_accounts"("id") ON DELETE CASCADE,
    CONSTRAINT "crm_account_numbers_status_check" CHECK ("status" IN ('active', 'wrong_number', 'not_in_service'))
);
CREATE INDEX "crm_account_numbers_number_idx" ON "crm_account_numbers"("number");
CREATE INDEX "crm_account_numbers_status_since_idx" ON "crm_account_numbers"("status", "since" DESC);

CREATE TABLE "crm_debts" (
    "id"         UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "key"        TEXT NOT NULL,
    "portfolio"  TEXT,
    "source"     TEXT NOT NULL,
    CONSTRAINT "crm_debts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "crm_debts_account_fkey" FOREIGN KEY ("account_id") REFERENCES "crm_accounts"("id") ON DELETE CASCADE,
    CONSTRAINT "crm_debts_source_check" CHECK ("source" IN ('portfolio', 'debt_id'))
);
CREATE UNIQUE INDEX "crm_debts_key_key" ON "crm_debts"("key");
CREATE INDEX "crm_debts_account_id_idx" ON "crm_debts"("account_id");
CREATE INDEX "crm_debts_portfolio_idx" ON "crm_debts"("portfolio");

CREATE TABLE "crm_call_links" (
    "call_id"             UUID NOT NULL,
    "account_id"          UUID NOT NULL,
    "debt_id"             UUID,
    "call_updated_at"     TIMESTAMPTZ(3) NOT NULL,
    "placed_at"           TIMESTAMPTZ(3) NOT NULL,
    "local_date"          TEXT NOT NULL,
    "time_zone"           TEXT NOT NULL,
    "outcome"             TEXT,
    "connected"           BOOLEAN NOT NULL,
    "conversation"        BOOLEAN NOT NULL,
    "right_party_contact" BOOLEAN NOT NULL,
    CONSTRAINT "crm_call_links_pkey" PRIMARY KEY ("call_id"),
    CONSTRAINT "crm_call_links_call_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE,
    CONSTRAINT "crm_call_links_account_fkey" FOREIGN KEY ("account_id") REFERENCES "crm_accounts"("id") ON DELETE CASCADE,
    CONSTRAINT "crm_call_links_debt_fkey" FOREIGN KEY ("debt_id") REFERENCES "crm_debts"("id") ON DELETE SET NULL
);
CREATE INDEX "crm_call_links_account_placed_idx" ON "crm_call_links"("account_id", "placed_at" DESC);
CREATE INDEX "crm_call_links_debt_id_idx" ON "crm_call_links"("debt_id");

CREATE TABLE "crm_promises" (
    "id"                  TEXT NOT NULL,
    "account_id"          UUID NOT NULL,
    "debt_id"             UUID,
    "call_id"             UUID NOT NULL,
    "kind"                TEXT NOT NULL,
    "made_at"             TIMESTAMPTZ(3) NOT NULL,
    "amount_cents"        INTEGER,
    "currency"            TEXT,
    "due_date"            DATE,
    "time_zone"           TEXT NOT NULL,
    "confidence"          TEXT NOT NULL,
    "source"              TEXT NOT NULL,
    "evidence_turn"       INTEGER,
    "evidence_start"      INTEGER,
    "evidence_end"        INTEGER,
    "evidence_text"       TEXT,
    "status"              TEXT NOT NULL,
    "status_at"           TIMESTAMPTZ(3),
    "breaks_at"           TIMESTAMPTZ(3),
    "resolved_by_call_id" UUID,
    "needs_review"        BOOLEAN NOT NULL DEFAULT false,
    "review_reasons"      TEXT[] NOT NULL DEFAULT '{}',
    "installment_index"   INTEGER,
    "extraction_version"  INTEGER NOT NULL,
    "detail"              JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "crm_promises_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "crm_promises_account_fkey" FOREIGN KEY ("account_id") REFERENCES "crm_accounts"("id") ON DELETE CASCADE,
    CONSTRAINT "crm_promises_debt_fkey" FOREIGN KEY ("debt_id") REFERENCES "crm_debts"("id") ON DELETE SET NULL,
    CONSTRAINT "crm_promises_call_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE,
    CONSTRAINT "crm_promises_kind_check" CHECK ("kind" IN ('promise', 'extension', 'installment')),
    CONSTRAINT "crm_promises_confidence_check" CHECK ("confidence" IN ('high', 'medium', 'low')),
    CONSTRAINT "crm_promises_status_check" CHECK ("status" IN ('pending', 'kept', 'kept_late', 'broken', 'superseded', 'cancelled')),
    CONSTRAINT "crm_promises_amount_check" CHECK ("amount_cents" IS NULL OR "amount_cents" >= 0)
);
CREATE INDEX "crm_promises_account_made_idx" ON "crm_promises"("account_id", "made_at");
CREATE INDEX "crm_promises_status_due_idx" ON "crm_promises"("status", "due_date");
CREATE INDEX "crm_promises_status_breaks_idx" ON "crm_promises"("status", "breaks_at");
CREATE INDEX "crm_promises_call_id_idx" ON "crm_promises"("call_id");
-- Needs review queue: small partial index.
CREATE INDEX "crm_promises_needs_review_idx" ON "crm_promises"("made_at") WHERE "needs_review" AND "status" = 'pending';

CREATE TABLE "crm_callbacks" (
    "id"                TEXT NOT NULL,
    "account_id"        UUID NOT NULL,
    "call_id"           UUID NOT NULL,
    "requested_at"      TIMESTAMPTZ(3) NOT NULL,
    "due_at"            TIMESTAMPTZ(3) NOT NULL,
    "local_date"        TEXT NOT NULL,
    "local_time"        TEXT NOT NULL,
    "time_zone"         TEXT NOT NULL,
    "defaulted"         BOOLEAN NOT NULL,
    "time_assumed"      BOOLEAN NOT NULL,
    "status"            TEXT NOT NULL,
    "closed_at"         TIMESTAMPTZ(3),
    "closed_by_call_id" UUID,
    "closed_by"         TEXT,
    "assignee"          TEXT,
    "detail"            JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "crm_callbacks_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "crm_callbacks_account_fkey" FOREIGN KEY ("account_id") REFERENCES "crm_accounts"("id") ON DELETE CASCADE,
    CONSTRAINT "crm_callbacks_call_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE,
    CONSTRAINT "crm_callbacks_status_check" CHECK ("status" IN ('open', 'done', 'cancelled'))
);
CREATE INDEX "crm_callbacks_account_id_idx" ON "crm_callbacks"("account_id");
CREATE INDEX "crm_callbacks_status_due_idx" ON "crm_callbacks"("status", "due_at");
CREATE INDEX "crm_callbacks_assignee_status_due_idx" ON "crm_callbacks"("assignee", "status", "due_at");

CREATE TABLE "crm_account_events" (
    "id"         UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "kind"       TEXT NOT NULL,
    "payload"    JSONB NOT NULL DEFAULT '{}',
    "by"         TEXT NOT NULL,
    "at"         TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT "crm_account_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "crm_account_events_account_fkey" FOREIGN KEY ("account_id") REFERENCES "crm_accounts"("id") ON DELETE CASCADE
);
CREATE INDEX "crm_account_events_account_at_idx" ON "crm_account_events"("account_id", "at");

CREATE TABLE "crm_notes" (
    "id"         UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID,
    "call_id"    UUID,
    "author_id"  TEXT NOT NULL,
    "body"       TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "deleted_at" TIMESTAMPTZ(3),
    CONSTRAINT "crm_notes_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "crm_notes_account_fkey" FOREIGN KEY ("account_id") REFERENCES "crm_accounts"("id") ON DELETE CASCADE,
    CONSTRAINT "crm_notes_call_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE,
    CONSTRAINT "crm_notes_target_check" CHECK (("account_id" IS NULL) <> ("call_id" IS NULL)),
    CONSTRAINT "crm_notes_body_check" CHECK (char_length("body") BETWEEN 1 AND 10000)
);
CREATE INDEX "crm_notes_account_created_idx" ON "crm_notes"("account_id", "created_at");
CREATE INDEX "crm_notes_call_created_idx" ON "crm_notes"("call_id", "created_at");

CREATE TABLE "crm_note_revisions" (
    "id"        BIGSERIAL NOT NULL,
    "note_id"   UUID NOT NULL,
    "body"      TEXT NOT NULL,
    "edited_by" TEXT NOT NULL,
    "edited_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT "crm_note_revisions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "crm_note_revisions_note_fkey" FOREIGN KEY ("note_id") REFERENCES "crm_notes"("id") ON DELETE CASCADE
);
CREATE INDEX "crm_note_revisions_note_edited_idx" ON "crm_note_revisions"("note_id", "edited_at");

CREATE TABLE "crm_settings" (
    "id"                   INTEGER NOT NULL DEFAULT 1,
    "key_fields"           TEXT[] NOT NULL DEFAULT ARRAY['account_id', 'extra_id'],
    "grace_days"           INTEGER NOT NULL DEFAULT 0,
    "default_time_zone"    TEXT NOT NULL DEFAULT 'America/New_York',
    "default_installments" INTEGER NOT NULL DEFAULT 6,
    "round_robin"          BOOLEAN NOT NULL DEFAULT false,
    "round_robin_user_ids" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "updated_at"           TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "updated_by"           TEXT,
    CONSTRAINT "crm_settings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "crm_settings_single_row" CHECK ("id" = 1),
    CONSTRAINT "crm_settings_grace_check" CHECK ("grace_days" BETWEEN 0 AND 90),
    CONSTRAINT "crm_settings_installments_check" CHECK ("default_installments" BETWEEN 1 AND 60)
);
INSERT INTO "crm_settings" ("id") VALUES (1);

-- Queue derivation for every call written, in the writer's transaction (so
-- the job exists exactly when the call does, and the webhook answer never
-- waits for derivation). Statement-level with transition tables: one
-- add_jobs call per statement, however many calls it wrote.
--
-- Bursts coalesce: calls are gathered per half-second bucket and shard into
-- one job (job_key `crm_link:<shard>:<bucket>`, whose JSON-array payload
-- graphile-worker concatenates on every add while the job waits), and the job
-- runs when its bucket has closed. At 300 deliveries/s that is ~4 jobs a
-- second of ~75 calls each instead of 300 jobs; a bucket holds at most half a
-- second of calls, so a worker outage never grows one payload without bound.
-- Updates queue only calls whose updated_at moved (the ingest merge sets it).
CREATE FUNCTION crm_queue_call_ids(ids jsonb) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    bucket bigint := floor(extract(epoch FROM clock_timestamp()) * 2);
BEGIN
    PERFORM graphile_worker.add_jobs(
        array_agg(ROW('crm_link_calls', s.ids::json, NULL, to_timestamp((bucket + 1) / 2.0), 25, 'crm_link:' || s.shard || ':' || bucket, 0, NULL)::graphile_worker.job_spec),
        true)
      FROM (SELECT abs(hashtext(e.value)) % 2 AS shard, jsonb_agg(e.value) AS ids
              FROM jsonb_array_elements_text(ids) AS e(value)
             GROUP BY 1) s;
END $$;

CREATE FUNCTION crm_queue_calls_insert() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    ids jsonb;
BEGIN
    SELECT jsonb_agg(n.id::text) INTO ids FROM new_calls n;
    IF ids IS NOT NULL THEN
        PERFORM crm_queue_call_ids(ids);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION crm_queue_calls_update() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    ids jsonb;
BEGIN
    SELECT jsonb_agg(n.id::text) INTO ids
      FROM new_calls n JOIN old_calls o ON o.id = n.id
     WHERE n.updated_at IS DISTINCT FROM o.updated_at;
    IF ids IS NOT NULL THEN
        PERFORM crm_queue_call_ids(ids);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER "crm_queue_insert" AFTER INSERT ON "calls"
    REFERENCING NEW TABLE AS new_calls
    FOR EACH STATEMENT EXECUTE FUNCTION crm_queue_calls_insert();

CREATE TRIGGER "crm_queue_update" AFTER UPDATE ON "calls"
    REFERENCING OLD TABLE AS old_calls NEW TABLE AS new_calls
    FOR EACH STATEMENT EXECUTE FUNCTION crm_queue_calls_update();
